// A workshop lesson's completion mark in the learner's picker, from Me's workshop.lessons[] ({id, title,
// summary, stages, passed: [stage ids], done}). No DOM.

/** {state: 'done'|'started'|'new', passed: n, total: N, key, params} with `key` an i18n key for the words. */
export function lessonMark(lesson) {
  const total = Math.max(0, Number(lesson?.stages) || 0);
  const passed = Math.min(total || Infinity, (lesson?.passed || []).length);
  if (lesson?.done) return { state: 'done', passed: total, total, key: 'workshop.mark.done', params: {} };
  if (passed > 0) {
    return { state: 'started', passed, total, key: 'workshop.mark.started', params: { n: passed, total } };
  }
  return { state: 'new', passed: 0, total, key: 'workshop.mark.new', params: { total } };
}
