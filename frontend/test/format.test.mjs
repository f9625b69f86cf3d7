// Durations, elapsed time, absolute URLs, datetime-local to ISO and the reconnect backoff.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absoluteUrl, backoffDelay, durationParts, elapsedSeconds, localInputToIso } from '../src/format.js';

test('durations pick seconds, minutes and seconds, or hours and minutes', () => {
  assert.deepEqual(durationParts(0), { key: 'duration.s', params: { s: 0 } });
  assert.deepEqual(durationParts(45.9), { key: 'duration.s', params: { s: 45 } });
  assert.deepEqual(durationParts(192), { key: 'duration.ms', params: { m: 3, s: 12 } });
  assert.deepEqual(durationParts(3600 + 4 * 60 + 59), { key: 'duration.hm', params: { h: 1, m: 4 } });
  assert.deepEqual(durationParts(-5), { key: 'duration.s', params: { s: 0 } });
  assert.deepEqual(durationParts(undefined), { key: 'duration.s', params: { s: 0 } });
});

test('elapsed seconds from an ISO time, never negative, null without a time', () => {
  const now = Date.parse('2025-03-01T10:00:00Z');
  assert.equal(elapsedSeconds('2025-03-01T09:58:30Z', now), 90);
  assert.equal(elapsedSeconds('2025-03-01T10:00:05Z', now), 0);
  assert.equal(elapsedSeconds(null, now), null);
  assert.equal(elapsedSeconds('not a time', now), null);
});

test('absolute URLs for join and resume links', () => {
  assert.equal(absoluteUrl('/join/K7QD-2MXP', 'https://lab.example:8443'), 'https://lab.example:8443/join/K7QD-2MXP');
  assert.equal(absoluteUrl('/resume#abc', 'http://localhost:8080'), 'http://localhost:8080/resume#abc');
});

test('datetime-local values become ISO UTC; empty is undefined, garbage null', () => {
  assert.equal(localInputToIso('2025-03-01T09:30'), new Date(2025, 2, 1, 9, 30).toISOString());
  assert.match(localInputToIso('2025-03-01T09:30'), /Z$/);
  assert.equal(localInputToIso(''), undefined);
  assert.equal(localInputToIso('tomorrow'), null);
});

test('backoff doubles from 1 s up to 30 s', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n)), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
});
