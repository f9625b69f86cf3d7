// The client side of docs/terminal-protocol.md, with no DOM and no xterm.js in it: it talks to a "screen"
// ({write(bytes, done), reset(), exited(code)}) and reports its state to a listener, so the page decides how
// things look and this file only decides what goes over the wire. Text messages of types it does not handle
// itself (a lesson session's "check" and "state" pushes, docs/lesson-api.md) go to an optional listener.
//
// Output offsets: the server numbers every output byte. `received` is the offset after the last byte that
// arrived, `processed` the offset up to which the screen has parsed it (the write callback ran). Reconnecting
// asks for since=received, because bytes already handed to the screen will be shown even if the socket drops.
// Flow control: the server sends at most 256 KiB beyond the last ack, so the client acks `processed` every
// 64 KiB (the pipe never runs dry) and once more when output goes idle (the server's count ends exact).

/** Ack at least this often, as the protocol asks; a quarter of the server's 256 KiB window. */
const ACK_EVERY = 64 * 1024;
/** After output stops, ack this much later: one small message per burst, not one per echoed keystroke. */
const IDLE_ACK_DELAY_MS = 200;
/** Reconnect backoff: 0.5 s, doubling up to 8 s. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 8000;
/** A server error message stays in the status line this long, unless something replaces it. */
const ERROR_SHOWN_MS = 15_000;
/** Window resizes come in storms while a person drags; send the size once it settles. */
const RESIZE_DEBOUNCE_MS = 100;
/** The server refuses binary frames over 64 KiB (close 1009), so big pastes go in pieces. */
const MAX_INPUT_FRAME = 64 * 1024;

/** Close codes after which reconnecting cannot help (RFC 6455 7.4.1). */
const CLOSE_NORMAL = 1000;
const CLOSE_GOING_AWAY = 1001; // The session ended, or the server is shutting down.
export const CLOSE_POLICY = 1008; // Refused: wrong token, unknown session or tab, foreign Origin.
// A workshop's staff acted on the learner's lab host (docs/workshop-api.md): 4000 "reset" (the page starts the
// lesson again, on a fresh lab host), 4001 "ended by staff". The old lab host is gone either way.
export const CLOSE_RESET = 4000;
export const CLOSE_ENDED_BY_STAFF = 4001;
/** Close codes after which this socket's session cannot come back by reconnecting. */
const FINAL_CLOSE_CODES = new Set([CLOSE_NORMAL, CLOSE_GOING_AWAY, CLOSE_POLICY, CLOSE_RESET, CLOSE_ENDED_BY_STAFF]);

const encoder = new TextEncoder();

export class TerminalConnection {
  /**
   * @param {object} options
   * @param {(params: object) => string} options.url builds the ws:// URL from extra query parameters
   * @param {{write(bytes: Uint8Array, done: () => void): void, reset(): void, exited(code: number): void}} options.screen
   * @param {(state: object) => void} options.onState called with a fresh snapshot whenever the state changes
   * @param {(message: object) => void} [options.onPush] called with every parsed text message of a type this
   *     class does not handle (e.g. {"type":"check",...}); without it such messages are ignored
   * @param {number} [options.since] the offset already shown: omitted for a new session, 0 for an empty screen
   *     reattaching to a running shell (a reloaded page), which then gets all the output the server still keeps
   * @param {{cols: number, rows: number}} [options.size] the screen's size, sent when the shell starts
   */
  constructor({ url, screen, onState, onPush, since, size }) {
    this.url = url;
    this.screen = screen;
    this.onState = onState;
    this.onPush = onPush || null;
    this.since = since;
    this.size = size || null;

    this.socket = null;
    this.generation = 0; // Bumped per socket, so callbacks of an old socket's writes cannot count twice.
    this.received = 0;
    this.processed = 0;
    this.acked = 0;
    this.idleAckTimer = null;
    this.resizeTimer = null;
    this.retryTimer = null;
    this.countdownTimer = null;
    this.errorTimer = null;
    this.retries = 0;
    this.stopped = false;

    this.state = {
      phase: 'connecting', // connecting | connected | reconnecting | closed
      hostname: null,
      mode: null, // control | watch, from hello or a mode message
      cols: null, // the terminal's size as the hello said (a watcher shows the learner's screen at that size)
      rows: null,
      retryInSeconds: null,
      reason: null, // why it is closed (the server's words), or the mode message's reason
      closeCode: null, // the close code, for the page to put in words when there is no reason
      exited: false, // the shell exited and the next key asks for a new one
      exitCode: null,
      error: null, // the last {"type":"error"} message
    };
  }

