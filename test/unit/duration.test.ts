import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, parseDuration } from '../../src/core/duration';

void describe('parseDuration', () => {
  void it('reads seconds, units and combinations', () => {
    assert.equal(parseDuration('600'), 600);
    assert.equal(parseDuration('600s'), 600);
    assert.equal(parseDuration('10m'), 600);
    assert.equal(parseDuration(' 1H '), 3600);
    assert.equal(parseDuration('1h30m'), 5400);
    assert.equal(parseDuration('2d'), 172800);
    assert.equal(parseDuration('1d 2h 3m 4s'), 93784);
  });
  void it('refuses what is not a duration', () => {
    for (const text of ['', '  ', 'ten minutes', '10x', '-5', '1.5h', 'm']) assert.equal(parseDuration(text), undefined, text);
  });
});

void describe('formatDuration', () => {
  void it('writes the largest whole unit, and reads back the same', () => {
    assert.equal(formatDuration(600), '10m');
    assert.equal(formatDuration(3600), '1h');
    assert.equal(formatDuration(1209600), '14d');
    assert.equal(formatDuration(90), '90s');
    for (const s of [1, 59, 60, 600, 5400, 43200, 1209600]) assert.equal(parseDuration(formatDuration(s)), s);
  });
});
