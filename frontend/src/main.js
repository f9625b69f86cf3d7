// Page wiring: the lesson picker, the language switch, starting, reattaching and ending sessions, and joining
// the terminal view, its connection and (for a lesson session) the lesson panel. The rendered page
// (PageResource/index.html) supplies the elements; this file adds behaviour.
//
// Workshop mode (docs/workshop-api.md): when GET /api/me knows this device's learner, the page shows the
// workshop banner and the instructor's announcement, the picker lists the workshop's lessons with their marks,
// the learner's current lesson reopens by itself, a fast-forward shows over the terminal, broadcasts show as a
// banner, staff resets and ends are followed, revealed hints are recorded, and a full server is waited for.
// Without a learner cookie the page is exactly the anonymous one. <body data-mode="anonymous|workshop|problem">
// says which, once known.

import '@xterm/xterm/css/xterm.css';
import './app.css';
import './widgets.css';
import './workshop/workshop.css';
import { createSession, endSession, getLessons, terminalSocketUrl } from './api.js';
import { wireCopyButtons } from './copy-text.js';
import { apply as applyStrings, language, onLanguageChange, setLanguage, t } from './i18n.js';
import { renderLessonList } from './lesson-list.js';
import { LessonView } from './lesson-view.js';
import { renderMarkdown } from './markdown.js';
import { clearSession, loadSession, saveSession } from './session-store.js';
import { refresh as refreshStatus, showConnectionState, showMessage, showNotice } from './status-line.js';
import { CLOSE_ENDED_BY_STAFF, CLOSE_POLICY, CLOSE_RESET, TerminalConnection } from './terminal-connection.js';
import { createTerminalView } from './terminal-view.js';
import { recordHint } from './workshop/api.js';
import { FastForwardOverlay } from './workshop/fast-forward-overlay.js';
import { LearnerMode } from './workshop/learner-mode.js';
import { retryAfterSeconds, worthWaitingFor } from './workshop/retry-after.js';
import { StartQueue } from './workshop/start-queue.js';

const $ = (id) => document.getElementById(id);
const ui = {
  picker: $('picker'),
  pickerIntro: $('picker').querySelector('.intro:not(#workshop-intro)'),
  lessonsHeading: $('lessons-heading'),
  pickerError: $('picker-error'),
  lessonList: $('lesson-list'),
  noLessons: $('no-lessons'),
  workspace: $('terminal-view'),
  terminal: $('terminal'),
  sessionControls: $('session-controls'),
  newSession: $('new-session'),
  endSession: $('end-session'),
  languages: $('language-switch'),
  tagline: $('tagline'),
  status: {
    root: $('status'),
    host: $('status-host'),
    text: $('status-text'),
    countdown: $('status-countdown'),
    detail: $('status-detail'),
    notice: $('status-notice'),
    takeControl: $('take-control'),
  },
  lesson: {
    root: $('lesson'),
    title: $('lesson-title'),
    progress: $('progress'),
    scroll: $('lesson-scroll'),
    celebration: $('celebration'),
    stageCount: $('stage-count'),
    stageTitle: $('stage-title'),
    stageNote: $('stage-note'),
    stageNoteText: $('stage-note-text'),
    backToCurrent: $('back-to-current'),
    instructions: $('instructions'),
    checks: $('checks'),
    hints: $('hints'),
    done: $('done'),
    dockerHeading: $('docker-heading'),
    docker: $('docker'),
    backToLessons: $('back-to-lessons'),
    actions: $('lesson-actions'),
    result: $('check-result'),
    checkButton: $('check-button'),
    hintButton: $('hint-button'),
    solveButton: $('solve-button'),
    kernel: $('kernel'),
    kernelTarget: $('kernel-target'),
    kernelBody: $('kernel-body'),
  },
  workshop: {
    intro: $('workshop-intro'),
    banner: {
      root: $('workshop-banner'),
      title: $('workshop-title'),
      who: $('workshop-who'),
      resumeToggle: $('resume-elsewhere'),
      resumeDetails: $('resume-details'),
      resumeUrl: $('resume-url'),
      resumeCode: $('resume-code'),
      leave: $('leave-device'),
    },
    broadcast: {
      root: $('broadcast-banner'),
      text: $('broadcast-text'),
      time: $('broadcast-time'),
      dismiss: $('broadcast-dismiss'),
    },
    fastForward: {
      root: $('fast-forward'),
      text: $('fast-forward-text'),
      progress: $('fast-forward-progress'),
      actions: $('fast-forward-actions'),
      retry: $('fast-forward-retry'),
      dismiss: $('fast-forward-dismiss'),
    },
    queue: {
      root: $('start-wait'),
      text: $('start-wait-text'),
      cancel: $('start-wait-cancel'),
    },
    problem: {
      root: $('workshop-problem'),
      text: $('workshop-problem-text'),
      forget: $('forget-device'),
    },
  },
};

