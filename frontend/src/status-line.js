// The status line at the bottom of the page: connection state in words, the lab host's name, the things a
// learner must know to use the terminal (view only, shell exited, errors from the server), and a passing
// notice (an API error's message, a command that could not be typed). Words come from i18n.js; the line
// remembers what it shows, so refresh() can say it again in another language.

import { has, t } from './i18n.js';

/** A notice stays this long unless another replaces it. */
const NOTICE_SHOWN_MS = 15_000;

let shown = null; // () => void: draws the connection state or the message last given
let notice = '';
let noticeTimer = null;

/**
 * Shows a TerminalConnection state. The words go to the aria-live region; the reconnect countdown goes to
 * an aria-hidden part, so a screen reader hears "reconnecting" once instead of every second.
 */
export function showConnectionState(ui, state) {
  shown = () => drawState(ui, state);
  shown();
}

/** A message outside any session: `key` of i18n.js with its params ("starting a lab host…"). */
export function showMessage(ui, key, params = {}, phase = 'idle') {
  shown = () => {
    ui.root.dataset.phase = phase;
    ui.host.textContent = '';
    ui.text.textContent = t(key, params);
    ui.countdown.textContent = '';
    ui.detail.textContent = '';
    ui.takeControl.hidden = true;
  };
  shown();
}

/** A passing notice next to whatever the line shows, e.g. the server's message for a failed request. */
export function showNotice(ui, text) {
  notice = text || '';
  ui.notice.textContent = notice ? ` · ${notice}` : '';
  clearTimeout(noticeTimer);
  if (notice) {
    noticeTimer = setTimeout(() => showNotice(ui, ''), NOTICE_SHOWN_MS);
  }
}

/** Draws the line again, in the language now in use. */
export function refresh(ui) {
  shown?.();
  ui.takeControl.textContent = t('status.takeControl');
}

function drawState(ui, state) {
  ui.root.dataset.phase = state.phase;
  ui.host.textContent = state.hostname || '';

  const reason = state.reason || closeWords(state.closeCode);
  let phase = '';
  let countdown = '';
  const details = [];
  switch (state.phase) {
    case 'connecting':
      phase = t('status.connecting');
      break;
    case 'connected':
      phase = t('status.connected');
      break;
    case 'reconnecting':
      phase = t('status.reconnecting');
      countdown = state.retryInSeconds === null ? '…' : t('status.retryIn', { seconds: state.retryInSeconds });
      if (reason) details.push(reason);
      break;
    case 'closed':
      phase = t('status.closed', { reason: reason || t('close.default') });
      break;
  }
  if (state.phase === 'connected' && state.mode === 'watch') {
    details.push(t('status.viewOnly'));
  }
  if (state.exited) {
    details.push(t('status.exited', { code: state.exitCode ?? '?' }));
  }
  if (state.error) {
    details.push(t('status.error', { message: state.error }));
  }
  ui.text.textContent = phase;
  ui.countdown.textContent = countdown;
  ui.detail.textContent = details.map((d) => ` · ${d}`).join('');
  ui.takeControl.hidden = !(state.phase === 'connected' && state.mode === 'watch');
}

/** Words for a close code that came without a reason (the browser's own codes, mostly). */
function closeWords(code) {
  if (code === null || code === undefined || code === 1000) return '';
  return has(`close.${code}`) ? t(`close.${code}`) : t('close.other', { code });
}
