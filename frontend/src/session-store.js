// The current session, kept in sessionStorage so that reloading the page reattaches to the same shell.
// sessionStorage (not localStorage) because it is per tab: a second tab starts a lab host of its own
// instead of silently taking the keyboard of the first, and the token goes away with the tab.

const KEY = 'glassbox.session';

/**
 * The stored session {id, token, terminalUrl, hostname, lesson}, or null. No output offset is stored: a reloaded
 * page has a new, empty terminal, so it has shown nothing yet and asks for the kept output from the start
 * (since=0, see main.js); resuming at the old page's offset would leave the new page blank.
 */
export function loadSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY));
    return session && session.id && session.token && session.terminalUrl ? session : null;
  } catch {
    return null; // Storage disabled or a malformed entry: start from the picker.
  }
}

export function saveSession(session) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // Private mode with storage off: the page still works, a reload just starts over.
  }
}

export function clearSession() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored then.
  }
}
