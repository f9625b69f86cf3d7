// The replay page's pure parts: the clock, a marker's words, which marker the player passed, addresses, the pick.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setLanguage } from '../src/i18n.js';
import { replayUrl } from '../src/staff/links.js';
import { castUrl, clock, markersUrl, markerView, passedMarker, pick, size } from '../src/replay/timeline-model.js';

const marker = (extra) => ({ index: 0, time: 0, label: '', kind: 'note', stage: null, hint: null, trigger: null, ...extra });

test('the clock counts minutes and seconds, hours when there are any', () => {
  assert.equal(clock(0), '0:00');
  assert.equal(clock(65.9), '1:05');
  assert.equal(clock(3725), '1:02:05');
  assert.equal(clock(-3), '0:00');
  assert.equal(clock(undefined), '0:00');
});

test('a marker says what happened, in the language in use', () => {
  setLanguage('en', { remember: false });
  assert.deepEqual(markerView(marker({ kind: 'check-failed', stage: 'set-hostname', trigger: 'manual', time: 61 })),
    { kind: 'check-failed', icon: '✗', text: 'Check failed: set-hostname', clock: '1:01' });
  assert.equal(markerView(marker({ kind: 'check-passed', stage: 's', trigger: 'auto' })).text, 'Check passed: s (automatic)');
  assert.equal(markerView(marker({ kind: 'hint', stage: 's', hint: 0 })).text, 'Hint 1: s', 'hints count from 1 for people');
  assert.equal(markerView(marker({ kind: 'show-me', stage: 's' })).icon, '▶');
  assert.equal(markerView(marker({ kind: 'weird', label: 'recording: dropped' })).text, 'recording: dropped');
  assert.equal(markerView(marker({ kind: 'fast-forward', label: 'fast-forward ready' })).icon, '»');
  assert.match(markerView(marker({ kind: 'fast-forward', label: 'fast-forward ready' })).text, /done/);
  assert.equal(markerView(marker({ kind: 'fast-forward', label: 'fast-forward failed (x)' })).text, 'fast-forward failed (x)');
  setLanguage('zh-CN', { remember: false });
  assert.equal(markerView(marker({ kind: 'check-passed', stage: 's' })).text, '检查通过：s');
  setLanguage('en', { remember: false });
});

test('the passed marker is the last one at or before the time', () => {
  const markers = [marker({ index: 0, time: 1 }), marker({ index: 1, time: 5 }), marker({ index: 2, time: 9 })];
  assert.equal(passedMarker(markers, 0.5), -1);
  assert.equal(passedMarker(markers, 5), 1);
  assert.equal(passedMarker(markers, 100), 2);
});

test('addresses are built from the list address, ids encoded', () => {
  assert.equal(castUrl('/api/me/recordings', 'abc', 2), '/api/me/recordings/abc/terminals/2');
  assert.equal(markersUrl('/api/me/recordings', 'a/b', 1), '/api/me/recordings/a%2Fb/terminals/1/markers');
  assert.equal(replayUrl('w 1', 'l/2'), '/staff/workshops/w%201/learners/l%2F2/replay');
});

test('the recording in the address is opened if listed, else the newest', () => {
  const list = [{ session: 'new' }, { session: 'old' }];
  assert.equal(pick(list, 'old').session, 'old');
  assert.equal(pick(list, 'gone').session, 'new');
  assert.equal(pick(list, null).session, 'new');
  assert.equal(pick([], 'x'), null);
  assert.equal(size(512), '512 B');
  assert.equal(size(2048), '2.0 KiB');
  assert.equal(size(3 * 1024 * 1024), '3.0 MiB');
});
