// Form plumbing the workshop pages share: an error line under a form, a busy submit button, and showing or
// hiding an element. Messages are either the server's own words (shown as they are) or i18n keys, which are
// kept on the element (data-i18n) so a language switch redraws them.

import { t } from './i18n.js';

/** Shows the server's `message` in `element` (a role="alert" line); null or '' hides it. */
export function showError(element, message) {
  delete element.dataset.i18n;
  element.textContent = message || '';
  element.hidden = !message;
}

/** Shows the i18n string `key` in `element`; it follows language switches. */
export function showErrorKey(element, key, params) {
  if (params && Object.keys(params).length) {
    showError(element, t(key, params));
    return;
  }
  element.dataset.i18n = key;
  element.textContent = t(key);
  element.hidden = false;
}

/** Runs `work` with the form's submit button disabled and aria-busy set; rethrows nothing. */
export async function whileBusy(form, work) {
  const buttons = form.querySelectorAll('button[type="submit"], button:not([type])');
  for (const button of buttons) button.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    await work();
  } finally {
    for (const button of buttons) button.disabled = false;
    form.removeAttribute('aria-busy');
  }
}
