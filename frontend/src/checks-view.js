// The list of a stage's checks with their status: pending (not checked yet), passed or failed, and for a
// failed one what it expected and what it observed, on two lines.

import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';

const ICONS = { pending: '○', passed: '✓', failed: '✗' };

/**
 * Draws `checks` ([{id, type, explain}] from the lesson) into the list `ul`. `results` are the stage's latest
 * results ([{id, passed, expected, observed, message}]) or undefined; `stagePassed` marks them all passed
 * (after a reload the page knows the stage passed, not each result).
 */
export function renderChecks(ul, checks, results, stagePassed) {
  const byId = new Map((results || []).map((result) => [result.id, result]));
  replaceChildren(ul, checks.map((check) => {
    const result = byId.get(check.id);
    const status = stagePassed || result?.passed ? 'passed' : result ? 'failed' : 'pending';
    return h('li', { class: `check check-${status}`, 'data-check': check.id, 'data-status': status },
      h('span', { class: 'check-icon', 'aria-hidden': 'true' }, ICONS[status]),
      h('span', { class: 'check-text' },
        h('span', { class: 'check-label' }, check.explain || check.id),
        ' ',
        h('span', { class: 'visually-hidden' }, `(${t(`checks.${status}`)})`),
        check.explain ? h('code', { class: 'check-id' }, check.id) : null,
        status === 'failed' ? failure(result) : null));
  }));
}

/** A failed check's message, made readable: "Expected …" and "Observed …" apart, else the message as it is. */
function failure(result) {
  if (result.expected || result.observed) {
    return h('dl', { class: 'check-failure' },
      result.expected ? [h('dt', {}, t('checks.expected')), h('dd', {}, result.expected)] : null,
      result.observed ? [h('dt', {}, t('checks.observed')), h('dd', {}, result.observed)] : null);
  }
  return result.message ? h('p', { class: 'check-failure' }, result.message) : null;
}
