// The learner's side of the workshop API (docs/workshop-api.md, "Learners"). The learner key travels in the
// glassbox_learner cookie, HttpOnly: fetch sends it by itself, this code never sees it (except a resume code
// the learner types, which the server turns into the cookie).

import { requestJson } from '../api.js';

const enc = encodeURIComponent;

/** GET /api/me?lang=: the learner, their workshop (lesson titles in `lang`) and where they are. */
export async function getMe(lang) {
  return (await requestJson('GET', `/api/me?lang=${enc(lang)}`)).body;
}

/** POST /api/workshops/join: joins with a display name; the answer (201) is Me and sets the cookie. */
export async function joinWorkshop(code, name) {
  return (await requestJson('POST', '/api/workshops/join', { body: { code, name } })).body;
}

/** POST /api/learners/resume: this device becomes the learner whose resume code `key` is. */
export async function resumeLearner(key) {
  return (await requestJson('POST', '/api/learners/resume', { body: { key } })).body;
}

/** POST /api/learners/logout: this device forgets the learner (their resume code still works). */
export async function forgetLearner() {
  await requestJson('POST', '/api/learners/logout', { body: {} });
}

/**
 * POST /api/sessions/{id}/hint: records that hint number `hint` (from 0) of `stage` was shown. Fire and forget:
 * the learner's hint shows whatever the answer.
 */
export function recordHint(session, stage, hint) {
  requestJson('POST', `/api/sessions/${enc(session.id)}/hint`, {
    body: { stage, hint },
    headers: { Authorization: `Bearer ${session.token}` },
  }).catch((error) => console.warn('glassbox: the hint was not recorded', error.message));
}
