// The English / 中文 switch of the workshop pages (the learner page wires its own in main.js, the same way):
// buttons[data-lang] in #language-switch, aria-pressed on the one in use.

import { apply, language, onLanguageChange, setLanguage } from './i18n.js';

/** Wires the switch, applies the reader's language to the page, and calls `onChange(code)` after a switch. */
export function setUpLanguage(onChange = () => {}) {
  const group = document.getElementById('language-switch');
  const show = (code) => {
    for (const button of group?.querySelectorAll('button[data-lang]') || []) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === code));
    }
  };
  group?.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-lang]');
    if (button) setLanguage(button.dataset.lang);
  });
  onLanguageChange((code) => {
    show(code);
    onChange(code);
  });
  document.documentElement.lang = language();
  apply(document);
  show(language());
}
