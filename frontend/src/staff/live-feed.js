// The dashboard's live feed: ws(s)://host/api/workshops/{id}/live, JSON messages only from the server
// (docs/workshop-api.md). No polling: when the socket closes it reconnects after 1 s, doubling to 30 s, and
// says so; every new connection starts with a full roster, so nothing missed while away stays missing.

import { backoffDelay } from '../format.js';

export class LiveFeed {
  /**
   * @param {object} options
   * @param {string} options.url the feed's ws:// or wss:// address
   * @param {(message: object) => void} options.onMessage each parsed message
   * @param {(state: {phase: string, retryInSeconds: number|null}) => void} options.onState connecting | live |
   *     reconnecting (with the seconds left) | stopped
   * @param {(event: CloseEvent) => void} [options.onClose] after each close, before the retry is scheduled
   */
  constructor({ url, onMessage, onState, onClose }) {
    this.url = url;
    this.onMessage = onMessage;
    this.onState = onState;
    this.onClose = onClose || (() => {});
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.countdownTimer = null;
    this.stopped = false;
  }

  connect() {
    this.stopped = false;
    this.clearTimers();
    this.onState({ phase: this.attempt > 0 ? 'reconnecting' : 'connecting', retryInSeconds: null });
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.attempt = 0;
      this.onState({ phase: 'live', retryInSeconds: null });
    };
    socket.onmessage = (event) => {
      if (socket !== this.socket || typeof event.data !== 'string') return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        console.warn('glassbox: ignoring a live feed message that is not JSON');
        return;
      }
      this.onMessage(message);
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      this.socket = null;
      if (this.stopped) return;
      this.onClose(event);
      if (!this.stopped) this.scheduleReconnect();
    };
  }

  /** Reconnects at once (back online), skipping what is left of the wait. */
  reconnectNow() {
    if (this.stopped || this.socket) return;
    this.connect();
  }

  /** Closes for good. */
  stop() {
    this.stopped = true;
    this.clearTimers();
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.close(1000, 'closed');
    }
    this.onState({ phase: 'stopped', retryInSeconds: null });
  }

  scheduleReconnect() {
    const delay = backoffDelay(this.attempt);
    this.attempt++;
    const until = Date.now() + delay;
    const tick = () => this.onState({ phase: 'reconnecting', retryInSeconds: Math.max(0, Math.ceil((until - Date.now()) / 1000)) });
    tick();
    this.countdownTimer = setInterval(tick, 1000);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  clearTimers() {
    clearTimeout(this.retryTimer);
    clearInterval(this.countdownTimer);
    this.retryTimer = null;
    this.countdownTimer = null;
  }
}
