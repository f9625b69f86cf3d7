// A read-only view of a learner's terminal for the dashboard's side panel: xterm.js without input, at the
// learner's own size (the hello's cols and rows, so lines wrap as on their screen; the box scrolls when it is
// smaller), fed by a TerminalConnection in watch mode on the row's watchUrl (which carries a watch token).

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
    });
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
