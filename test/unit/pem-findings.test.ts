// Findings in detail: the two severity rules, ranges on the right lines, the envelope checks on
// hand-made text, and the stage pattern.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzePem, applyFix, describeBlock, FINDING_CODES, matchesStagePattern, STAGE_PUBLIC_KEY_PATTERN, type PemAnalysis, type PemFinding, type Range } from '../../src/core/pem';

const KEYS = join(__dirname, '..', 'fixtures', 'keys');
const text = (name: string): string => readFileSync(join(KEYS, name), 'utf8');
const analyze = (name: string, privateKeyTracked = false): PemAnalysis => analyzePem(readFileSync(join(KEYS, name)), { fileName: name, privateKeyTracked });
const corpus = readdirSync(KEYS).filter((f) => !f.endsWith('.md5') && !f.startsWith('.'));
const P384 = text('ec-p384-public.pem');
const P384_PRIVATE = text('ec-p384-private-sec1.pem');

const loud = (f: PemFinding): boolean => f.editorSeverity === 'error' || f.editorSeverity === 'warning';
const find = (a: PemAnalysis, code: string): PemFinding => {
  const f = a.findings.find((x) => x.code === code);
  assert.ok(f, `no ${code} in ${a.findings.map((x) => x.code).join(', ')}`);
  return f;
};
const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

void describe('editor severity: unrelated PEM files do not turn the Problems panel red', () => {
  const unrelated = corpus.filter((f) => /^(rsa-|ed25519-|cert-|request-|ssh-)/.test(f));

  void it('has unrelated files to check', () => assert.ok(unrelated.length >= 12));

  for (const name of unrelated) {
    void it(`${name}: at most information`, () => {
      const a = analyze(name);
      assert.deepEqual(a.findings.filter(loud).map((f) => `${f.code}:${f.editorSeverity}`), []);
      assert.equal(a.ivsRelated, false);
    });
  }

  void it('keeps layout nits in unrelated files at hint level', () => {
    const cert = text('cert-rsa-2048.crt');
    const a = analyzePem(`Bag Attributes\n    friendlyName: server\n${cert.replace(/\n/g, '\r\n').replace('\r\n', '\n')}`, { fileName: 'server.crt' });
    assert.deepEqual(a.findings.filter(loud), []);
    assert.equal(find(a, 'surrounding-text').editorSeverity, 'hint');
  });
});

void describe('editor severity: what IVS would reject is loud', () => {
  for (const name of corpus.filter((f) => /^ec-(p256|p521|secp256k1)-/.test(f))) {
    void it(`${name}: the wrong curve is a warning`, () => assert.equal(find(analyze(name), 'wrong-curve').editorSeverity, 'warning'));
  }

  for (const name of corpus.filter((f) => f.startsWith('broken-') && f !== 'broken-empty.pem' && f !== 'broken-whitespace-only.pem')) {
    void it(`${name}: broken PEM is at least a warning`, () => assert.ok(analyze(name).findings.some(loud)));
  }

  void it('an empty .pem is a warning, an empty .key only information', () => {
    assert.equal(analyzePem('', { fileName: 'a.pem' }).findings[0]?.editorSeverity, 'warning');
    assert.equal(analyzePem('', { fileName: 'slides.key' }).findings[0]?.editorSeverity, 'information');
  });

  void it('a private key that is not P-384 is loud, a P-384 one (needed to sign tokens) is information', () => {
    assert.equal(find(analyze('ec-p384-private-sec1.pem'), 'private-key').editorSeverity, 'information');
    assert.ok(analyze('ec-p256-private-sec1.pem').findings.some(loud));
  });

  for (const name of corpus.filter((f) => /private/.test(f) && !f.startsWith('multi'))) {
    void it(`${name}: tracked by git, it is a warning`, () => {
      const tracked = find(analyze(name, true), 'private-key-tracked');
      assert.ok(loud(tracked));
      assert.equal(tracked.strictSeverity, 'error');
      assert.equal(analyze(name, false).findings.some((f) => f.code === 'private-key-tracked'), false);
    });
  }

  void it('does not call a public key tracked', () => {
    assert.equal(analyze('ec-p384-public.pem', true).findings.length, 0);
  });
});