/** The running session: {session, view, connection, lesson}, or null while the picker shows. */
let current = null;
/** A workshop learner's vanished lab host is started again by itself, but not more often than this. */
const RECOVERY_INTERVAL_MS = 15_000;
let lastRecovery = 0;

const workshop = new LearnerMode(ui, {
  showAnonymousList: () => redrawLessonList(language()),
  closeTerminal: () => closeTerminal(),
  showPickerError: (message) => showPickerError(message),
  notice: (text) => showNotice(ui.status, text),
});
const queue = new StartQueue(ui.workshop.queue);
const fastForward = new FastForwardOverlay(ui.workshop.fastForward, {
  onChange: () => blockInputWhileFastForwarding(),
  onReady: () => current?.lesson?.resync(),
  onRetry: () => restartSession(),
});

// --- starting, attaching and ending -------------------------------------------------------------------

async function start(lesson) {
  queue.cancel(); // Another choice while waiting for a lab host: that one instead.
  setPickerBusy(true);
  showPickerError(null);
  showMessage(ui.status, 'status.starting', {}, 'connecting');
  let created;
  try {
    created = await createSession(lesson);
  } catch (error) {
    setPickerBusy(false);
    if (workshop.active && worthWaitingFor(error)) {
      // A workshop's start: the whole room asks at once (503), or this learner restarted too often (429
      // rate-limited). Wait as the server says, visibly, then ask again.
      showMessage(ui.status, 'status.waitingForHost', {}, 'connecting');
      if (await queue.wait(retryAfterSeconds(error.retryAfter), error.message)) start(lesson);
      return;
    }
    // 503 says "All N lab hosts are in use...", 429 which limit and when to retry; show the server's words
    // where the learner is looking.
    showPickerError(error.message);
    showMessage(ui.status, 'status.couldNotStart', {}, 'closed');
    return;
  }
  setPickerBusy(false);
  const session = {
    id: created.id,
    token: created.token,
    terminalUrl: created.terminalUrl,
    hostname: created.hostname,
    lesson: created.lesson ?? null,
  };
  saveSession(session);
  // A new shell: no since, its output starts at 0. A workshop learner's running lab host (200): replay what
  // its terminal still keeps, as a reload does.
  attach(session, created.created ? undefined : 0);
  // A lab host being brought to the learner's stage: the overlay, until a push says "ready".
  if (created.fastForward) fastForward.start(created.fastForward);
}

