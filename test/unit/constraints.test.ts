import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstBadTagCharacter, formatTags, nameFromFileName, parseTags, validateKeyName, validateTags } from '../../src/core/constraints';

void describe('validateKeyName', () => {
  void it('accepts names IVS accepts, including the empty name', () => {
    for (const name of ['', 'a', 'my-key_01', 'A'.repeat(128), '-_-']) {
      assert.equal(validateKeyName(name), undefined, name);
    }
  });

  void it('rejects names over 128 characters, saying the length', () => {
    const msg = validateKeyName('a'.repeat(129));
    assert.match(msg ?? '', /at most 128/);
    assert.match(msg ?? '', /: 129 characters$/);
  });

  void it('names the offending characters once each, making spaces visible', () => {
    const msg = validateKeyName('my key.pem key');
    assert.ok(msg);
    assert.match(msg, /only letters, digits, '-' and '_'/);
    assert.match(msg, /: ' ' \(space\) '\.'$/);
  });

  void it('shows control characters as code points', () => {
    assert.match(validateKeyName('a\tb') ?? '', /U\+0009$/);
  });

  void it('rejects non-ASCII letters (the pattern is ASCII)', () => {
    assert.ok(validateKeyName('clé'));
  });
});

void describe('nameFromFileName', () => {
  const cases: Array<[string, string]> = [
    ['priv.pem', 'priv'],
    ['my key.pub.pem', 'my-key-pub'],
    ['/home/me/keys/playback key (1).pem', 'playback-key-1'],
    ['C:\\Users\\me\\keys\\stage.key', 'stage'],
    ['--weird..name--.pem', 'weird-name'],
    ['.pem', 'pem'],
    ['noext', 'noext'],
    ['ключ.pem', ''],
    ['under_score-dash.pem', 'under_score-dash'],
  ];
  for (const [input, expected] of cases) {
    void it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(nameFromFileName(input), expected);
    });
  }

  void it('cuts to 128 characters without leaving a dash at the end', () => {
    const name = nameFromFileName(`${'a'.repeat(127)} b.pem`);
    assert.equal(name, 'a'.repeat(127));
    assert.equal(nameFromFileName(`${'b'.repeat(200)}.pem`).length, 128);
  });

  void it('always yields a valid name', () => {
    for (const input of ['a b c', '💥.pem', 'x'.repeat(500), '---', '']) {
      assert.equal(validateKeyName(nameFromFileName(input)), undefined, input);
    }
  });
});

void describe('parseTags', () => {
  void it('parses a comma-separated key=value list, trimming around keys and values', () => {
    assert.deepEqual(parseTags(' team = video , env=prod,empty=', 'ivs'), { tags: { team: 'video', env: 'prod', empty: '' } });
  });

  void it('treats empty text and stray commas as no tags', () => {
    assert.deepEqual(parseTags('', 'ivs'), { tags: {} });
    assert.deepEqual(parseTags('  ', 'ivs'), { tags: {} });
    assert.deepEqual(parseTags('a=1,,', 'ivs'), { tags: { a: '1' } });
  });

  void it('splits on the first = only', () => {
    assert.deepEqual(parseTags('url=https://x/?a=b', 'ivs-realtime'), { tags: { url: 'https://x/?a=b' } });
  });

  void it('keeps __proto__ as an ordinary key', () => {
    const parsed = parseTags('__proto__=x', 'ivs');
    assert.ok('tags' in parsed);
    assert.equal(Object.getPrototypeOf(parsed.tags), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(parsed.tags, '__proto__')?.value, 'x');
  });

  const errors: Array<[string, string, RegExp]> = [
    ['no equals sign', 'team', /key=value.*: team$/],
    ['empty key', '=v', /cannot be empty: =v$/],
    ['duplicate key', 'a=1, a=2', /only once: a$/],
    ['reserved prefix', 'aws:created=1', /reserved.*: aws:created$/],
    ['reserved prefix in other case', 'AWS:x=1', /reserved/],
    ['key too long', `${'k'.repeat(129)}=v`, /at most 128/],
    ['value too long', `k=${'v'.repeat(257)}`, /at most 256.*: k$/],
    ['too many tags', Array.from({ length: 51 }, (_, i) => `k${i}=v`).join(','), /at most 50.*: 51 given$/],
  ];
  for (const [label, text, pattern] of errors) {
    void it(`rejects ${label}`, () => {
      const parsed = parseTags(text, 'ivs');
      assert.ok('error' in parsed, JSON.stringify(parsed));
      assert.match(parsed.error, pattern);
    });
  }

  void it('accepts the limits exactly', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `k${i}=v`).join(',');
    assert.ok('tags' in parseTags(fifty, 'ivs'));
    assert.ok('tags' in parseTags(`${'k'.repeat(128)}=${'v'.repeat(256)}`, 'ivs'));
    // Lengths count characters, not UTF-16 units.
    assert.ok('tags' in parseTags(`k=${'😀'.repeat(256)}`, 'ivs-realtime'));
  });

  void it('keeps to the ivs model\'s tag characters, naming the first bad one; ivs-realtime has no such rule', () => {
    // Letters of any script, spaces, digits and _ . : / = + - @ are fine.
    assert.deepEqual(parseTags('Team Name=Vidéo 1, path=a/b:c+d@e.f_g-h, 名前=値', 'ivs'), { tags: { 'Team Name': 'Vidéo 1', path: 'a/b:c+d@e.f_g-h', 名前: '値' } });
    const bad = parseTags('bad*key!=v#$%', 'ivs');
    assert.ok('error' in bad);
    assert.equal(bad.error, "The tag key bad*key! contains '*', which IVS does not allow in tags; use only letters, digits, spaces and _ . : / = + - @");
    const badValue = parseTags('env=v#$%', 'ivs');
    assert.ok('error' in badValue);
    assert.match(badValue.error, /^The value of tag env contains '#', which IVS does not allow/);
    assert.match(validateTags('k=a\tb', 'ivs') ?? '', /contains U\+0009/);
    assert.match(validateTags('k=😀', 'ivs') ?? '', /contains '😀'/);
    assert.deepEqual(parseTags('bad*key!=v#$%', 'ivs-realtime'), { tags: { 'bad*key!': 'v#$%' } });
    assert.equal(firstBadTagCharacter('ok key:1'), undefined);
    assert.equal(firstBadTagCharacter('a?b*'), '?');
  });

  void it('works as an input-box validator and round-trips through formatTags', () => {
    assert.equal(validateTags('a=1, b=2', 'ivs'), undefined);
    assert.match(validateTags('a', 'ivs') ?? '', /key=value/);
    const tags = { team: 'video', env: '' };
    assert.deepEqual(parseTags(formatTags(tags), 'ivs'), { tags });
  });
});