void describe('strict severity', () => {
  for (const name of corpus) {
    void it(`${name}: an error exactly when it cannot be imported as it is`, () => {
      for (const tracked of [false, true]) {
        const a = analyze(name, tracked);
        const hasError = a.findings.some((f) => f.strictSeverity === 'error');
        const fully = a.importable.playback && a.importable.stage;
        if (!fully) assert.ok(hasError, `${name} is not importable but has no error`);
        if (fully && !a.blocks.some((b) => b.isPrivate)) assert.equal(hasError, false);
      }
    });
  }

  void it('every blocking finding is an error, and every finding is well-formed', () => {
    for (const name of corpus) {
      for (const f of analyze(name, true).findings) {
        assert.ok(FINDING_CODES.includes(f.code));
        if (f.blocksImport.playback || f.blocksImport.stage) assert.equal(f.strictSeverity, 'error', `${name} ${f.code}`);
        assert.ok(f.message.length > 10 && f.fix.length > 10);
        assert.match(f.code, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      }
    }
  });
});

void describe('ranges point at the right place', () => {
  void it('content findings sit on the BEGIN line', () => {
    assert.deepEqual(find(analyze('ec-p256-public.pem'), 'wrong-curve').range, r(0, 0, 0, 26));
    assert.deepEqual(find(analyze('ec-p384-private-sec1.pem'), 'private-key').range, r(0, 0, 0, 30));
    assert.deepEqual(find(analyze('multi-two-public-keys.pem'), 'multiple-keys').range, r(5, 0, 5, 26));
  });

  void it('envelope findings sit on the offending characters', () => {
    assert.deepEqual(find(analyze('broken-bad-characters.pem'), 'bad-base64').range, r(2, 10, 2, 14));
    assert.deepEqual(find(analyze('broken-bad-padding.pem'), 'bad-padding').range, r(1, 20, 1, 21));
    assert.deepEqual(find(analyze('broken-label-mismatch.pem'), 'label-mismatch').range, r(4, 9, 4, 23));
    assert.deepEqual(find(analyze('broken-missing-end.pem'), 'missing-end').range, r(0, 0, 0, 26));
    assert.deepEqual(find(analyze('broken-missing-begin.pem'), 'missing-begin').range, r(3, 0, 3, 24));
    assert.deepEqual(find(analyze('variant-trailing-spaces.pem'), 'stray-whitespace').range, r(1, 64, 1, 66));
    assert.deepEqual(find(analyze('variant-mixed-eol.pem'), 'mixed-line-endings').range, r(1, 0, 1, 64));
    assert.deepEqual(find(analyze('variant-one-line.pem'), 'line-length').range, r(1, 0, 1, 160));
    assert.deepEqual(find(analyze('variant-bom.pem'), 'bom').range, r(0, 0, 0, 1));
  });

  void it('surrounding text is reported where it is', () => {
    const a = analyze('variant-surrounding-text.pem');
    assert.deepEqual(a.findings.map((f) => f.range), [r(0, 0, 0, 32), r(6, 0, 6, 7)]);
  });

  void it('blocks know their extent and BEGIN line', () => {
    const a = analyze('multi-public-and-private.pem');
    assert.deepEqual(a.blocks.map((b) => [b.range, b.beginRange, b.label]), [
      [r(0, 0, 4, 24), r(0, 0, 0, 26), 'PUBLIC KEY'],
      [r(5, 0, 10, 28), r(5, 0, 5, 30), 'EC PRIVATE KEY'],
    ]);
    // After a BOM, the block starts one character in.
    assert.deepEqual(analyze('variant-bom.pem').blocks[0]?.beginRange, r(0, 1, 0, 27));
  });

  void it('counts lines the way VS Code does (\\r\\n, \\n and a lone \\r)', () => {
    const a = analyzePem(`note\r\rmore\n${P384.replace('-----END', 'x!\n-----END')}`);
    assert.deepEqual(find(a, 'bad-base64').range, r(7, 1, 7, 2));
    assert.equal(find(a, 'cr-line-endings').range.start.line, 0);
  });
});

void describe('envelope checks on hand-made text', () => {
  const lines = P384.trimEnd().split('\n');

  void it('takes a key with a bare line of base64 after BEGIN without END as missing END, not as junk', () => {
    const a = analyzePem(`${lines.slice(0, 4).join('\n')}\nThanks,\nAlice\n`);
    assert.deepEqual(a.findings.map((f) => f.code), ['missing-end', 'surrounding-text']);
    assert.equal(a.blocks[0]?.curve, 'P-384');
  });

  void it('reports a label that does not match, an unknown label, and a malformed boundary', () => {
    assert.deepEqual(analyzePem(`-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQENBFAA\n-----END PGP PUBLIC KEY BLOCK-----\n`).findings.map((f) => f.code), ['unknown-label']);
    assert.deepEqual(analyzePem(P384.replace('-----BEGIN PUBLIC KEY-----', '-----BEGIN PUBLIC KEY----')).findings.map((f) => f.code), ['malformed-boundary']);
    assert.deepEqual(analyzePem(P384.replace('-----BEGIN', 'key: -----BEGIN')).findings.map((f) => [f.code, f.range.start.character]), [['malformed-boundary', 0]]);
    // Indented (as when pasted into YAML): the BEGIN line, the base64, the END line.
    assert.deepEqual(analyzePem(P384.trimEnd().replace(/^/gm, '  ')).findings.map((f) => [f.code, f.range.start.line]), [['stray-whitespace', 0], ['stray-whitespace', 1], ['stray-whitespace', 4]]);
  });

  void it('recognises a key flattened with literal \\n escapes (copied out of JSON)', () => {
    const a = analyzePem(P384.trimEnd().replace(/\n/g, '\\n'));
    assert.deepEqual(a.findings.map((f) => [f.code, f.range.start.character]), [['malformed-boundary', 26]]);
    assert.match(a.findings[0]!.message, /literal \\n/);
  });

  void it('takes a BEGIN followed by another BEGIN as a block missing its END', () => {
    const a = analyzePem(`${lines.slice(0, 4).join('\n')}\n${P384}`);
    assert.deepEqual(a.findings.map((f) => [f.code, f.range.start.line]), [['missing-end', 0], ['multiple-keys', 4]]);
  });

  void it('reads legacy headers as encryption, and other headers as a problem', () => {
    assert.equal(analyze('ec-p384-private-sec1-encrypted.pem').blocks[0]?.encrypted, true);
    const withHeader = P384.replace('-----\n', '-----\nComment: my key\n\n');
    assert.deepEqual(analyzePem(withHeader).findings.map((f) => f.code), ['unexpected-headers']);
    assert.equal(analyzePem(withHeader).blocks[0]?.curve, 'P-384');
  });

  void it('finds a blank line inside the base64', () => {
    const a = analyzePem([...lines.slice(0, 2), '', ...lines.slice(2), ''].join('\n'));
    assert.deepEqual(a.findings.map((f) => [f.code, f.range.start.line]), [['bad-base64', 2]]);
  });

  void it('catches an empty block, and a block cut short in its padding', () => {
    assert.deepEqual(analyzePem('-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n').findings.map((f) => f.code), ['empty-block']);
    assert.deepEqual(analyzePem(P384.replace(/.(?=\n-----END)/, '')).findings.map((f) => f.code), ['bad-padding']);
  });

  void it('finds one-line SSH keys among other lines, and PEM blocks among SSH lines', () => {
    const ssh = text('ssh-ed25519.pub').trim();
    const a = analyzePem(`# my keys\n${ssh}\n${P384}`);
    assert.deepEqual(a.blocks.map((b) => b.kind), ['ssh-public-key', 'spki-public-key']);
    assert.deepEqual(a.findings.map((f) => f.code), ['surrounding-text', 'ssh-format', 'multiple-keys']);
  });

  void it('says binary for binary, and text for text', () => {
    const bin = analyzePem(new Uint8Array([0, 1, 2, 3, 255, 254]), { fileName: 'x.pem' });
    assert.equal(bin.findings[0]?.code, 'not-pem');
    assert.match(bin.findings[0]!.message, /binary/);
    assert.match(analyzePem('hello').findings[0]!.message, /No PEM block/);
  });

  void it('stops at 500 blocks', () => {
    const a = analyzePem(P384.repeat(600));
    assert.equal(a.blocks.length, 500);
    assert.ok(a.findings.some((f) => f.code === 'too-many-blocks'));
    assert.equal(a.importable.playback, false);
  });
});

void describe('ImportPublicKey pattern', () => {
  const regex = new RegExp(`^(?:${STAGE_PUBLIC_KEY_PATTERN})$`);

  void it('accepts openssl output, CRLF and a missing final newline; rejects extra lines', () => {
    assert.equal(matchesStagePattern(P384), true);
    assert.equal(matchesStagePattern(P384.replace(/\n/g, '\r\n')), true);
    assert.equal(matchesStagePattern(P384.trimEnd()), true);
    assert.equal(matchesStagePattern(`${P384}\n`), false);
    assert.equal(matchesStagePattern(`comment\n${P384}`), false);
    assert.equal(matchesStagePattern(P384_PRIVATE), false);
  });

  void it('agrees with the service regex on generated near-misses', () => {
    const piece = fc.constantFrom('-----BEGIN PUBLIC KEY-----', '-----END PUBLIC KEY-----', '\n', '\r\n', '\r', 'MHYw', 'A', '=', ' ', '-', 'x', '\u2028', '\ufeff');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        const s = parts.join('');
        const firstLine = s.split(/[\n\r\u2028]/)[0] ?? '';
        // The documented exception: two BEGIN markers on the first line.
        fc.pre(firstLine.split('-----BEGIN PUBLIC KEY-----').length <= 2);
        assert.equal(matchesStagePattern(s), regex.test(s), JSON.stringify(s));
      }),
      { numRuns: 3000 },
    );
  });

  void it('agrees with the service regex on the corpus', () => {
    for (const name of corpus) assert.equal(matchesStagePattern(text(name)), regex.test(text(name)), name);
  });
});