/** Shows the terminal (and the lesson, if any) and connects. `since`: undefined for a new shell, 0 to replay. */
function attach(session, since) {
  ui.picker.hidden = true;
  ui.workspace.hidden = false;
  ui.workspace.classList.toggle('with-lesson', Boolean(session.lesson));
  ui.sessionControls.hidden = false;
  ui.tagline.hidden = true;

  const view = createTerminalView(ui.terminal);
  let lesson = null;
  let wasConnected = false;
  const connection = new TerminalConnection({
    url: (params) => terminalSocketUrl(session.terminalUrl, params),
    screen: view.screen,
    since,
    size: { cols: view.term.cols, rows: view.term.rows },
    onState: (state) => {
      showConnectionState(ui.status, { ...state, hostname: state.hostname || session.hostname });
      // A watcher's keys would be dropped anyway; disabling input also stops the cursor inviting them. So would
      // keys during a fast-forward.
      view.term.options.disableStdin = state.mode === 'watch' || fastForward.visible;
      if (state.phase === 'connected') {
        // Pushed checks may have been missed while the socket was down: ask where the lesson is.
        if (wasConnected) lesson?.resync();
        wasConnected = true;
      }
      if (state.phase === 'closed' && current?.connection === connection) {
        clearSession(); // The server ended or refused it: a reload should not try it again.
        // Staff acted on a workshop learner's lab host. Not from inside the connection's own callback.
        if (state.closeCode === CLOSE_RESET) setTimeout(() => restartAfterReset(connection));
        if (state.closeCode === CLOSE_ENDED_BY_STAFF) setTimeout(() => endedByStaff(connection));
        // Refused: the session is unknown (the server restarted, or it was reaped while the page was away).
        if (state.closeCode === CLOSE_POLICY) setTimeout(() => recover(connection, state.reason));
      }
    },
    onPush: (message) => {
      if (message.type === 'fast-forward') {
        fastForward.update(message);
      } else if (!workshop.onPush(message)) {
        lesson?.onPush(message);
      }
    },
  });
  view.term.onData((data) => connection.sendText(data));
  view.term.onBinary((data) => connection.sendBinaryString(data));
  view.term.onResize(({ cols, rows }) => connection.resize(cols, rows));

  if (session.lesson) {
    lesson = new LessonView({
      ui: ui.lesson,
      session,
      connection,
      focusTerminal: () => view.term.focus(),
      notice: (text) => showNotice(ui.status, text),
      onGone: (message, error) => {
        if (!(error?.code !== 'lesson-not-found' && recover(connection, message))) leave(message);
      },
      onBack: () => end(),
      onHint: (stage, hint) => {
        if (workshop.active) recordHint(session, stage, hint);
      },
    });
  } else {
    ui.lesson.root.hidden = true;
  }

  current = { session, view, connection, lesson };
  window.glassbox = { term: view.term, connection, session, lesson, endSession: end, renderMarkdown };
  connection.connect();
  lesson?.open();
  view.term.focus();
}

/** Tears down what the page holds for the session (not the session itself), and shows the picker. */
function detach() {
  closeTerminal();
  showPicker();
  workshop.refresh(); // The marks may have changed while the lesson ran.
}

/** Closes this page's terminal and forgets the session here; the lab host itself keeps running. */
function closeTerminal() {
  if (!current) return;
  const { view, connection, lesson } = current;
  current = null;
  fastForward.hide();
  lesson?.close();
  connection.close(t('close.ended'));
  view.dispose();
  clearSession();
}

/** Ends the running session (if any) and goes back to the picker. */
async function end() {
  if (!current) return;
  const { session } = current;
  detach();
  showMessage(ui.status, 'status.sessionEnded');
  try {
    await endSession(session);
  } catch (error) {
    showMessage(ui.status, 'status.couldNotEnd', { message: error.message }, 'closed');
  }
}

/** The session or its lesson is gone (404): back to the picker, saying why. */
function leave(message) {
  if (!current) return;
  const { session } = current;
  detach();
  showPickerError(message);
  showMessage(ui.status, 'status.sessionEnded', {}, 'closed');
  showNotice(ui.status, message);
  endSession(session).catch(() => {}); // In case only the lesson went away: free the lab host.
}

/** A fresh lab host for the same lesson: ends this one first, since each session holds a lab host. */
async function restartSession() {
  const lesson = current?.session.lesson ?? undefined;
  await end();
  await start(lesson);
}

/** Staff reset the lab host (close 4000): the server builds a fresh, fast-forwarded one; start it. */
function restartAfterReset(connection) {
  if (current?.connection !== connection) return;
  const lesson = current.session.lesson ?? undefined;
  detach();
  showNotice(ui.status, t('workshop.resetByStaff'));
  start(lesson);
}

/**
 * A workshop learner's lab host vanished (server restart, reaped): ask for the lesson again, and the server
 * builds a fresh lab host fast-forwarded to their stage. Answers whether it did; not for anonymous sessions,
 * the free sandbox, or twice within RECOVERY_INTERVAL_MS (then the page says what happened, as before).
 */
function recover(connection, reason) {
  if (current?.connection !== connection) return true; // Handled already (the socket and the lesson both noticed).
  const lesson = current.session.lesson;
  if (!workshop.active || !lesson || Date.now() - lastRecovery < RECOVERY_INTERVAL_MS) return false;
  lastRecovery = Date.now();
  detach();
  showNotice(ui.status, t('workshop.recovering', { reason: reason || '' }));
  start(lesson);
  return true;
}

/** Staff ended the lab host (close 4001): back to the picker, saying so. It has ended: nothing to delete. */
function endedByStaff(connection) {
  if (current?.connection !== connection) return;
  detach();
  showPickerError(t('workshop.endedByStaff'));
  showMessage(ui.status, 'status.sessionEnded', {}, 'closed');
}

