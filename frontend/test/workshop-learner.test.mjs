// The learner side's pure parts: fast-forward words, lesson marks, Retry-After, resume keys, /api/me errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fastForwardStart, fastForwardView } from '../src/workshop/fast-forward-text.js';
import { keyFromFragment, meProblem, resumeKeyFrom } from '../src/workshop/learner-key.js';
import { lessonMark } from '../src/workshop/lesson-marks.js';
import { retryAfterSeconds, worthWaitingFor } from '../src/workshop/retry-after.js';

test('fast-forward: replaying counts the stage being replayed, never past the total', () => {
  assert.deepEqual(fastForwardStart(3), {
    visible: true, phase: 'replaying', key: 'fastForward.replaying', params: { i: 1, total: 3 }, done: 0, total: 3,
  });
  assert.deepEqual(fastForwardView({ type: 'fast-forward', done: 1, total: 3, stage: 'b', phase: 'replaying' }).params,
    { i: 2, total: 3 });
  assert.deepEqual(fastForwardView({ done: 3, total: 3, phase: 'replaying' }).params, { i: 3, total: 3 });
  assert.deepEqual(fastForwardView({ done: 9, total: 3, phase: 'replaying' }).done, 3);
});

test('fast-forward: ready hides the overlay, failed keeps it with the server message', () => {
  const ready = fastForwardView({ done: 3, total: 3, phase: 'ready' });
  assert.equal(ready.visible, false);
  assert.equal(ready.phase, 'ready');
  const failed = fastForwardView({ done: 1, total: 3, phase: 'failed', message: 'stage b did not pass' });
  assert.equal(failed.visible, true);
  assert.equal(failed.key, 'fastForward.failed');
  assert.deepEqual(failed.params, { message: 'stage b did not pass' });
});

test('lesson marks: done, started (n of N) and new', () => {
  assert.equal(lessonMark({ stages: 3, passed: ['a', 'b', 'c'], done: true }).state, 'done');
  assert.deepEqual(lessonMark({ stages: 3, passed: ['a'], done: false }),
    { state: 'started', passed: 1, total: 3, key: 'workshop.mark.started', params: { n: 1, total: 3 } });
  assert.equal(lessonMark({ stages: 3, passed: [], done: false }).state, 'new');
  assert.equal(lessonMark({ stages: 3 }).state, 'new');
});

test('Retry-After: seconds or an HTTP date, clamped, 10 s by default', () => {
  const now = Date.parse('2025-03-01T10:00:00Z');
  assert.equal(retryAfterSeconds('7', now), 7);
  assert.equal(retryAfterSeconds(null, now), 10);
  assert.equal(retryAfterSeconds('', now), 10);
  assert.equal(retryAfterSeconds('soon', now), 10);
  assert.equal(retryAfterSeconds('0', now), 1);
  assert.equal(retryAfterSeconds('99999', now), 300);
  assert.equal(retryAfterSeconds('Sat, 01 Mar 2025 10:00:20 GMT', now), 20);
  assert.equal(retryAfterSeconds('Sat, 01 Mar 2025 09:00:00 GMT', now), 1);
});

test('resume keys from a typed code, a pasted link, or the page fragment', () => {
  assert.equal(resumeKeyFrom('  abc123 '), 'abc123');
  assert.equal(resumeKeyFrom('https://lab.example/resume#abc123'), 'abc123');
  assert.equal(resumeKeyFrom('/resume#a%2Bb'), 'a+b');
  assert.equal(keyFromFragment('#abc123'), 'abc123');
  assert.equal(keyFromFragment(''), '');
  assert.equal(keyFromFragment('#%E0%A4%A'), '%E0%A4%A');
});

test('GET /api/me errors: missing key is anonymous, unknown key and ended workshop are problems', () => {
  assert.equal(meProblem({ status: 401, code: 'learner-key-missing' }), 'anonymous');
  assert.equal(meProblem({ status: 401, code: 'learner-key-unknown' }), 'problem');
  assert.equal(meProblem({ status: 410, code: 'workshop-ended' }), 'problem');
  assert.equal(meProblem({ status: 0, code: 'network' }), 'unknown');
  assert.equal(meProblem({ status: 500, code: 'http-500' }), 'unknown');
});

test('a learner\'s page queues on a full server or its own rate, not on limits that need the learner to act', () => {
  assert.equal(worthWaitingFor({ status: 503, code: 'capacity' }), true);
  assert.equal(worthWaitingFor({ status: 503, code: 'free-sandboxes-full' }), true);
  assert.equal(worthWaitingFor({ status: 429, code: 'rate-limited' }), true);
  assert.equal(worthWaitingFor({ status: 429, code: 'too-many-sessions' }), false);
  assert.equal(worthWaitingFor({ status: 403, code: 'free-sandboxes-off' }), false);
  assert.equal(worthWaitingFor(null), false);
});
