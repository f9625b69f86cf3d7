// A read-only view of a learner's terminal for the dashboard's side panel: xterm.js without input, at the
// learner's own size (the hello's cols and rows, so lines wrap as on their screen; the box scrolls when it is
// smaller), fed by a TerminalConnection in watch mode on the row's watchUrl (which carries a watch token).
//
// What a learner prints reaches a staff member's page here, so escape sequences get no power over it:
// - hyperlinks (OSC 8) never open: xterm.js already drops non-http(s) ones (javascript:, data:) and would ask
//   window.confirm() for the rest; a staff page is signed in, and a learner's link one click away from it is a
//   phishing lure, so activating does nothing (the link text can still be selected and copied by hand). No
//   WebLinksAddon either, so plain-text URLs are not links;
// - titles (OSC 0/1/2) only fire term.onTitleChange, which nothing here listens to: the page title and DOM stay
//   as the dashboard set them;
// - OSC 52 (clipboard write) needs xterm.js's ClipboardAddon, which is not loaded; the handler below also
//   swallows it, so loading that addon later would still not let a learner write the instructor's clipboard.

import { Terminal } from '@xterm/xterm';
import { terminalSocketUrl } from '../api.js';
import { TerminalConnection } from '../terminal-connection.js';

const THEME = { background: '#0b0e14', foreground: '#d6dae0', cursor: '#8b94a3', selectionBackground: '#33415580' };

export class WatchTerminal {
  /**
   * @param {HTMLElement} container where the terminal goes
   * @param {string} watchUrl the session's watchUrl (relative, with its token)
   * @param {(state: object) => void} onState the connection's state (phase, closeCode...)
   */
  constructor(container, watchUrl, onState) {
    this.watchUrl = watchUrl;
    this.term = new Terminal({
      theme: THEME,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
      fontSize: 12,
      cursorBlink: false,
      disableStdin: true,
      scrollback: 2000,
      cols: 80,
      rows: 24,
      linkHandler: { activate: () => {}, allowNonHttpProtocols: false },
    });
    this.term.parser.registerOscHandler(52, () => true);
    this.term.open(container);
    const screen = {
      write: (bytes, done) => this.term.write(bytes, done),
      reset: () => this.term.reset(),
      exited: () => {},
    };
    this.connection = new TerminalConnection({
      // since=0: a watcher that just arrived wants all the output the server still keeps.
      url: (params) => terminalSocketUrl(watchUrl, { ...params, mode: 'watch' }),
      screen,
      since: 0,
      onState: (state) => {
        if (state.cols && state.rows && (state.cols !== this.term.cols || state.rows !== this.term.rows)) {
          this.term.resize(state.cols, state.rows);
        }
        onState(state);
      },
    });
    this.connection.connect();
  }

  dispose() {
    this.connection.close('closed');
    this.term.dispose();
  }
}
