// The workshop banner of a signed-in learner: the workshop's title, "signed in as <name>", "Resume on another
// device" (reveals the resume link as a full URL and the resume code, each with a Copy button) and "Leave on
// this device". The elements are in PageResource/index.html; see main.js for the ids.

import { absoluteUrl } from '../format.js';
import { t } from '../i18n.js';

export class MeBanner {
  /**
   * @param {object} ui {root, title, who, resumeToggle, resumeDetails, resumeUrl, resumeCode, leave}
   * @param {() => void} onLeave "Leave on this device" was chosen
   */
  constructor(ui, onLeave) {
    this.ui = ui;
    this.me = null;
    ui.resumeToggle.addEventListener('click', () => this.toggleResume());
    ui.leave.addEventListener('click', () => onLeave());
  }

  show(me) {
    this.me = me;
    const { ui } = this;
    ui.root.hidden = false;
    ui.root.dataset.learner = me.learner?.id || '';
    ui.title.textContent = me.workshop?.title || '';
    ui.resumeUrl.value = me.resumeUrl ? absoluteUrl(me.resumeUrl, location.origin) : '';
    ui.resumeCode.value = me.resumeCode || '';
    this.refresh();
  }

  hide() {
    this.me = null;
    this.ui.root.hidden = true;
    this.setResumeOpen(false);
  }

  /** Words again, in the language now in use. */
  refresh() {
    if (!this.me) return;
    this.ui.who.textContent = t('workshop.signedInAs', { name: this.me.learner?.name || '' });
  }

  toggleResume() {
    this.setResumeOpen(this.ui.resumeDetails.hidden);
    if (!this.ui.resumeDetails.hidden) this.ui.resumeUrl.select();
  }

  setResumeOpen(open) {
    this.ui.resumeDetails.hidden = !open;
    this.ui.resumeToggle.setAttribute('aria-expanded', String(open));
  }
}
