// Page wiring: the lesson picker, the language switch, starting, reattaching and ending sessions, and joining
// the terminal view, its connection and (for a lesson session) the lesson panel. The rendered page
// (PageResource/index.html) supplies the elements; this file adds behaviour.

import '@xterm/xterm/css/xterm.css';
import './app.css';
import { createSession, endSession, getLessons, terminalSocketUrl } from './api.js';
import { apply as applyStrings, language, onLanguageChange, setLanguage, t } from './i18n.js';
import { renderLessonList } from './lesson-list.js';
import { LessonView } from './lesson-view.js';
import { clearSession, loadSession, saveSession } from './session-store.js';
import { refresh as refreshStatus, showConnectionState, showMessage, showNotice } from './status-line.js';
import { TerminalConnection } from './terminal-connection.js';
import { createTerminalView } from './terminal-view.js';

const $ = (id) => document.getElementById(id);
const ui = {
  picker: $('picker'),
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
};

/** The running session: {session, view, connection, lesson}, or null while the picker shows. */
let current = null;

// --- starting, attaching and ending -------------------------------------------------------------------

async function start(lesson) {
  setPickerBusy(true);
  showPickerError(null);
  showMessage(ui.status, 'status.starting', {}, 'connecting');
  try {
    const created = await createSession(lesson);
    const session = {
      id: created.id,
      token: created.token,
      terminalUrl: created.terminalUrl,
      hostname: created.hostname,
      lesson: created.lesson ?? null,
    };
    saveSession(session);
    attach(session, undefined); // A new shell: no since, its output starts at 0.
  } catch (error) {
    // 503 says "All N lab hosts are in use..."; show the server's words where the learner is looking.
    showPickerError(error.message);
    showMessage(ui.status, 'status.couldNotStart', {}, 'closed');
  } finally {
    setPickerBusy(false);
  }
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
      // A watcher's keys would be dropped anyway; disabling input also stops the cursor inviting them.
      view.term.options.disableStdin = state.mode === 'watch';
      if (state.phase === 'connected') {
        // Pushed checks may have been missed while the socket was down: ask where the lesson is.
        if (wasConnected) lesson?.resync();
        wasConnected = true;
      }
      if (state.phase === 'closed' && current?.connection === connection) {
        clearSession(); // The server ended or refused it: a reload should not try it again.
      }
    },
    onPush: (message) => lesson?.onPush(message),
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
      onGone: (message) => leave(message),
      onBack: () => end(),
    });
  } else {
    ui.lesson.root.hidden = true;
  }

  current = { session, view, connection, lesson };
  window.glassbox = { term: view.term, connection, session, lesson, endSession: end };
  connection.connect();
  lesson?.open();
  view.term.focus();
}

/** Tears down what the page holds for the session (not the session itself). */
function detach() {
  const { view, connection, lesson } = current;
  current = null;
  lesson?.close();
  connection.close(t('close.ended'));
  view.dispose();
  clearSession();
  showPicker();
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

// --- the picker -----------------------------------------------------------------------------------------

function showPicker() {
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
    if (language() === code) renderLessonList(ui.lessonList, ui.noLessons, catalog.lessons);
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
  redrawLessonList(code);
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
if (served !== language()) redrawLessonList(language());

const stored = loadSession();
if (stored) {
  // A reload: same shell, new empty screen, so ask for everything the server still keeps (since=0). A lesson
  // session reopens its panel on the stage the server says it is at.
  attach(stored, 0);
} else {
  showPicker();
  showMessage(ui.status, 'status.noSession');
}