  /** Opens the socket. Call once; reconnects happen on their own. */
  connect() {
    this.stopped = false;
    this.open();
  }

  /** Closes for good (the page ends the session or starts another); no reconnect follows. */
  close(reason = 'closed') {
    this.stopped = true;
    this.clearTimers();
    this.generation++; // Late write callbacks and events of the old socket are ignored from here on.
    if (this.socket) {
      this.socket.close(CLOSE_NORMAL, reason);
      this.socket = null;
    }
    this.update({ phase: 'closed', reason, closeCode: CLOSE_NORMAL, retryInSeconds: null });
  }

  /** Reconnects now, skipping any backoff wait; also how a view-only window takes control back. */
  reconnectNow() {
    this.stopped = false;
    this.clearTimers();
    if (this.socket) {
      this.retireSocket();
    }
    this.retries = 0;
    this.open();
  }

  /** Keystrokes and pastes, as xterm's onData gives them (a string). */
  sendText(text) {
    this.sendInput(encoder.encode(text));
  }

  /**
   * Types `text` into the shell as keystrokes (a lesson's "run" button), if the terminal can take them now;
   * answers whether it went out. Unlike sendText, it never turns into a restart after the shell exited.
   */
  sendKeys(text) {
    if (this.state.phase !== 'connected' || this.state.mode === 'watch' || this.state.exited) {
      return false;
    }
    this.sendText(text);
    return true;
  }

