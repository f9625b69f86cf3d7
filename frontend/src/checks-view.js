// The list of a stage's checks with their status: pending (not checked yet), passed or failed, and for a
// failed one what it expected and what it observed, on two lines, then the common mistake the stage recognised
// behind it, if any. The words are the server's, in the language now in use (docs/lesson-api.md).

import { h, replaceChildren } from './dom.js';
import { language, t } from './i18n.js';
import { renderMarkdown } from './markdown.js';

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

/**
 * A failed check's message, made readable: "Expected …" and "Observed …" apart, else the message as it is; then
 * the hints of the mistakes it recognised. A result carries its words in every language (`translations`), so a
 * switch of language redraws it without checking again.
 */
function failure(result) {
  const words = result.translations?.[language()] || result;
  const summary = words.expected || words.observed
    ? h('dl', { class: 'check-failure' },
      words.expected ? [h('dt', {}, t('checks.expected')), h('dd', {}, words.expected)] : null,
      words.observed ? [h('dt', {}, t('checks.observed')), h('dd', {}, words.observed)] : null)
    : words.message ? h('p', { class: 'check-failure' }, words.message) : null;
  return [summary, ...(words.mistakes || []).map(mistake)];
}

/** A mistake the stage recognised: its hint (markdown), styled as the stage's hints are. */
function mistake({ id, hint }) {
  const labels = { run: t('action.run'), runTitle: t('action.runTitle') };
  const body = h('div', { class: 'hint check-mistake markdown hint-text', 'data-mistake': id });
  body.innerHTML = renderMarkdown(hint, labels); // Safe: markdown.js escapes raw HTML.
  return body;
}
