// What the fast-forward overlay says, from the terminal WebSocket's pushes {"type": "fast-forward", done,
// total, stage, phase: "replaying"|"ready"|"failed", message?} (docs/workshop-api.md). No DOM: the overlay
// turns the answer into words with i18n.js.

/**
 * The overlay for a push: {visible, phase, key, params, done, total}. `key` is an i18n key with `params`;
 * "replaying" counts the stage being replayed (done + 1, never past total), "ready" lets the overlay go,
 * "failed" carries the server's message.
 */
export function fastForwardView(push) {
  const total = Math.max(0, Number(push?.total) || 0);
  const done = Math.min(total, Math.max(0, Number(push?.done) || 0));
  const phase = push?.phase || 'replaying';
  if (phase === 'ready') {
    return { visible: false, phase, key: 'fastForward.ready', params: {}, done: total, total };
  }
  if (phase === 'failed') {
    return {
      visible: true, phase, key: 'fastForward.failed', params: { message: push?.message || '' }, done, total,
    };
  }
  const stage = total === 0 ? 0 : Math.min(done + 1, total);
  return { visible: true, phase: 'replaying', key: 'fastForward.replaying', params: { i: stage, total }, done, total };
}

/** The overlay right after POST /api/sessions answered fastForward: {total}, before the first push. */
export function fastForwardStart(total) {
  return fastForwardView({ done: 0, total, phase: 'replaying' });
}
