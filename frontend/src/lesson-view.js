// The lesson panel beside the terminal: title and progress bar, the stage's instructions (markdown, with
// runnable commands), its checks, hints, "Check" and "Show me", the Docker epilogue when the lesson is done,
// and the kernel panel. It follows docs/lesson-api.md: texts come once per language from GET
// /api/lessons/{id}; progress comes from the server (the session's GET, check answers, pushed checks) and
// moving between stages needs no further request.

import { checkStage, getKernelState, getLesson, getSession, isGone, solveStage } from './api.js';
import { renderChecks } from './checks-view.js';
import { hintButton, renderHints } from './hints-view.js';
import { language, t } from './i18n.js';
import { KernelPanel } from './kernel-panel.js';
import { LessonProgress } from './lesson-progress.js';
import { keystrokesFor, onRunCommand, renderMarkdown } from './markdown.js';
import { flashSegment, renderProgress } from './progress-bar.js';
import { h, replaceChildren } from './dom.js';

/** How long the "stage passed" celebration shows. */
const CELEBRATION_MS = 2_600;
const TAB = 1;

export class LessonView {
  /**
   * @param {object} options
   * @param {object} options.ui the panel's elements (see main.js)
   * @param {{id: string, token: string, lesson: string}} options.session
   * @param {{sendKeys(text: string): boolean}} options.connection the terminal to type commands into
   * @param {() => void} options.focusTerminal gives the keyboard back to the terminal
   * @param {(text: string) => void} options.notice shows a passing message in the status line
   * @param {(message: string, error: Error) => void} options.onGone the session or lesson is gone: back to the
   *     picker (the error's code says which)
   * @param {() => void} options.onBack "Back to the lessons" was chosen
   * @param {(stageId: string, hint: number) => void} [options.onHint] hint number `hint` (from 0) of a stage
   *     was revealed (a workshop records it)
   */
  constructor({ ui, session, connection, focusTerminal, notice, onGone, onBack, onHint }) {
    this.ui = ui;
    this.session = session;
    this.connection = connection;
    this.focusTerminal = focusTerminal;
    this.notice = notice;
    this.onGone = onGone;
    this.onBack = onBack;
    this.onHint = onHint || null;

    this.lesson = null; // GET /api/lessons/{id} in the current language
    this.progress = null; // LessonProgress
    this.viewing = null; // the stage whose text shows
    this.hintsShown = new Map(); // stage id -> hints revealed
    this.closed = false;
    this.celebrationTimer = null;
    this.cleanups = []; // functions that remove the listeners this view added

    this.kernel = new KernelPanel({
      details: ui.kernel,
      body: ui.kernelBody,
      target: ui.kernelTarget,
      load: () => getKernelState(this.session, TAB),
      onError: (error) => this.gone(error),
    });
  }

  /** Loads the lesson and the session's progress, shows the current stage. */
  async open() {
    this.ui.root.hidden = false;
    this.ui.root.setAttribute('aria-busy', 'true');
    this.ui.title.textContent = t('lesson.loading');
    this.listen(this.ui.checkButton, 'click', () => this.check());
    this.listen(this.ui.hintButton, 'click', () => this.revealHint());
    this.listen(this.ui.solveButton, 'click', () => this.solve());
    this.listen(this.ui.backToCurrent, 'click', () => this.view(this.progress.current));
    this.listen(this.ui.backToLessons, 'click', (event) => {
      event.preventDefault();
      this.onBack();
    });
    this.listen(this.ui.result, 'click', (event) => {
      if (event.target.closest('[data-offer-hint]')) this.revealHint();
    });
    this.cleanups.push(onRunCommand(this.ui.scroll, (text) => this.type(text)));

    try {
      const [lesson, state] = await Promise.all([getLesson(this.session.lesson, language()), getSession(this.session)]);
      if (this.closed) return;
      this.lesson = lesson;
      this.progress = new LessonProgress(lesson.stages.map((stage) => stage.id), state);
      this.viewing = this.progress.current;
      this.render({ instructions: true });
      this.kernel.start();
    } catch (error) {
      if (!this.gone(error)) {
        this.notice(error.message);
        this.ui.title.textContent = error.message;
      }
    } finally {
      this.ui.root.removeAttribute('aria-busy');
    }
  }

  /** Stops timers and listeners; the panel hides. */
  close() {
    this.closed = true;
    this.kernel.stop();
    clearTimeout(this.celebrationTimer);
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups = [];
    this.ui.root.hidden = true;
    this.ui.celebration.hidden = true;
  }

  /** A text message from the terminal WebSocket that the connection does not handle itself. */
  onPush(message) {
    if (this.closed) return;
    if (message.type === 'check' && this.progress) {
      // Pushed checks never nag: a failure only updates the marks, the learner is busy typing.
      this.applyCheck(message, { manual: false });
    } else if (message.type === 'state') {
      this.kernel.update(message);
    } else if (message.type === 'solve') {
      this.setSolving(message.typing === true);
    }
  }

