// How long to wait before asking for a lab host again after a 503 ("all lab hosts are in use") or a 429
// "rate-limited" (this learner started lab hosts too often), and which refusals are worth waiting for. No DOM.

/** The default wait when the answer had no usable Retry-After. */
export const DEFAULT_RETRY_SECONDS = 10;
const MAX_RETRY_SECONDS = 300;

/**
 * Seconds to wait from a Retry-After header: delta-seconds ("7") or an HTTP date, within 1..300 s; the
 * default (10 s) when it is missing or unreadable.
 */
export function retryAfterSeconds(header, nowMs = Date.now(), fallback = DEFAULT_RETRY_SECONDS) {
  if (header === null || header === undefined || String(header).trim() === '') return fallback;
  const text = String(header).trim();
  let seconds;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return fallback;
    seconds = Math.ceil((at - nowMs) / 1000);
  }
  return Math.min(MAX_RETRY_SECONDS, Math.max(1, seconds));
}

/**
 * Whether a refused start is worth queueing for (docs/session-api.md): a full server (503) or an empty rate
 * bucket (429 rate-limited) frees up by itself; other refusals (429 too-many-sessions: end a session first;
 * 403, 404, ...) need the learner to act, so the page shows their message instead.
 */
export function worthWaitingFor(error) {
  return error?.status === 503 || (error?.status === 429 && error.code === 'rate-limited');
}