void describe('plain text and one story', () => {
  void it('no finding message or fix carries Markdown code marks: the Problems panel shows them raw', () => {
    for (const name of corpus) {
      for (const f of analyze(name).findings) assert.ok(!/`/.test(`${f.message} ${f.fix}`), `${name} ${f.code}: ${f.message} ${f.fix}`);
    }
  });

  void it('the hover never calls a block with an import-blocking problem importable', () => {
    for (const name of corpus) {
      const a = analyze(name);
      for (const b of a.blocks) {
        const says = describeBlock(b, a);
        if (/IVS can import it, as a playback key pair or as a stage public key/.test(says)) {
          assert.equal(a.importable.playback && a.importable.stage, true, `${name}: ${says}`);
        }
      }
    }
    const broken = analyze('broken-missing-end.pem');
    assert.match(describeBlock(broken.blocks[0]!, broken), /IVS cannot import it as it is: see the problem reported in this file\./);
  });

  void it('the missing END line has a fix that adds it, after which the key imports', () => {
    const broken = text('broken-missing-end.pem');
    const finding = find(analyzePem(broken, { fileName: 'broken.pem' }), 'missing-end');
    assert.equal(finding.fixKind, 'add-end-line');
    const fixed = applyFix('add-end-line', broken);
    assert.ok(fixed);
    assert.match(fixed, /-----END PUBLIC KEY-----\n$/);
    assert.equal(analyzePem(fixed, { fileName: 'broken.pem' }).importable.playback, true);
    assert.equal(applyFix('add-end-line', fixed), null);
  });

  void it('a private key that git ignores and only its owner reads is a hint, not a Problems entry', () => {
    const pem = text('ec-p384-private-sec1.pem');
    assert.equal(find(analyzePem(pem, { fileName: 'k.pem' }), 'private-key').editorSeverity, 'information');
    assert.equal(find(analyzePem(pem, { fileName: 'k.pem', privateKeyProtected: true }), 'private-key').editorSeverity, 'hint');
    // The wrong curve is still worth a Problems entry, however well kept the key is.
    assert.ok(analyzePem(text('ec-p256-private-sec1.pem'), { fileName: 'k.pem', privateKeyProtected: true }).findings.some(loud));
  });

  void it('the refusal of a P-256 key points at Generate IVS Key Pair', () => {
    assert.match(find(analyze('ec-p256-public.pem'), 'wrong-curve').fix, /IVS: Generate Key Pair/);
  });
});