  /** Raw bytes, as xterm's onBinary gives them (a string of 0..255 code units, e.g. mouse reports). */
  sendBinaryString(data) {
    this.sendInput(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff));
  }

  /** The screen's new size; coalesced, and remembered for the next connection. */
  resize(cols, rows) {
    this.size = { cols, rows };
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => this.sendJson({ type: 'resize', cols, rows }), RESIZE_DEBOUNCE_MS);
  }

  // --- socket lifecycle -------------------------------------------------------------------------------

  open() {
    const generation = ++this.generation;
    const params = { since: this.since };
    if (this.size) {
      params.cols = this.size.cols;
      params.rows = this.size.rows;
    }
    this.update({ phase: this.retries > 0 ? 'reconnecting' : 'connecting', retryInSeconds: null });

    const socket = new WebSocket(this.url(params));
    socket.binaryType = 'arraybuffer'; // Output is bytes; a Blob would need an async read per frame.
    this.socket = socket;
    socket.onmessage = (event) => {
      if (generation === this.generation) this.onMessage(event.data, generation);
    };
    socket.onclose = (event) => {
      if (generation === this.generation) this.onClose(event);
    };
    // onerror carries no detail in browsers; onclose always follows with a code.
  }

  onClose(event) {
    this.socket = null;
    clearTimeout(this.idleAckTimer); // Nowhere to send it; the next hello starts the count afresh.
    this.idleAckTimer = null;
    if (this.stopped) return;
    const reason = event.reason || null; // The page words a bare code (closeCode) in the learner's language.
    if (FINAL_CLOSE_CODES.has(event.code)) {
      this.stopped = true;
      this.update({ phase: 'closed', reason, closeCode: event.code, retryInSeconds: null });
      return;
    }
    this.scheduleReconnect(reason, event.code);
  }

  scheduleReconnect(reason, closeCode) {
    const delay = Math.min(RETRY_FIRST_MS * 2 ** this.retries, RETRY_MAX_MS);
    this.retries++;
    const until = Date.now() + delay;
    const tick = () => this.update({
      phase: 'reconnecting', reason, closeCode, retryInSeconds: Math.ceil((until - Date.now()) / 1000),
    });
    tick();
    this.countdownTimer = setInterval(tick, 1000);
    this.retryTimer = setTimeout(() => {
      clearInterval(this.countdownTimer);
      this.open();
    }, delay);
  }

  /** Drops the current socket without letting its close event schedule a reconnect. */
  retireSocket() {
    this.generation++;
    this.socket.close(CLOSE_NORMAL, 'reconnecting');
    this.socket = null;
  }

  // --- messages from the server -----------------------------------------------------------------------

  onMessage(data, generation) {
    if (typeof data === 'string') {
      this.onControl(data);
    } else {
      this.onOutput(new Uint8Array(data), generation);
    }
  }

  onOutput(bytes, generation) {
    this.received += bytes.length;
    this.since = this.received;
    // Watermark-style flow control (xtermjs.org/docs/guides/flowcontrol): count what the screen has really
    // parsed, in its write callback, and ack from that, so a slow screen slows the server down.
    this.screen.write(bytes, () => {
      if (generation !== this.generation) return;
      this.processed += bytes.length;
      if (this.processed - this.acked >= ACK_EVERY) {
        this.ack();
      } else if (this.processed === this.received && this.idleAckTimer === null) {
        this.idleAckTimer = setTimeout(() => {
          this.idleAckTimer = null;
          this.ack();
        }, IDLE_ACK_DELAY_MS);
      }
    });
  }

  ack() {
    if (this.processed > this.acked && this.sendJson({ type: 'ack', offset: this.processed })) {
      this.acked = this.processed;
    }
  }

  onControl(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      console.warn('glassbox: ignoring a control message that is not JSON', text);
      return;
    }
    switch (message?.type) {
      case 'hello':
        this.onHello(message);
        break;
      case 'mode':
        this.update({ mode: message.mode, reason: message.reason || null });
        break;
      case 'exit':
        this.update({ exited: true, exitCode: message.code ?? null });
        this.screen.exited(message.code);
        break;
      case 'error':
        // Such errors are about a moment (e.g. dropped input), so they fade instead of staying for good.
        this.update({ error: message.message || 'unknown error' });
        clearTimeout(this.errorTimer);
        this.errorTimer = setTimeout(() => this.update({ error: null }), ERROR_SHOWN_MS);
        break;
      default:
        // Other types (check results, kernel state, and whatever later servers add) are the page's business:
        // passed on when it listens, ignored otherwise. A listener's bug must not break the terminal.
        if (this.onPush && typeof message?.type === 'string') {
          try {
            this.onPush(message);
          } catch (error) {
            console.error('glassbox: a pushed message listener failed', error);
          }
        }
        break;
    }
  }

  onHello(hello) {
    const offset = Number(hello.offset) || 0;
    // since=S answered with another offset: output between S and the hello's offset is no longer kept (or
    // S was ahead of the server, e.g. a new shell), so what the screen shows no longer lines up. Start clean.
    if (this.since !== undefined && offset !== this.since) {
      this.screen.reset();
    }
    this.received = this.processed = this.acked = offset;
    this.since = offset;
    this.retries = 0;
    this.update({
      phase: 'connected',
      hostname: hello.hostname || this.state.hostname,
      mode: hello.mode || 'control',
      cols: Number(hello.cols) || null,
      rows: Number(hello.rows) || null,
      reason: null,
      closeCode: null,
      retryInSeconds: null,
      error: null,
    });
    // The shell may have been started at another size (another window, or before a reload).
    if (this.size && this.state.mode === 'control' && (hello.cols !== this.size.cols || hello.rows !== this.size.rows)) {
      this.sendJson({ type: 'resize', cols: this.size.cols, rows: this.size.rows });
    }
  }

  // --- messages to the server -------------------------------------------------------------------------

  sendInput(bytes) {
    if (this.state.phase !== 'connected' || this.state.mode === 'watch') {
      return; // Not ours to type into: dropped, as the status line says.
    }
    if (this.state.exited) {
      // The first key after an exit asks for a new shell instead of going to a terminal nobody reads.
      this.update({ exited: false, exitCode: null });
      this.sendJson({ type: 'restart' });
      return;
    }
    for (let start = 0; start < bytes.length; start += MAX_INPUT_FRAME) {
      this.socket.send(bytes.subarray(start, start + MAX_INPUT_FRAME));
    }
  }

  /** Sends a control message if the socket is open; answers whether it went out. */
  sendJson(message) {
    if (this.socket?.readyState !== WebSocket.OPEN) {
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  }

  // --- state ------------------------------------------------------------------------------------------

  update(changes) {
    Object.assign(this.state, changes);
    this.onState({ ...this.state });
  }

  clearTimers() {
    clearTimeout(this.retryTimer);
    clearInterval(this.countdownTimer);
    clearTimeout(this.idleAckTimer);
    clearTimeout(this.resizeTimer);
    clearTimeout(this.errorTimer);
    this.idleAckTimer = null;
  }
}
