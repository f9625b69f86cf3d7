// The xterm.js terminal on the page: creation, addons, fitting it to its box, and the small "screen"
// interface that terminal-connection.js writes to. Nothing here knows about sockets.

import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { onLanguageChange, t } from './i18n.js';

const THEME = {
  background: '#0b0e14',
  foreground: '#d6dae0',
  cursor: '#f0c674',
  selectionBackground: '#33415580',
};

/**
 * Opens a terminal in `container` that always fills it. Answers {term, screen, dispose}: `screen` is what a
 * TerminalConnection writes to.
 */
export function createTerminalView(container) {
  // xterm.js labels its input box for screen readers with this, in English unless told otherwise.
  Terminal.strings.promptLabel = t('terminal.input');
  const term = new Terminal({
    theme: THEME,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    cursorBlink: true,
    scrollback: 5000,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new WebLinksAddon());
  term.open(container);

  // Refit on any change of the box, not only window resizes (the header wraps, the lesson panel comes and goes);
  // one fit per animation frame however many events arrive. The terminal's onResize then tells the server.
  let frame = 0;
  const scheduleFit = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      // proposeDimensions is undefined while the box is hidden or has no size: keep the last size then.
      if (fit.proposeDimensions()) fit.fit();
    });
  };
  const observer = new ResizeObserver(scheduleFit);
  observer.observe(container);
  window.addEventListener('resize', scheduleFit);
  if (fit.proposeDimensions()) fit.fit(); // Now, so the first connection already asks for the right size.
  // xterm.js reads its strings when the terminal opens: a later switch of language relabels the input itself.
  const stopRelabelling = onLanguageChange(() => {
    Terminal.strings.promptLabel = t('terminal.input');
    term.textarea?.setAttribute('aria-label', t('terminal.input'));
  });

  const screen = {
    write: (bytes, done) => term.write(bytes, done),
    reset: () => term.reset(),
    // Local notices are not part of the output stream, so they do not count towards offsets or acks.
    exited: (code) => term.write(`\r\n\x1b[1;33m${t('terminal.exited', { code: code ?? '?' })}\x1b[0m\r\n`),
  };

  return {
    term,
    screen,
    dispose() {
      cancelAnimationFrame(frame);
      stopRelabelling();
      observer.disconnect();
      window.removeEventListener('resize', scheduleFit);
      term.dispose();
    },
  };
}
