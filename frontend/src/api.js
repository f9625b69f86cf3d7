// The HTTP side of Glassbox as the page uses it: sessions, lessons (docs/lesson-api.md) and the WebSocket
// address of a terminal. Everything else about the terminal is in terminal-connection.js.

/** An HTTP error whose message is the server's own text, meant to be shown to the learner as it is. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    /** The Retry-After header of the answer (a 503's), as sent, or null. */
    this.retryAfter = retryAfter;
  }
}

/**
 * POST /api/sessions: starts a lab host. Resolves to {id, token, terminalUrl, hostname, lesson, stage, ...},
 * plus `created`: false when the server answered 200 with a session that already ran (a workshop learner's
 * lab host, taken over from another device or a reload), true for a new one (201). A workshop learner's new
 * session may carry fastForward: {total}. Rejects with an ApiError carrying the server's message (e.g. 503 "All
 * N lab hosts are in use...", with its Retry-After).
 */
export async function createSession(lesson) {
  let response;
  try {
    response = await fetch('/api/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // JSON.stringify drops an undefined lesson, so the free sandbox sends {} as the API expects.
      body: JSON.stringify({ lesson: lesson || undefined }),
    });
  } catch (error) {
    throw networkError(error);
  }
  if (!response.ok) {
    throw await errorFrom(response);
  }
  return { ...(await response.json()), created: response.status !== 200 };
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

/** GET /api/sessions/{id}: the session's state, with the lesson progress (stage, passedStages, lessonDone). */
export function getSession(session) {
  return call(session, 'GET', '');
}

/** GET /api/lessons?lang=: the lesson list in that language. */
export function getLessons(lang) {
  return call(null, 'GET', `/api/lessons?lang=${encodeURIComponent(lang)}`);
}

/** GET /api/lessons/{id}?lang=: one lesson's texts, stages, hints and checks in that language. */
export function getLesson(id, lang) {
  return call(null, 'GET', `/api/lessons/${encodeURIComponent(id)}?lang=${encodeURIComponent(lang)}`);
}

/** POST /api/sessions/{id}/check?tab=: checks the current stage; answers the results and the progress. */
export function checkStage(session, tab = 1) {
  return call(session, 'POST', `/check?tab=${tab}`);
}

/** POST /api/sessions/{id}/solve?tab=: "Show me", the server types the stage's solve script (202). */
export function solveStage(session, tab = 1) {
  return call(session, 'POST', `/solve?tab=${tab}`);
}

/** GET /api/sessions/{id}/state?tab=: the kernel state of the terminal's foreground process. */
export function getKernelState(session, tab = 1) {
  return call(session, 'GET', `/state?tab=${tab}`);
}

/** Whether an ApiError means the session or lesson is gone for good (so the page goes back to the picker). */
export function isGone(error) {
  return error instanceof ApiError
    && ['session-not-found', 'lesson-not-found', 'token-wrong', 'token-missing'].includes(error.code);
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

/**
 * A JSON call. With a session, `path` is relative to /api/sessions/{id} and the token goes along; without,
 * it is the whole path. Resolves to the parsed body (null for an empty one).
 */
async function call(session, method, path) {
  const url = session ? `/api/sessions/${encodeURIComponent(session.id)}${path}` : path;
  const headers = {};
  if (session) headers.Authorization = `Bearer ${session.token}`;
  return (await requestJson(method, url, { headers })).body;
}

/**
 * A JSON request to this server, as the workshop pages make them: `body` (if given) goes as JSON, which is
 * also what makes a change request acceptable to the server (docs/workshop-api.md: a cross-site form cannot
 * send it). Cookies go along by themselves (same origin). Resolves to {status, body} (body null when empty);
 * rejects with an ApiError carrying the server's message.
 */
export async function requestJson(method, url, { body, headers = {}, keepalive = false } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, keepalive };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw networkError(error);
  }
  if (!response.ok) {
    throw await errorFrom(response);
  }
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function networkError(error) {
  return new ApiError(0, 'network', `The server could not be reached (${error.message}).`);
}

// Errors are JSON {"error", "message"} (see README, "HTTP API"); a proxy in between may answer with HTML.
export async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: fall back to the status line below.
  }
  const message = body?.message || `The server answered ${response.status} ${response.statusText}.`;
  return new ApiError(response.status, body?.error || `http-${response.status}`, message,
    response.headers?.get('Retry-After') ?? null);
}
