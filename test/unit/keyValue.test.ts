import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKeyValues, splitList } from '../../src/core/keyValue';

void describe('the key=value reader', () => {
  void it('splits a typed list at commas, trimmed, without empty entries', () => {
    assert.deepEqual(splitList(' a=1 ,b=2,, '), ['a=1', 'b=2']);
    assert.deepEqual(splitList(''), []);
  });

  void it('splits at the first =, trims only when asked, and keeps __proto__ as data', () => {
    const typed = parseKeyValues(['a = x=y', '__proto__=p'], { trim: true });
    assert.ok('pairs' in typed);
    assert.deepEqual([...typed.pairs], [['a', 'x=y'], ['__proto__', 'p']]);
    const given = parseKeyValues([' a = b'], { trim: false });
    assert.ok('pairs' in given);
    assert.deepEqual([...given.pairs], [[' a ', ' b']]);
  });

  void it('refuses an entry without =, an empty key, and a key given twice', () => {
    assert.deepEqual(parseKeyValues(['name'], { trim: true }), { problem: 'no-equals', entry: 'name' });
    assert.deepEqual(parseKeyValues([' =x'], { trim: true }), { problem: 'empty-key', entry: ' =x' });
    assert.deepEqual(parseKeyValues(['a=1', 'a=2'], { trim: true }), { problem: 'duplicate', entry: 'a=2', key: 'a' });
  });
});