/** No keys while the server replays stages into the lab host; the keyboard returns to the terminal after. */
function blockInputWhileFastForwarding() {
  if (!current) return;
  const { view, connection } = current;
  view.term.options.disableStdin = fastForward.visible || connection.state.mode === 'watch';
  if (!fastForward.visible) view.term.focus();
}

// --- the picker -----------------------------------------------------------------------------------------

function showPicker() {
  queue.cancel();
  ui.workspace.hidden = true;
  ui.workspace.classList.remove('with-lesson');
  ui.lesson.root.hidden = true;
  ui.sessionControls.hidden = true;
  ui.tagline.hidden = false;
  ui.picker.hidden = false;
  window.glassbox = undefined;
}

function setPickerBusy(busy) {
  for (const button of ui.picker.querySelectorAll('button[data-lesson]')) {
    button.disabled = busy;
  }
  ui.picker.setAttribute('aria-busy', String(busy));
}

function showPickerError(message) {
  ui.pickerError.hidden = !message;
  ui.pickerError.textContent = message || '';
}

/** The lesson titles in the picker come from the server; in another language they are fetched again. */
async function redrawLessonList(code) {
  try {
    const catalog = await getLessons(code);
    if (language() === code && !workshop.active) renderLessonList(ui.lessonList, ui.noLessons, catalog.lessons);
  } catch (error) {
    showNotice(ui.status, error.message);
  }
}

// --- language ---------------------------------------------------------------------------------------------

function showLanguage(code) {
  for (const button of ui.languages.querySelectorAll('button[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === code));
  }
}

function languageChanged(code) {
  showLanguage(code);
  refreshStatus(ui.status);
  if (!workshop.active) redrawLessonList(code);
  workshop.languageChanged(); // In workshop mode, the workshop's lesson titles in the new language.
  fastForward.refresh();
  queue.refresh();
  current?.lesson?.changeLanguage(code);
}

// --- start-up -------------------------------------------------------------------------------------------

ui.picker.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-lesson]');
  if (button && !button.disabled) {
    start(button.dataset.lesson || undefined); // The free sandbox has an empty data-lesson.
  }
});
ui.languages.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-lang]');
  if (button) setLanguage(button.dataset.lang);
});
ui.endSession.addEventListener('click', () => end());
wireCopyButtons(document.body);
ui.newSession.addEventListener('click', () => restartSession());
ui.status.takeControl.addEventListener('click', () => current?.connection.reconnectNow());
// Back online (a laptop waking up, Wi-Fi returning): try at once instead of waiting out the backoff.
window.addEventListener('online', () => {
  if (current?.connection.state.phase === 'reconnecting') current.connection.reconnectNow();
});
onLanguageChange(languageChanged);

// The server rendered the page in the browser's language; the learner may have chosen another one.
const served = document.documentElement.lang;
document.documentElement.lang = language();
applyStrings(document);
showLanguage(language());

// Whose picker it is (anonymous or a workshop's) is known once GET /api/me answers; until then it stays hidden.
ui.picker.hidden = true;
const stored = loadSession();
const found = await workshop.load();
if (found.kind === 'learner') {
  workshop.enter(found.me);
  const lessons = (found.me.workshop?.lessons || []).map((l) => l.id);
  // Where the learner is, says the server (maybe moved on another device); else what this tab had open.
  const lesson = found.me.current?.lesson ?? (lessons.includes(stored?.lesson) ? stored.lesson : null);
  if (stored && !stored.lesson) {
    attach(stored, 0); // The free sandbox, in this tab.
  } else {
    showPicker();
    if (lesson) {
      // The server answers the learner's running lab host (200, the same shell: a reload) or a new one,
      // fast-forwarded to their stage (201).
      start(lesson);
    } else {
      showMessage(ui.status, 'status.noSession');
    }
  }
} else {
  workshop.anonymous(found);
  if (served !== language()) redrawLessonList(language());
  if (stored) {
    // A reload: same shell, new empty screen, so ask for everything the server still keeps (since=0). A lesson
    // session reopens its panel on the stage the server says it is at.
    attach(stored, 0);
  } else {
    showPicker();
    showMessage(ui.status, 'status.noSession');
  }
}
