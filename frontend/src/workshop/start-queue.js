// Waiting politely for a lab host: when POST /api/sessions answers 503 (all lab hosts in use), a workshop
// learner's page tries again after Retry-After seconds (10 by default), with a visible countdown and a
// Cancel button, so a whole room pressing Start at once queues instead of hammering the server.
//
// #start-wait carries data-seconds (the seconds left) while it counts down.

import { t } from '../i18n.js';

export class StartQueue {
  /** @param {object} ui {root, text, cancel} */
  constructor(ui) {
    this.ui = ui;
    this.timer = null;
    this.resolve = null;
    this.message = '';
    this.until = 0;
    ui.cancel.addEventListener('click', () => this.cancel());
  }

  /** Whether a countdown runs. */
  get waiting() {
    return this.resolve !== null;
  }

  /** Counts `seconds` down, showing the server's `message`; resolves true when it is time, false if cancelled. */
  wait(seconds, message) {
    this.cancel();
    this.message = message || '';
    this.until = Date.now() + seconds * 1000;
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.draw();
      this.ui.root.hidden = false;
      this.timer = setInterval(() => {
        if (this.secondsLeft() <= 0) {
          this.finish(true);
        } else {
          this.draw();
        }
      }, 250);
    });
  }

  cancel() {
    this.finish(false);
  }

  /** Words again, in the language now in use. */
  refresh() {
    if (this.waiting) this.draw();
  }

  secondsLeft() {
    return Math.max(0, Math.ceil((this.until - Date.now()) / 1000));
  }

  draw() {
    const seconds = this.secondsLeft();
    this.ui.root.dataset.seconds = String(seconds);
    this.ui.text.textContent = t('queue.waiting', { message: this.message, seconds });
  }

  finish(answer) {
    clearInterval(this.timer);
    this.timer = null;
    this.ui.root.hidden = true;
    delete this.ui.root.dataset.seconds;
    const resolve = this.resolve;
    this.resolve = null;
    resolve?.(answer);
  }
}
