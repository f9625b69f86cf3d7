// What the server accepts for staff accounts (docs/workshop-api.md): checked before sending, so a form says
// what is wrong in the reader's language; the server checks again. Answers i18n keys, no DOM.

const USERNAME = /^[a-z0-9._-]{3,32}$/;
export const MIN_PASSWORD = 10;

/** null when the new account's fields are fine, else the i18n key of what is wrong. */
export function accountProblem(username, password, repeat = password) {
  if (!USERNAME.test(username || '')) return 'staff.problem.username';
  if ((password || '').length < MIN_PASSWORD) return 'staff.problem.password';
  if (password !== repeat) return 'staff.problem.repeat';
  return null;
}

/**
 * The create-workshop form's values as POST /api/workshops wants them, or {problem: i18n key}. `form`:
 * {title, lessons (ids in order), language, startsAt, endsAt} with times already ISO (or undefined/null).
 */
export function workshopRequest({ title, lessons, language, startsAt, endsAt }) {
  const trimmed = (title || '').trim();
  if (!trimmed) return { problem: 'workshops.problem.title' };
  if (!lessons?.length) return { problem: 'workshops.problem.lessons' };
  if (startsAt === null || endsAt === null) return { problem: 'workshops.problem.time' };
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) return { problem: 'workshops.problem.order' };
  const body = { title: trimmed, lessons: [...lessons], language: language === 'zh-CN' ? 'zh-CN' : 'en' };
  if (startsAt) body.startsAt = startsAt;
  if (endsAt) body.endsAt = endsAt;
  return { body };
}
