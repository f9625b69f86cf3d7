// The time-dependent numbers of a dashboard row, computed from a LearnerRow and the clock, with no DOM: time
// on the current stage, idle time, and whether the learner is stuck. The dashboard recomputes them every
// second from what the live feed last said; nothing is fetched for it.

import { elapsedSeconds } from '../format.js';
import { cellState } from './grid-logic.js';

/** Seconds on the current stage, or null when the row has no stage (not started). */
export function timeOnStage(row, nowMs) {
  if (!row.lesson || !row.stage) return null;
  return elapsedSeconds(row.stageEnteredAt, nowMs);
}

/**
 * Seconds since the learner last did something: the session's idleSeconds as the row said it, plus the time
 * since the row arrived (`receivedAtMs`); without a session, since lastSeenAt. Null when unknown.
 */
export function idleSeconds(row, receivedAtMs, nowMs) {
  const reported = row.session?.idleSeconds;
  if (typeof reported === 'number' && Number.isFinite(reported)) {
    return Math.max(0, Math.floor(reported + (nowMs - receivedAtMs) / 1000));
  }
  return elapsedSeconds(row.lastSeenAt, nowMs);
}

/**
 * Whether the learner is stuck (docs/workshop-api.md): on the same stage longer than stuckAfterSeconds, or
 * stuckFailures failed checks in a row, as of `nowMs`. The server's own `stuck` counts too (its time-based part
 * only grows until a new row arrives). A stage already passed (a finished lesson) is never stuck on.
 * Answers {stuck, byTime, byFailures}.
 */
export function stuckState(row, roster, nowMs) {
  const stuckAfter = Number(roster?.stuckAfterSeconds) || 0;
  const stuckFailures = Number(roster?.stuckFailures) || 0;
  const atStage = row.lesson && row.stage ? { lesson: row.lesson, stage: row.stage } : null;
  const finished = atStage ? ['passed', 'skipped'].includes(cellState(row, atStage)) : true;
  const seconds = timeOnStage(row, nowMs);
  const byTime = !finished && stuckAfter > 0 && seconds !== null && seconds > stuckAfter;
  const byFailures = !finished && stuckFailures > 0 && (row.failedInARow || 0) >= stuckFailures;
  return { stuck: Boolean(byTime || byFailures || (row.stuck && !finished)), byTime, byFailures };
}
