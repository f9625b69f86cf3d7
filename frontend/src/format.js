// Small pure helpers the workshop pages share: durations in words (as i18n keys), elapsed time since an ISO
// timestamp, absolute URLs for links people copy, and datetime-local input values as ISO UTC. No DOM.

/**
 * A duration as an i18n key and its parameters: "45s", "3m 12s", "1h 4m" (and their Chinese forms in
 * i18n.js). Negative or unknown durations count as 0.
 */
export function durationParts(seconds) {
  const total = Math.max(0, Math.floor(Number(seconds) || 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return { key: 'duration.hm', params: { h, m } };
  if (m > 0) return { key: 'duration.ms', params: { m, s } };
  return { key: 'duration.s', params: { s } };
}

/** Whole seconds from the ISO-8601 time `iso` to `nowMs`; null when `iso` is missing or not a time. */
export function elapsedSeconds(iso, nowMs) {
  if (!iso) return null;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  return Math.max(0, Math.floor((nowMs - then) / 1000));
}

/** The full URL of a server path ("/join/K7QD-2MXP") on `origin`, to show, copy and project. */
export function absoluteUrl(path, origin) {
  return new URL(path, origin).href;
}

/**
 * A datetime-local input's value ("2025-03-01T09:30", the reader's local time) as ISO-8601 UTC; undefined
 * for an empty one, null for one that is not a time.
 */
export function localInputToIso(value) {
  if (!value) return undefined;
  // Without an offset, a date-time string is local time (ECMAScript Date Time String Format).
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The delay before reconnect attempt `attempt` (0, 1, 2...): 1 s doubling to `maxMs` at most. */
export function backoffDelay(attempt, firstMs = 1000, maxMs = 30_000) {
  return Math.min(firstMs * 2 ** Math.max(0, attempt), maxMs);
}
