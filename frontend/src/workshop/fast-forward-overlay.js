// The overlay over the terminal while the server replays a workshop learner's passed stages into a fresh lab
// host (docs/workshop-api.md): "Bringing your lab host to stage i of N…" with a progress bar, driven by the
// terminal WebSocket's {"type": "fast-forward"} pushes. "ready" takes it away; "failed" shows the server's
// message with "Start again" and "Close". While it shows, the terminal refuses keys (the server does too).
//
// #fast-forward carries data-phase (replaying | failed), data-done and data-total for tests.

import { t } from '../i18n.js';
import { fastForwardView } from './fast-forward-text.js';

export class FastForwardOverlay {
  /**
   * @param {object} ui {root, text, progress, actions, retry, dismiss}
   * @param {object} callbacks {onChange(visible), onReady(), onRetry()}
   */
  constructor(ui, { onChange, onReady, onRetry }) {
    this.ui = ui;
    this.onChange = onChange;
    this.onReady = onReady;
    this.view = null;
    ui.retry.addEventListener('click', () => {
      this.hide();
      onRetry();
    });
    ui.dismiss.addEventListener('click', () => this.hide());
  }

  /** Whether it shows (and so keys are refused). */
  get visible() {
    return !this.ui.root.hidden;
  }

  /**
   * POST /api/sessions answered fastForward (its status): show it before the first push arrives. A reload (200)
   * may find it still running, failed (the failure shows), or done ("ready": nothing to show).
   */
  start(status) {
    if (status?.total > 0 && status.phase !== 'ready') this.draw(fastForwardView(status));
  }

  /** A {"type": "fast-forward"} push. */
  update(push) {
    const view = fastForwardView(push);
    if (view.phase === 'ready') {
      this.hide();
      this.onReady(); // Stages were passed meanwhile: the lesson panel catches up.
      return;
    }
    this.draw(view);
  }

  hide() {
    const was = this.visible;
    this.view = null;
    this.ui.root.hidden = true;
    delete this.ui.root.dataset.phase;
    if (was) this.onChange(false);
  }

  /** Words again, in the language now in use. */
  refresh() {
    if (this.view) this.draw(this.view);
  }

  draw(view) {
    const { ui } = this;
    const was = this.visible;
    this.view = view;
    ui.root.dataset.phase = view.phase;
    ui.root.dataset.done = String(view.done);
    ui.root.dataset.total = String(view.total);
    ui.text.textContent = t(view.key, view.params);
    ui.progress.max = Math.max(1, view.total);
    ui.progress.value = view.done;
    ui.progress.hidden = view.phase === 'failed';
    ui.actions.hidden = view.phase !== 'failed';
    ui.root.hidden = false;
    if (!was) this.onChange(true);
  }
}
