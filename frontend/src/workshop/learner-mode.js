// The learner page's workshop mode, apart from the terminal (main.js keeps that): who this device is (GET
// /api/me), the workshop banner and the announcement, the picker's list of the workshop's lessons with their
// marks, a learner key that stopped working, and forgetting the learner on this device.
//
// <body data-mode="anonymous|workshop|problem"> says which page this is once GET /api/me has answered.

import { confirmStep } from '../confirm-dialog.js';
import { chosenLanguage, language, setLanguage, t } from '../i18n.js';
import { clearSession } from '../session-store.js';
import { forgetLearner, getMe } from './api.js';
import { BroadcastBanner } from './broadcast-banner.js';
import { meProblem } from './learner-key.js';
import { MeBanner } from './me-banner.js';
import { renderWorkshopLessons } from './workshop-lessons.js';

export class LearnerMode {
  /**
   * @param {object} ui main.js's: picker parts (pickerIntro, lessonsHeading, lessonList, noLessons) and
   *     `workshop` (intro, banner, broadcast, problem)
   * @param {object} hooks
   * @param {() => void} hooks.showAnonymousList the ordinary lesson list again (the key stopped working)
   * @param {() => void} hooks.closeTerminal close this page's terminal, leaving the lab host running
   * @param {(message: string) => void} hooks.showPickerError
   * @param {(text: string) => void} hooks.notice a passing notice in the status line
   */
  constructor(ui, hooks) {
    this.ui = ui;
    this.hooks = hooks;
    /** GET /api/me's answer while this device is a workshop learner, else null. */
    this.me = null;
    this.banner = new MeBanner(ui.workshop.banner, () => this.leaveDevice());
    this.broadcast = new BroadcastBanner(ui.workshop.broadcast);
    ui.workshop.problem.forget.addEventListener('click', () => this.forget());
  }

  /** Whether this device is a workshop learner. */
  get active() {
    return this.me !== null;
  }

  /** GET /api/me: {kind: 'learner', me} or {kind: 'anonymous' | 'problem' | 'unknown', error}. */
  async load() {
    try {
      return { kind: 'learner', me: await getMe(language()) };
    } catch (error) {
      return { kind: meProblem(error), error };
    }
  }

  /** This device is a workshop learner: banner, announcement, the workshop's lessons, and its language. */
  enter(me) {
    this.me = me;
    document.body.dataset.mode = 'workshop';
    this.ui.workshop.problem.root.hidden = true;
    this.banner.show(me);
    this.broadcast.show(me.workshop?.announcement, { fresh: false });
    this.drawPicker();
    // The workshop's language, unless the learner chose one with the switch (then theirs).
    const workshopLanguage = me.workshop?.language;
    if (!chosenLanguage() && workshopLanguage && workshopLanguage !== language()) {
      setLanguage(workshopLanguage, { remember: false });
    }
  }

  /** Not a workshop learner: the page as it always was (and, for 'problem', why the key does not work). */
  anonymous(found) {
    document.body.dataset.mode = found.kind === 'problem' ? 'problem' : 'anonymous';
    if (found.kind === 'problem') this.showProblem(found.error.message);
    if (found.kind === 'unknown') console.warn('glassbox: GET /api/me failed; the page works without a workshop', found.error);
  }

  /** The picker for a workshop learner: its lessons with their marks; the free sandbox stays below. */
  drawPicker() {
    const { ui, me } = this;
    ui.pickerIntro.hidden = true;
    ui.workshop.intro.hidden = false;
    ui.lessonsHeading.dataset.i18n = 'workshop.lessons';
    ui.lessonsHeading.textContent = t('workshop.lessons');
    renderWorkshopLessons(ui.lessonList, ui.noLessons, me.workshop?.lessons || [], me.current?.lesson);
  }

  /** Me again (marks after a lesson, titles after a language switch). A key that stopped working says so. */
  async refresh() {
    if (!this.me) return;
    const code = language();
    try {
      const fresh = await getMe(code);
      if (!this.me || language() !== code) return;
      this.me = fresh;
      this.banner.show(fresh);
      this.drawPicker();
    } catch (error) {
      if (!this.me) return;
      if (meProblem(error) === 'unknown') {
        this.hooks.notice(error.message);
      } else {
        this.stop(error.message);
      }
    }
  }

  /** The language changed: words again, and the lesson titles in it. */
  languageChanged() {
    this.broadcast.refresh();
    if (!this.me) return;
    this.banner.refresh();
    this.refresh();
  }

  /** A pushed message of the workshop's ({"type": "broadcast"}); answers whether it was one. */
  onPush(message) {
    if (message.type !== 'broadcast') return false;
    this.broadcast.show(message);
    return true;
  }

  /** The learner key no longer works (unknown, or the workshop ended): the anonymous picker, and why. */
  stop(message) {
    const { ui } = this;
    this.me = null;
    this.banner.hide();
    ui.pickerIntro.hidden = false;
    ui.workshop.intro.hidden = true;
    ui.lessonsHeading.dataset.i18n = 'picker.lessons';
    ui.lessonsHeading.textContent = t('picker.lessons');
    this.showProblem(message);
    this.hooks.showAnonymousList();
  }

  /** GET /api/me refused the learner key: its message, and "Forget this device" as the way on. */
  showProblem(message) {
    document.body.dataset.mode = 'problem';
    this.ui.workshop.problem.text.textContent = message;
    this.ui.workshop.problem.root.hidden = false;
  }

  /** POST /api/learners/logout, then the page afresh (anonymous). Answers false if the server refused. */
  async forget() {
    try {
      await forgetLearner();
    } catch (error) {
      this.hooks.showPickerError(error.message);
      return false;
    }
    clearSession();
    location.replace('/');
    return true;
  }

  /** "Leave on this device": after a confirm that shows the resume code, forget the learner here. */
  async leaveDevice() {
    if (!this.me) return;
    const confirmed = await confirmStep(t('workshop.leaveConfirm', { code: this.me.resumeCode || '' }), {
      yes: t('workshop.leave'),
    });
    if (!confirmed) return;
    this.hooks.closeTerminal(); // The lab host stays for the learner's other devices.
    if (!(await this.forget())) this.hooks.notice(t('workshop.leaveFailed'));
  }
}
