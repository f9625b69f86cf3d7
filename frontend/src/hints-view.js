// A stage's hints, revealed one at a time: the ones shown so far, each headed "Hint n of N", and the words
// of the Hint button. How many are shown per stage is kept by the lesson view.

import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { renderMarkdown } from './markdown.js';

/** Draws the first `shown` of `hints` (markdown) into `container`; hides it when none is shown. */
export function renderHints(container, hints, shown) {
  const labels = { run: t('action.run'), runTitle: t('action.runTitle') };
  container.hidden = shown === 0;
  replaceChildren(container, hints.slice(0, shown).map((hint, index) => {
    const body = h('div', { class: 'markdown hint-text' });
    body.innerHTML = renderMarkdown(hint, labels); // Safe: markdown.js escapes raw HTML.
    return h('div', { class: 'hint' },
      h('p', { class: 'hint-counter' }, t('hint.counter', { n: index + 1, total: hints.length })),
      body);
  }));
}

/** The Hint button: its words and whether there is anything left to reveal. */
export function hintButton(button, hints, shown) {
  const more = shown < hints.length;
  button.disabled = !more;
  button.textContent = more ? t('action.hint') : t('action.noMoreHints');
  button.hidden = hints.length === 0;
}
