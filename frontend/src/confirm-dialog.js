// A confirm step that does not freeze the page (window.confirm would stop the live dashboard and the
// terminal while it is open): a modal <dialog id="confirm-dialog"> with the question and two buttons,
// #confirm-yes and #confirm-no. Escape or a click on "Cancel" answers false.

import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';

let dialog = null;

/**
 * Asks `question`; resolves true when confirmed. `yes` is the confirming button's words (e.g. "Reset"),
 * `danger` colours it as destructive.
 */
export function confirmStep(question, { yes = t('confirm.yes'), danger = false } = {}) {
  dialog ??= createDialog();
  const text = dialog.querySelector('#confirm-text');
  const yesButton = dialog.querySelector('#confirm-yes');
  const noButton = dialog.querySelector('#confirm-no');
  replaceChildren(text, question);
  yesButton.textContent = yes;
  yesButton.classList.toggle('danger', danger);
  noButton.textContent = t('confirm.cancel');
  return new Promise((resolve) => {
    const finish = (answer) => {
      yesButton.removeEventListener('click', onYes);
      noButton.removeEventListener('click', onNo);
      dialog.removeEventListener('close', onClose);
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    const onYes = () => finish(true);
    const onNo = () => finish(false);
    const onClose = () => finish(false);
    yesButton.addEventListener('click', onYes);
    noButton.addEventListener('click', onNo);
    dialog.addEventListener('close', onClose);
    dialog.showModal();
    noButton.focus(); // The safe answer is the one Enter gives.
  });
}

function createDialog() {
  const element = h('dialog', { id: 'confirm-dialog', class: 'confirm-dialog', 'aria-labelledby': 'confirm-text' },
    h('p', { id: 'confirm-text', class: 'confirm-text' }),
    h('div', { class: 'confirm-buttons' },
      h('button', { type: 'button', id: 'confirm-no' }),
      h('button', { type: 'button', id: 'confirm-yes', class: 'primary' })));
  document.body.append(element);
  return element;
}
