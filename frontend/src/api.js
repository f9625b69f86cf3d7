// The HTTP side of Glassbox as the page uses it: create and end sessions, and turn a session's
// terminalUrl into a WebSocket address. Everything else about the terminal is in terminal-connection.js.

/** An HTTP error whose message is the server's own text, meant to be shown to the learner as it is. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * POST /api/sessions: starts a lab host. Resolves to {id, token, terminalUrl, hostname, lesson, stage, ...};
 * rejects with an ApiError carrying the server's message (e.g. 503 "All N lab hosts are in use...").
 */
export async function createSession(lesson) {
  const response = await fetch('/api/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    // JSON.stringify drops an undefined lesson, so the free sandbox sends {} as the API expects.
    body: JSON.stringify({ lesson: lesson || undefined }),
  });
  if (!response.ok) {
    throw await errorFrom(response);
  }
  return response.json();
}

/** DELETE /api/sessions/{id}: ends the session; the server answers at once and tears down in the background. */
export async function endSession(session) {
  const response = await fetch(`/api/sessions/${encodeURIComponent(session.id)}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${session.token}` },
    // The page may be closing (pagehide); keepalive lets the request outlive it.
    keepalive: true,
  });
  // 404 means it has ended already (idle timeout, another tab): that is what the caller wanted.
  if (!response.ok && response.status !== 404) {
    throw await errorFrom(response);
  }
}

/**
 * The WebSocket address of a terminal: terminalUrl is relative to the server and already carries the token
 * (browsers cannot set headers on a WebSocket), so only the scheme, host and extra parameters are added.
 */
export function terminalSocketUrl(terminalUrl, params = {}) {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  const url = new URL(scheme + location.host + terminalUrl);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) {
      url.searchParams.set(name, String(value));
    }
  }
  return url.toString();
}

// Errors are JSON {"error", "message"} (see README, "HTTP API"); a proxy in between may answer with HTML.
async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: fall back to the status line below.
  }
  const message = body?.message || `The server answered ${response.status} ${response.statusText}.`;
  return new ApiError(response.status, body?.error || `http-${response.status}`, message);
}
