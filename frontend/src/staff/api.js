// The staff side of the workshop API (docs/workshop-api.md, "Staff" and "Workshops (staff)"). The staff
// session is the glassbox_staff cookie (HttpOnly, SameSite=Strict): fetch sends it by itself. Every change
// goes as JSON (an empty object when there is nothing to say), which the server requires of changes.

import { requestJson } from '../api.js';

const enc = encodeURIComponent;
const get = async (url) => (await requestJson('GET', url)).body;
const post = async (url, body = {}) => (await requestJson('POST', url, { body })).body;
const workshop = (id) => `/api/workshops/${enc(id)}`;
const learner = (id, learnerId) => `${workshop(id)}/learners/${enc(learnerId)}`;

/** GET /api/staff/setup: {needed}: whether no instructor exists yet. */
export const setupNeeded = async () => Boolean((await get('/api/staff/setup'))?.needed);
/** POST /api/staff/setup: the first instructor, with the one-time token; signs them in. */
export const setUpFirstInstructor = (token, username, password) => post('/api/staff/setup', { token, username, password });
/** POST /api/staff/login: {username, role}; 401 sign-in-failed. */
export const signIn = (username, password) => post('/api/staff/login', { username, password });
/** POST /api/staff/logout. */
export const signOut = () => post('/api/staff/logout');
/** GET /api/staff/me: {username, role}; 401 staff-sign-in-needed. */
export const staffMe = () => get('/api/staff/me');
/** GET /api/staff: instructors only, [{username, role, created}]. */
export const listStaff = () => get('/api/staff');
/** POST /api/staff: instructors only, a new account. */
export const addStaff = (username, password, role) => post('/api/staff', { username, password, role });

/** GET /api/workshops: the workshops this staff member owns or was added to. */
export const listWorkshops = () => get('/api/workshops');
/** POST /api/workshops: instructors only; {title, lessons, language, startsAt?, endsAt?}. */
export const createWorkshop = (body) => post('/api/workshops', body);
/** GET /api/workshops/{id}. */
export const getWorkshop = (id) => get(workshop(id));
/** POST /api/workshops/{id}/staff: the owner adds an existing staff account. */
export const addWorkshopStaff = (id, username) => post(`${workshop(id)}/staff`, { username });
/** POST /api/workshops/{id}/end: instructors; answers the Workshop, now ended. */
export const endWorkshop = (id) => post(`${workshop(id)}/end`);
/** DELETE /api/workshops/{id}: the owner; the workshop and all its learners' progress. */
export const deleteWorkshop = async (id) => {
  await requestJson('DELETE', workshop(id));
};
/** POST /api/workshops/{id}/broadcast: 1-500 characters to every learner's page. */
export const broadcast = (id, message) => post(`${workshop(id)}/broadcast`, { message });
/** POST .../learners/{learner}/reset: a fresh lab host, fast-forwarded to the start of their stage. */
export const resetLearner = (id, learnerId) => post(`${learner(id, learnerId)}/reset`);
/** POST .../learners/{learner}/fast-forward: to the start of {lesson, stage}. */
export const fastForwardLearner = (id, learnerId, lesson, stage) => post(`${learner(id, learnerId)}/fast-forward`, { lesson, stage });
/** POST .../learners/{learner}/end: ends their lab host. */
export const endLearnerSession = (id, learnerId) => post(`${learner(id, learnerId)}/end`);
/** GET /api/lessons?lang=: the lesson catalogue (for the create form and the dashboard's lesson titles). */
export const lessonCatalog = (lang) => get(`/api/lessons?lang=${enc(lang)}`);
