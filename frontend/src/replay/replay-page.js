// The replay page: a learner's recorded sessions (their own on /replay, or one learner's for the workshop's staff,
// opened from the dashboard), one played with asciinema-player beside the timeline of its checks, hints and Show me.
// Clicking a marker seeks the player to it (player.seek({marker: index}): the index among the file's "m" events,
// which the API gives with each marker). The shell is WorkshopPageResource/replay.html; body[data-recordings] is
// the recording list's API address (docs/workshop-api.md, "Recordings").

import * as AsciinemaPlayer from 'asciinema-player';
import 'asciinema-player/dist/bundle/asciinema-player.css';
import '../app.css';
import '../widgets.css';
import '../pages.css';
import './replay.css';
import { requestJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { language, t } from '../i18n.js';
import { setUpLanguage } from '../language-switch.js';
import { showError } from '../page-form.js';
import { castUrl, markersUrl, markerView, pick, size } from './timeline-model.js';

const $ = (id) => document.getElementById(id);
const base = document.body.dataset.recordings;
const ui = {
  heading: $('replay-heading'),
  error: $('replay-error'),
  empty: $('replay-empty'),
  sessions: $('replay-session-list'),
  stage: $('replay-stage'),
  tabs: $('replay-tabs'),
  player: $('replay-player'),
  dropped: $('replay-dropped'),
  noMarkers: $('replay-no-markers'),
  markers: $('replay-markers'),
};
const state = { list: null, session: null, tab: 1, markers: [], player: null, current: -1 };

// For the browser test and the curious: where the player is, without reaching into its internals.
window.glassboxReplay = {
  currentTime: () => (state.player ? state.player.getCurrentTime() : null),
  session: () => state.session?.session ?? null,
};

async function load() {
  try {
    state.list = (await requestJson('GET', base)).body;
  } catch (error) {
    showError(ui.error, error.message);
    return;
  }
  const params = new URLSearchParams(location.search);
  const chosen = pick(state.list.recordings, params.get('session'));
  drawList();
  if (!chosen) {
    ui.empty.hidden = false;
    ui.empty.textContent = t(state.list.recording === 'off' ? 'replay.off' : 'replay.none');
    return;
  }
  const tab = Number(params.get('tab'));
  open(chosen, chosen.terminals.includes(tab) ? tab : chosen.terminals[0]);
}

function drawList() {
  if (!state.list) return;
  ui.heading.textContent = t('replay.headingOf', { name: state.list.learner?.name || '' });
  const when = (iso) => new Date(iso).toLocaleString(language(), { dateStyle: 'medium', timeStyle: 'short' });
  replaceChildren(ui.sessions, state.list.recordings.map((r) => h('li', {},
    h('button', {
      type: 'button',
      class: 'replay-session',
      'data-session': r.session,
      'aria-current': state.session?.session === r.session ? 'true' : null,
      onclick: () => open(r, r.terminals[0]),
    },
    h('span', { class: 'replay-session-name' }, t('replay.session', { lesson: r.lesson || t('replay.freeSandbox'), when: when(r.startedAt) })),
    ' ',
    r.live ? h('span', { class: 'badge replay-live' }, t('replay.live')) : null,
    h('span', { class: 'replay-session-size' }, size(r.bytes))))));
}

/** Plays terminal `tab` of recording `r` and shows its timeline. */
async function open(r, tab) {
  state.session = r;
  state.tab = tab;
  history.replaceState(null, '', `${location.pathname}?session=${encodeURIComponent(r.session)}&tab=${tab}`);
  drawList();
  ui.stage.hidden = false;
  replaceChildren(ui.tabs, r.terminals.length < 2 ? [] : r.terminals.map((n) => h('button', {
    type: 'button', 'data-tab': n, 'aria-pressed': String(n === tab), onclick: () => open(r, n),
  }, t('replay.tab', { n }))));
  state.player?.dispose();
  state.player = null;
  state.current = -1;
  ui.player.dataset.state = 'loading';
  replaceChildren(ui.markers);
  try {
    const list = (await requestJson('GET', markersUrl(base, r.session, tab))).body;
    if (state.session !== r || state.tab !== tab) return; // another choice came first
    state.markers = list.markers;
    ui.dropped.hidden = !list.droppedBytes;
    ui.dropped.textContent = list.droppedBytes ? t('replay.dropped', { size: size(list.droppedBytes) }) : '';
    showError(ui.error, null);
  } catch (error) {
    showError(ui.error, error.message);
    return;
  }
  state.player = AsciinemaPlayer.create({ url: castUrl(base, r.session, tab), fetchOpts: { credentials: 'same-origin' } },
    ui.player, { preload: true, idleTimeLimit: 2, fit: 'width', terminalFontSize: 'small' });
  state.player.addEventListener('marker', ({ index }) => highlight(index));
  state.player.addEventListener('play', () => { ui.player.dataset.state = 'playing'; });
  state.player.addEventListener('pause', () => { ui.player.dataset.state = 'paused'; });
  ui.player.dataset.state = 'ready';
  drawMarkers();
}

function drawMarkers() {
  ui.noMarkers.hidden = state.markers.length > 0;
  replaceChildren(ui.markers, state.markers.map((marker) => {
    const view = markerView(marker);
    return h('li', {
      class: `replay-marker marker-${view.kind}${marker.trigger === 'auto' ? ' marker-auto' : ''}`,
      'data-kind': view.kind,
      'data-trigger': marker.trigger || null,
      'data-index': marker.index,
    },
      h('button', {
        type: 'button',
        'aria-current': state.current === marker.index ? 'true' : null,
        title: t('replay.jump', { time: view.clock }),
        onclick: () => jump(marker),
      },
      h('span', { class: 'marker-icon', 'aria-hidden': 'true' }, view.icon),
      h('span', { class: 'marker-text' }, view.text),
      h('time', { class: 'marker-clock' }, view.clock)));
  }));
}

/** Seeks the player to `marker`, paused there, so the screen shows that moment. */
async function jump(marker) {
  if (!state.player) return;
  await state.player.seek({ marker: marker.index });
  highlight(marker.index);
}

function highlight(index) {
  state.current = index;
  for (const item of ui.markers.querySelectorAll('li[data-index] button')) {
    const on = Number(item.parentElement.dataset.index) === index;
    if (on) item.setAttribute('aria-current', 'true'); else item.removeAttribute('aria-current');
  }
}

setUpLanguage(() => {
  drawList();
  drawMarkers();
});
load();