  /** The terminal reconnected: pushes may have been missed while it was away, so catch up. */
  async resync() {
    if (!this.progress) return;
    // A "typing is over" may have been missed too; if it is not over, a click says so (409) and waits again.
    this.setSolving(false);
    try {
      const state = await getSession(this.session);
      const before = this.progress.current;
      this.progress.sync(state);
      if (this.progress.current !== before) this.viewing = this.progress.current;
      this.render({ instructions: this.viewing !== before });
      this.kernel.refresh();
    } catch (error) {
      this.gone(error);
    }
  }

  /** The language changed: fetch the texts again and redraw, keeping the place. */
  async changeLanguage(code) {
    if (!this.lesson) return;
    try {
      const lesson = await getLesson(this.session.lesson, code);
      if (this.closed || language() !== code) return;
      this.lesson = lesson;
      this.say(''); // The last result's words were in the other language.
      this.render({ instructions: true });
      this.kernel.draw();
    } catch (error) {
      if (!this.gone(error)) this.notice(error.message);
    }
  }

  // --- drawing ---------------------------------------------------------------------------------------------

  stage(id = this.viewing) {
    return this.lesson.stages.find((stage) => stage.id === id);
  }

  /** Redraws the panel; the instructions only when asked (redrawing them loses a text selection). */
  render({ instructions = false } = {}) {
    const { ui, lesson, progress } = this;
    const stage = this.stage();
    const index = progress.index(stage.id);
    const passed = progress.passed.has(stage.id);
    const isCurrent = stage.id === progress.current;

    ui.title.textContent = lesson.title;
    renderProgress(ui.progress, lesson.stages, progress, this.viewing, (id) => this.view(id));
    ui.stageCount.textContent = t('lesson.stageOf', { n: index + 1, total: lesson.stages.length });
    ui.stageTitle.textContent = stage.title;
    if (instructions) {
      ui.instructions.innerHTML = renderMarkdown(stage.instructions, this.runLabels()); // Sanitized by markdown.js.
    }
    ui.stageNote.hidden = isCurrent || progress.done;
    ui.stageNoteText.textContent = t('lesson.viewingPassed');
    ui.backToCurrent.textContent = t('lesson.backToCurrent', { n: progress.index(progress.current) + 1 });
    renderChecks(ui.checks, stage.checks, progress.results.get(stage.id), passed);

    const shown = this.hintsShown.get(stage.id) || 0;
    renderHints(ui.hints, stage.hints, shown);
    hintButton(ui.hintButton, stage.hints, shown);

    // The buttons act on the current stage: while an earlier one is open, or the lesson is done, they go.
    const actionable = isCurrent && !progress.done;
    ui.actions.hidden = !actionable && !progress.done;
    ui.checkButton.hidden = !actionable;
    ui.solveButton.hidden = !actionable || !stage.solve;
    ui.hintButton.hidden = ui.hintButton.hidden || !actionable;
    if (!ui.checkButton.disabled) ui.checkButton.textContent = t('action.check');
    ui.solveButton.textContent = t('action.showMe');

    ui.done.hidden = !progress.done;
    if (progress.done && instructions) {
      ui.docker.innerHTML = renderMarkdown(lesson.docker || '', this.runLabels());
      ui.docker.hidden = !lesson.docker;
      ui.dockerHeading.hidden = !lesson.docker;
    }
  }

  /** Back to the stage's start: the text scrolls on its own beside the terminal, with the whole panel on a phone. */
  scrollToTop() {
    this.ui.scroll.scrollTop = 0;
    this.ui.root.scrollTop = 0;
  }

  runLabels() {
    return { run: t('action.run'), runTitle: t('action.runTitle') };
  }

  /** Opens a stage's text (a passed one, or the current one). */
  view(stageId) {
    if (!this.progress.canView(stageId) || stageId === this.viewing) return;
    this.viewing = stageId;
    this.render({ instructions: true });
    this.scrollToTop();
  }

  // --- checks ----------------------------------------------------------------------------------------------

  async check() {
    const button = this.ui.checkButton;
    if (button.disabled) return;
    button.disabled = true;
    button.textContent = t('action.checking');
    try {
      const result = await checkStage(this.session, TAB);
      if (!this.closed) this.applyCheck(result, { manual: true });
    } catch (error) {
      if (!this.gone(error)) {
        this.say(t('result.checkFailed', { message: error.message }));
        this.notice(error.message);
      }
    } finally {
      button.disabled = false;
      button.textContent = t('action.check');
      if (!this.closed) this.kernel.refresh();
    }
  }

