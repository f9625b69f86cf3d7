// "Copy" buttons next to read-only fields (join links, resume links and codes). A button with
// data-copy="<input id>" copies that input's value; its words say "Copied" for a moment. The clipboard API
// needs a secure context (https or localhost); elsewhere the field's text is selected and copied the old way.

import { h } from './dom.js';
import { t } from './i18n.js';

const COPIED_MS = 2_000;

/** Copies `input`'s value; answers whether it worked. */
export async function copyFrom(input) {
  const text = input.value;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (permissions): fall back below.
  }
  input.focus();
  input.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false; // The text stays selected: the reader can press Ctrl-C.
  }
}

/** Makes every button[data-copy] under `root` (now and later) copy its field. Call once per page. */
export function wireCopyButtons(root) {
  root.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-copy]');
    if (!button || !root.contains(button)) return;
    const input = document.getElementById(button.dataset.copy);
    if (!input) return;
    const copied = await copyFrom(input);
    button.dataset.i18n = copied ? 'copy.copied' : 'copy.select';
    button.textContent = t(button.dataset.i18n);
    button.dataset.copied = String(copied);
    clearTimeout(Number(button.dataset.timer));
    button.dataset.timer = String(setTimeout(() => {
      button.dataset.i18n = 'copy.copy';
      button.textContent = t('copy.copy');
      delete button.dataset.copied;
    }, COPIED_MS));
  });
}

/**
 * A read-only field with its Copy button: <span class="copy-field"><input id readonly><button data-copy>.
 * `label` is the field's accessible name.
 */
export function copyField(id, value, label, { className = '' } = {}) {
  return h('span', { class: `copy-field ${className}`.trim() },
    h('input', { id, type: 'text', readonly: true, value, 'aria-label': label, spellcheck: 'false', onfocus: selectAll }),
    h('button', { type: 'button', class: 'copy', 'data-copy': id, 'data-i18n': 'copy.copy' }, t('copy.copy')));
}

function selectAll(event) {
  event.target.select();
}
