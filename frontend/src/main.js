// Page wiring: the lesson picker, starting and ending sessions, and joining the terminal view to its
// connection. The rendered page (PageResource/index.html) supplies the elements; this file adds behaviour.

import '@xterm/xterm/css/xterm.css';
import './app.css';
import { createSession, endSession, terminalSocketUrl } from './api.js';
import { clearSession, loadSession, saveSession } from './session-store.js';
import { showConnectionState, showMessage } from './status-line.js';
import { TerminalConnection } from './terminal-connection.js';
import { createTerminalView } from './terminal-view.js';

const $ = (id) => document.getElementById(id);
const ui = {
  picker: $('picker'),
  pickerError: $('picker-error'),
  terminalView: $('terminal-view'),
  terminal: $('terminal'),
  sessionControls: $('session-controls'),
  newSession: $('new-session'),
  endSession: $('end-session'),
  status: {
    root: $('status'),
    host: $('status-host'),
    text: $('status-text'),
    countdown: $('status-countdown'),
    detail: $('status-detail'),
    takeControl: $('take-control'),
  },
};

/** The running session: {session, view, connection}, or null while the picker shows. */
let current = null;

// --- starting, attaching and ending -------------------------------------------------------------------

async function start(lesson) {
  setPickerBusy(true);
  showPickerError(null);
  showMessage(ui.status, 'starting a lab host…', 'connecting');
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
    showMessage(ui.status, 'could not start a lab host', 'closed');
  } finally {
    setPickerBusy(false);
  }
}

/** Shows the terminal and connects it. `since` is undefined for a new shell, 0 to replay a running one. */
function attach(session, since) {
  ui.picker.hidden = true;
  ui.terminalView.hidden = false;
  ui.sessionControls.hidden = false;

  const view = createTerminalView(ui.terminal);
  const connection = new TerminalConnection({
    url: (params) => terminalSocketUrl(session.terminalUrl, params),
    screen: view.screen,
    since,
    size: { cols: view.term.cols, rows: view.term.rows },
    onState: (state) => {
      showConnectionState(ui.status, { ...state, hostname: state.hostname || session.hostname });
      // A watcher's keys would be dropped anyway; disabling input also stops the cursor inviting them.
      view.term.options.disableStdin = state.mode === 'watch';
      if (state.phase === 'closed' && current?.connection === connection) {
        clearSession(); // The server ended or refused it: a reload should not try it again.
      }
    },
  });
  view.term.onData((data) => connection.sendText(data));
  view.term.onBinary((data) => connection.sendBinaryString(data));
  view.term.onResize(({ cols, rows }) => connection.resize(cols, rows));

  current = { session, view, connection };
  window.glassbox = { term: view.term, connection, session, endSession: end };
  connection.connect();
  view.term.focus();
}

/** Ends the running session (if any) and goes back to the picker. */
async function end() {
  if (!current) return;
  const { session, view, connection } = current;
  current = null;
  connection.close('session ended');
  view.dispose();
  clearSession();
  showPicker();
  showMessage(ui.status, 'session ended');
  try {
    await endSession(session);
  } catch (error) {
    showMessage(ui.status, `could not end the session: ${error.message}`, 'closed');
  }
}

/** A fresh lab host for the same lesson: ends this one first, since each session holds a lab host. */
async function restartSession() {
  const lesson = current?.session.lesson ?? undefined;
  await end();
  await start(lesson);
}

// --- the picker -----------------------------------------------------------------------------------------

function showPicker() {
  ui.terminalView.hidden = true;
  ui.sessionControls.hidden = true;
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

// --- start-up -------------------------------------------------------------------------------------------

ui.picker.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-lesson]');
  if (button && !button.disabled) {
    start(button.dataset.lesson || undefined); // The free sandbox has an empty data-lesson.
  }
});
ui.endSession.addEventListener('click', () => end());
ui.newSession.addEventListener('click', () => restartSession());
ui.status.takeControl.addEventListener('click', () => current?.connection.reconnectNow());
// Back online (a laptop waking up, Wi-Fi returning): try at once instead of waiting out the backoff.
window.addEventListener('online', () => {
  if (current?.connection.state.phase === 'reconnecting') current.connection.reconnectNow();
});

const stored = loadSession();
if (stored) {
  // A reload: same shell, new empty screen, so ask for everything the server still keeps (since=0).
  attach(stored, 0);
} else {
  showPicker();
  showMessage(ui.status, 'no session: pick a lesson or the free sandbox');
}
