// The dashboard's broadcast box: a message (1-500 characters) to every learner's page at once, and to those
// who come later (POST /api/workshops/{id}/broadcast). Ctrl+Enter sends too.

import { t } from '../i18n.js';
import { showError, whileBusy } from '../page-form.js';
import { broadcast } from './api.js';

const MAX = 500;
const $ = (id) => document.getElementById(id);

export class BroadcastForm {
  /** @param {() => string} workshopId */
  constructor(workshopId) {
    this.workshopId = workshopId;
    this.ui = {
      form: $('broadcast-form'),
      message: $('broadcast-message'),
      count: $('broadcast-count'),
      result: $('broadcast-result'),
      error: $('broadcast-error'),
    };
    this.sentAt = null;
    this.ui.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    this.ui.message.addEventListener('input', () => this.drawCount());
    this.ui.message.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.send();
      }
    });
    this.drawCount();
  }

  /** No broadcasts to an ended workshop. */
  setEnabled(enabled) {
    this.ui.message.disabled = !enabled;
    for (const button of this.ui.form.querySelectorAll('button')) button.disabled = !enabled;
  }

  drawCount() {
    this.ui.count.textContent = t('broadcast.count', { n: this.ui.message.value.length, max: MAX });
  }

  /** Words again, in the language now in use. */
  refresh() {
    this.drawCount();
    if (this.sentAt) this.drawSent();
  }

  drawSent() {
    this.ui.result.textContent = t('broadcast.sent', {
      time: this.sentAt.toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' }),
    });
  }

  async send() {
    const message = this.ui.message.value.trim();
    if (!message || this.ui.form.getAttribute('aria-busy') === 'true') return;
    showError(this.ui.error, null);
    this.ui.result.textContent = '';
    await whileBusy(this.ui.form, async () => {
      try {
        await broadcast(this.workshopId(), message);
        this.ui.message.value = '';
        this.drawCount();
        this.sentAt = new Date();
        this.drawSent();
      } catch (error) {
        showError(this.ui.error, error.message);
      }
    });
  }
}
