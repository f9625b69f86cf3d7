// The dashboard's pure parts: cell states, stage groups, stuck, idle, the feed model, links, validation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostWords } from '../src/staff/dashboard-grid.js';
import { cellState, currentStage, groupStages, lessonNumber, progressCount } from '../src/staff/grid-logic.js';
import { idleSeconds, stuckState, timeOnStage } from '../src/staff/learner-stats.js';
import { dashboardUrl, liveSocketUrl, rosterCsvUrl } from '../src/staff/links.js';
import { RosterModel } from '../src/staff/roster-model.js';
import { accountProblem, workshopRequest } from '../src/staff/validation.js';

const STAGES = [
  { lesson: '02-uts', stage: 'new-ns', title: 'A new namespace' },
  { lesson: '02-uts', stage: 'set-hostname', title: 'Set the hostname' },
  { lesson: '03-pid', stage: 'pid1', title: 'PID 1' },
];
const NOW = Date.parse('2025-03-01T10:00:00Z');
const row = (extra = {}) => ({
  id: 'L1', name: 'Ada', lesson: '02-uts', stage: 'set-hostname', stageEnteredAt: '2025-03-01T09:58:00Z',
  lastSeenAt: '2025-03-01T09:59:00Z', passed: ['02-uts/new-ns'], skipped: [], failedInARow: 0, hintsUsed: 0,
  lastCheck: null, session: null, fastForward: null, stuck: false, ...extra,
});

test('cells: passed, current, todo', () => {
  const r = row();
  assert.deepEqual(STAGES.map((s) => cellState(r, s)), ['passed', 'current', 'todo']);
});

test('cells: the current stage after failed checks is failed; skipped wins over passed', () => {
  const r = row({ failedInARow: 2, skipped: ['02-uts/new-ns'] });
  assert.deepEqual(STAGES.map((s) => cellState(r, s)), ['skipped', 'failed', 'todo']);
  const lastFailed = row({ lastCheck: { lesson: '02-uts', stage: 'set-hostname', passed: false, results: [] } });
  assert.equal(cellState(lastFailed, STAGES[1]), 'failed');
  const lastFailedElsewhere = row({ lastCheck: { lesson: '02-uts', stage: 'new-ns', passed: false } });
  assert.equal(cellState(lastFailedElsewhere, STAGES[1]), 'current');
  const autoFailed = row({ lastCheck: { lesson: '02-uts', stage: 'set-hostname', passed: false, trigger: 'auto', results: [] } });
  assert.equal(cellState(autoFailed, STAGES[1]), 'current', 'an automatic check fails after every command: no mark');
});

test('cells: a learner who has not started has every stage to do; a finished stage stays passed', () => {
  assert.deepEqual(STAGES.map((s) => cellState(row({ lesson: null, stage: null, passed: [] }), s)), ['todo', 'todo', 'todo']);
  const finished = row({ lesson: '03-pid', stage: 'pid1', passed: ['02-uts/new-ns', '02-uts/set-hostname', '03-pid/pid1'] });
  assert.equal(cellState(finished, STAGES[2]), 'passed');
});

test('lab host words: a fast-forward while it replays or after it failed; once ready, the lab host runs', () => {
  const session = { id: 'S1', state: 'running' };
  assert.equal(hostWords(row({ session, fastForward: { done: 1, total: 2, phase: 'replaying' } })), 'fast-forward 1/2');
  assert.equal(hostWords(row({ session, fastForward: { done: 1, total: 2, phase: 'failed' } })), 'fast-forward failed at 1/2');
  assert.equal(hostWords(row({ session, fastForward: { done: 2, total: 2, phase: 'ready' } })), 'running');
  assert.equal(hostWords(row()), 'none');
});

test('stages grouped by lesson with short headers', () => {
  const groups = groupStages(STAGES);
  assert.deepEqual(groups.map((g) => [g.lesson, g.number, g.stages.length]), [['02-uts', '02', 2], ['03-pid', '03', 1]]);
  assert.deepEqual(groups[0].stages.map((s) => [s.index, s.key]), [[1, '02-uts/new-ns'], [2, '02-uts/set-hostname']]);
  assert.equal(lessonNumber('sandbox'), 'sandbox');
  assert.deepEqual(currentStage(row(), STAGES),
    { lesson: '02-uts', number: '02', index: 2, title: 'Set the hostname', stages: 2 });
  assert.equal(currentStage(row({ stage: null }), STAGES), null);
  assert.deepEqual(progressCount(row({ skipped: ['03-pid/pid1'] }), STAGES), { done: 2, total: 3 });
});

test('time on stage and idle time tick with the clock', () => {
  assert.equal(timeOnStage(row(), NOW), 120);
  assert.equal(timeOnStage(row({ stage: null }), NOW), null);
  assert.equal(idleSeconds(row(), NOW, NOW), 60); // No session: since lastSeenAt.
  const withSession = row({ session: { id: 's', state: 'running', watchUrl: '/w', idleSeconds: 12 } });
  assert.equal(idleSeconds(withSession, NOW - 5000, NOW), 17);
});