  /**
   * A check result, answered or pushed: marks, progress, and on a pass a short celebration and the next
   * stage. `manual` (the learner pressed Check here) also says "not yet" and offers the next hint.
   */
  applyCheck(result, { manual }) {
    const before = this.viewing;
    const change = this.progress.apply(result);
    if (change.advanced || change.lessonDone) {
      this.viewing = this.progress.current;
    }
    const moved = this.viewing !== before || change.lessonDone;
    this.render({ instructions: moved });
    if (moved) this.scrollToTop();

    if (change.stagePassed) {
      flashSegment(this.ui.progress, change.stagePassed);
      this.celebrate(change.lessonDone
        ? t('result.lessonDone')
        : t('result.stagePassed', { n: this.progress.index(change.stagePassed) + 1 }));
      if (change.lessonDone) this.ui.done.scrollIntoView({ block: 'start', behavior: 'smooth' });
    } else if (manual && !result.passed) {
      this.offerHint(result);
    } else if (manual && result.passed) {
      this.say(this.progress.done ? t('result.lessonDone') : '');
    }
  }

  /** "Not yet: 1 of 2 checks do not pass." and, if there is one left, a button for the next hint. */
  offerHint(result) {
    const results = result.results || [];
    const failed = results.filter((r) => !r.passed).length;
    const stage = this.stage(this.progress.current);
    const shown = this.hintsShown.get(stage.id) || 0;
    const words = t('result.notYet', { failed, total: results.length });
    if (shown < stage.hints.length) {
      this.say(words, h('button', { type: 'button', class: 'link-button', 'data-offer-hint': '' },
        t('hint.offer', { n: shown + 1, total: stage.hints.length })));
    } else {
      this.say(words);
    }
  }

  /** Shows a short "Stage 2 passed!" over the panel; the words also go to the live region. */
  celebrate(words) {
    this.say(words);
    const { celebration } = this.ui;
    replaceChildren(celebration, h('span', { class: 'celebration-check', 'aria-hidden': 'true' }, '✓'), ' ', words);
    celebration.hidden = false;
    celebration.classList.remove('play');
    void celebration.offsetWidth;
    celebration.classList.add('play');
    clearTimeout(this.celebrationTimer);
    this.celebrationTimer = setTimeout(() => {
      celebration.hidden = true;
    }, CELEBRATION_MS);
  }

  /** The result line under the buttons (aria-live). */
  say(...content) {
    replaceChildren(this.ui.result, ...content);
  }

  // --- hints, "Show me" and running commands ------------------------------------------------------------

  revealHint() {
    const stage = this.stage(this.progress.current);
    const shown = this.hintsShown.get(stage.id) || 0;
    if (shown >= stage.hints.length) return;
    this.hintsShown.set(stage.id, shown + 1);
    this.onHint?.(stage.id, shown);
    if (this.viewing !== stage.id) this.viewing = stage.id;
    this.render({ instructions: false });
    this.say('');
    this.ui.hints.lastElementChild?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    // Keep the keyboard where it was, unless the button just went away (no more hints).
    if (this.ui.hintButton.disabled) this.ui.checkButton.focus();
  }

  async solve() {
    const button = this.ui.solveButton;
    if (button.disabled || !window.confirm(t('action.solveConfirm'))) return;
    // The button comes back with the push that says the typing is over ({"type":"solve","typing":false}), which
    // may come before this request's answer or long after it: the stage can pass, and the page move on, while
    // the script is still being typed, and a Show me then would be refused.
    this.setSolving(true);
    this.say(t('action.solving'));
    try {
      await solveStage(this.session, TAB);
    } catch (error) {
      this.setSolving(false);
      if (!this.gone(error)) {
        this.say(t('result.solveFailed', { message: error.message }));
        this.notice(error.message);
      }
    } finally {
      if (!this.closed) this.focusTerminal();
    }
  }

  /** Show me is typing into this session (this window's or another's): its button waits until it is done. */
  setSolving(typing) {
    this.ui.solveButton.disabled = typing;
  }

  /** A command block's "run": typed into the terminal, each line with Enter, then the keyboard goes there. */
  type(text) {
    const keys = keystrokesFor(text);
    if (keys && !this.connection.sendKeys(keys)) {
      this.notice(t('action.notConnected'));
    }
    this.focusTerminal();
  }

  // --- plumbing --------------------------------------------------------------------------------------------

  /** The session or lesson no longer exists: hand over to the page (back to the picker). True if so. */
  gone(error) {
    if (!isGone(error)) return false;
    if (!this.closed) {
      const key = error.code === 'lesson-not-found' ? 'lesson.gone' : 'lesson.sessionGone';
      this.onGone(t(key, { message: error.message }), error);
    }
    return true;
  }

  listen(target, type, listener) {
    target.addEventListener(type, listener);
    this.cleanups.push(() => target.removeEventListener(type, listener));
  }
}
