// What the replay page shows of recordings and their markers, without the DOM: the words of a marker, its time
// on the clock, which marker the player has passed, and the addresses of the recording API. Tested in
// frontend/test/replay.test.mjs.

import { t } from '../i18n.js';

const enc = encodeURIComponent;
const ICONS = { 'check-passed': '✓', 'check-failed': '✗', hint: '?', 'show-me': '▶', 'fast-forward': '»', note: '•' };

/** "m:ss" (or "h:mm:ss") of `seconds` since the session started. */
export function clock(seconds) {
  const whole = Math.max(0, Math.floor(Number(seconds) || 0));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A marker of the API's MarkerList as the timeline shows it: icon, words, clock. */
export function markerView(marker) {
  const kind = ICONS[marker.kind] ? marker.kind : 'note';
  let text;
  if (kind === 'hint') {
    text = t('replay.marker.hint', { n: (marker.hint ?? 0) + 1, stage: marker.stage });
  } else if (kind === 'fast-forward') {
    const phase = /ready$/.test(marker.label) ? 'ready' : /^fast-forward failed/.test(marker.label) ? 'failed' : 'start';
    text = t(`replay.marker.fast-forward.${phase}`, { label: marker.label });
  } else if (kind === 'note') {
    text = t('replay.marker.note', { label: marker.label });
  } else {
    text = t(`replay.marker.${kind}`, { stage: marker.stage });
  }
  if (kind.startsWith('check-') && marker.trigger === 'auto') {
    text += ` ${t('replay.marker.auto')}`;
  }
  return { kind, icon: ICONS[kind], text, clock: clock(marker.time) };
}

/** The index of the last marker at or before `time` in `markers` (by time), or -1 before the first. */
export function passedMarker(markers, time) {
  let found = -1;
  for (const marker of markers) {
    if (marker.time <= time + 1e-3) found = marker.index;
  }
  return found;
}

/** "12.3 KiB" */
export function size(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** The asciicast of terminal `tab` of `session`, under the list's address `base`. */
export function castUrl(base, session, tab) {
  return `${base}/${enc(session)}/terminals/${enc(tab)}`;
}

/** Its markers. */
export function markersUrl(base, session, tab) {
  return `${castUrl(base, session, tab)}/markers`;
}

/** The recording to open: the one in the address if listed, else the newest; null when there is none. */
export function pick(recordings, wanted) {
  if (!recordings.length) return null;
  return recordings.find((r) => r.session === wanted) || recordings[0];
}
