// An instructor's message to the room: the workshop's latest announcement when the page opens, and every
// {"type": "broadcast", message, at} pushed over the terminal WebSocket. A banner of its own colour under the
// header, until the learner dismisses it; a dismissed message (by its time) stays dismissed on this device.

import { t, language } from '../i18n.js';

const DISMISSED_KEY = 'glassbox.broadcastDismissed';

export class BroadcastBanner {
  /** @param {object} ui {root, text, time, dismiss} */
  constructor(ui) {
    this.ui = ui;
    this.shown = null; // {message, at}
    ui.dismiss.addEventListener('click', () => this.dismiss());
  }

  /**
   * Shows `{message, at}`. The page-load announcement (`fresh: false`) stays away if it was dismissed before;
   * a pushed broadcast always shows.
   */
  show(broadcast, { fresh = true } = {}) {
    if (!broadcast?.message) return;
    if (!fresh && broadcast.at && broadcast.at === remembered()) return;
    this.shown = { message: String(broadcast.message), at: broadcast.at || null };
    const { ui } = this;
    ui.text.textContent = this.shown.message;
    ui.root.dataset.at = this.shown.at || '';
    this.refresh();
    ui.root.hidden = false;
    ui.root.classList.remove('arrived');
    void ui.root.offsetWidth; // Replays the arrival animation for a second message.
    ui.root.classList.add('arrived');
  }

  /** The time in the language now in use. */
  refresh() {
    if (!this.shown) return;
    const at = this.shown.at ? new Date(this.shown.at) : null;
    const valid = at && !Number.isNaN(at.getTime());
    this.ui.time.textContent = valid
      ? t('broadcast.at', { time: at.toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit' }) })
      : '';
    if (valid) this.ui.time.setAttribute('datetime', at.toISOString());
  }

  dismiss() {
    if (this.shown?.at) {
      try {
        localStorage.setItem(DISMISSED_KEY, this.shown.at);
      } catch {
        // Storage off: it may show again after a reload.
      }
    }
    this.shown = null;
    this.ui.root.hidden = true;
  }

  hide() {
    this.shown = null;
    this.ui.root.hidden = true;
  }
}

function remembered() {
  try {
    return localStorage.getItem(DISMISSED_KEY);
  } catch {
    return null;
  }
}
