// The status line at the bottom of the page: connection state in words, the lab host's name, and the
// things a learner must know to use the terminal (view only, shell exited, errors from the server).

/**
 * Shows a TerminalConnection state. The words go to the aria-live region; the reconnect countdown goes to
 * an aria-hidden part, so a screen reader hears "reconnecting" once instead of every second.
 */
export function showConnectionState(ui, state) {
  ui.root.dataset.phase = state.phase;
  ui.host.textContent = state.hostname || '';

  let phase = '';
  let countdown = '';
  const details = [];
  switch (state.phase) {
    case 'connecting':
      phase = 'connecting…';
      break;
    case 'connected':
      phase = 'connected';
      break;
    case 'reconnecting':
      phase = 'reconnecting';
      countdown = state.retryInSeconds === null ? '…' : ` in ${state.retryInSeconds}s`;
      if (state.reason) details.push(state.reason);
      break;
    case 'closed':
      phase = `closed: ${state.reason || 'connection closed'}`;
      break;
  }
  if (state.phase === 'connected' && state.mode === 'watch') {
    details.push('view only: another window took control');
  }
  if (state.exited) {
    details.push(`shell exited with status ${state.exitCode ?? '?'} — press Enter for a new shell`);
  }
  if (state.error) {
    details.push(`error: ${state.error}`);
  }
  ui.text.textContent = phase;
  ui.countdown.textContent = countdown;
  ui.detail.textContent = details.map((d) => ` · ${d}`).join('');
  ui.takeControl.hidden = !(state.phase === 'connected' && state.mode === 'watch');
}

/** A plain message outside any session ("starting a lab host…", "could not start: ..."). */
export function showMessage(ui, text, phase = 'idle') {
  ui.root.dataset.phase = phase;
  ui.host.textContent = '';
  ui.text.textContent = text;
  ui.countdown.textContent = '';
  ui.detail.textContent = '';
  ui.takeControl.hidden = true;
}