test('stuck by time (recomputed as the clock runs) or by failures in a row', () => {
  const roster = { stuckAfterSeconds: 600, stuckFailures: 3 };
  assert.equal(stuckState(row(), roster, NOW).stuck, false);
  const later = NOW + 9 * 60 * 1000;
  assert.deepEqual(stuckState(row(), roster, later), { stuck: true, byTime: true, byFailures: false });
  assert.deepEqual(stuckState(row({ failedInARow: 3 }), roster, NOW), { stuck: true, byTime: false, byFailures: true });
  assert.equal(stuckState(row({ stuck: true }), roster, NOW).stuck, true);
  const done = row({ passed: ['02-uts/new-ns', '02-uts/set-hostname'] });
  assert.equal(stuckState(done, roster, later).stuck, false);
  assert.equal(stuckState(row({ lesson: null, stage: null }), roster, later).stuck, false);
});

test('the feed model: roster, then learner rows in place, then the workshop', () => {
  const model = new RosterModel();
  assert.equal(model.ready, false);
  const workshop = { id: 'w1', title: 'T', learners: 1, state: 'open' };
  assert.deepEqual(model.apply({ type: 'roster', workshop, stages: STAGES, stuckAfterSeconds: 600, stuckFailures: 3,
    learners: [row()] }, NOW), { kind: 'roster' });
  assert.equal(model.ready, true);
  assert.deepEqual(model.apply({ type: 'learner', learner: row({ failedInARow: 1 }) }, NOW + 1000),
    { kind: 'learner', id: 'L1', added: false });
  assert.equal(model.row('L1').failedInARow, 1);
  assert.equal(model.receivedAt.get('L1'), NOW + 1000);
  assert.deepEqual(model.apply({ type: 'learner', learner: row({ id: 'L2', name: 'Grace' }) }, NOW),
    { kind: 'learner', id: 'L2', added: true });
  assert.deepEqual(model.list().map((r) => r.name), ['Ada', 'Grace']);
  assert.equal(model.workshop.learners, 2);
  assert.deepEqual(model.apply({ type: 'workshop', workshop: { ...workshop, state: 'ended' } }), { kind: 'workshop' });
  assert.equal(model.workshop.state, 'ended');
  assert.deepEqual(model.apply({ type: 'something-new' }), { kind: 'ignored' });
  model.apply({ type: 'roster', workshop, stages: STAGES, learners: [] }, NOW);
  assert.deepEqual(model.list(), []);
  assert.deepEqual(model.thresholds, { stuckAfterSeconds: 600, stuckFailures: 3 });
});

test('links: dashboard, CSV and the live feed socket', () => {
  assert.equal(dashboardUrl('a b'), '/staff/workshops/a%20b');
  assert.equal(rosterCsvUrl('w1'), '/api/workshops/w1/roster.csv');
  assert.equal(liveSocketUrl('w1', { protocol: 'https:', host: 'lab.example' }), 'wss://lab.example/api/workshops/w1/live');
  assert.equal(liveSocketUrl('w1', { protocol: 'http:', host: 'localhost:8080' }), 'ws://localhost:8080/api/workshops/w1/live');
});

test('staff accounts: username, password length and the repeated password', () => {
  assert.equal(accountProblem('alice', 'correct horse'), null);
  assert.equal(accountProblem('Al', 'correct horse'), 'staff.problem.username');
  assert.equal(accountProblem('Alice', 'correct horse'), 'staff.problem.username');
  assert.equal(accountProblem('alice', 'short'), 'staff.problem.password');
  assert.equal(accountProblem('alice', 'correct horse', 'correct horsE'), 'staff.problem.repeat');
});

test('create workshop: trimmed title, lessons in order, optional times in order', () => {
  assert.deepEqual(workshopRequest({ title: ' Containers ', lessons: ['02', '03'], language: 'zh-CN' }),
    { body: { title: 'Containers', lessons: ['02', '03'], language: 'zh-CN' } });
  assert.deepEqual(workshopRequest({ title: 'x', lessons: ['02'], language: 'en',
    startsAt: '2025-03-01T09:00:00.000Z', endsAt: '2025-03-01T12:00:00.000Z' }).body,
  { title: 'x', lessons: ['02'], language: 'en', startsAt: '2025-03-01T09:00:00.000Z', endsAt: '2025-03-01T12:00:00.000Z' });
  assert.equal(workshopRequest({ title: ' ', lessons: ['02'] }).problem, 'workshops.problem.title');
  assert.equal(workshopRequest({ title: 'x', lessons: [] }).problem, 'workshops.problem.lessons');
  assert.equal(workshopRequest({ title: 'x', lessons: ['02'], startsAt: null }).problem, 'workshops.problem.time');
  assert.equal(workshopRequest({ title: 'x', lessons: ['02'], startsAt: '2025-03-01T12:00:00Z',
    endsAt: '2025-03-01T09:00:00Z' }).problem, 'workshops.problem.order');
});
