// /staff/workshops/{id}: the live dashboard. The join link and code, big enough to project; the live feed's
// grid of learners by stage; a learner's side panel (their terminal, read-only, their last check, and the
// reset / fast-forward / end actions); the broadcast box; the roster as CSV; "End workshop" for instructors.
// The shell is WorkshopPageResource/dashboard.html; body[data-workshop-id] is the workshop's id.
//
// Data comes only from the live feed (and one GET each for the staff member, the workshop and the lesson
// titles when the page opens); the 1 s timer only redraws times and stuck marks.

import '@xterm/xterm/css/xterm.css';
import '../app.css';
import '../widgets.css';
import '../pages.css';
import './dashboard.css';
import { confirmStep } from '../confirm-dialog.js';
import { wireCopyButtons } from '../copy-text.js';
import { absoluteUrl } from '../format.js';
import { language, t } from '../i18n.js';
import { setUpLanguage } from '../language-switch.js';
import { showError } from '../page-form.js';
import { endWorkshop, getWorkshop, lessonCatalog, staffMe } from './api.js';
import { BroadcastForm } from './broadcast-form.js';
import { DashboardGrid } from './dashboard-grid.js';
import { LearnerPanel } from './learner-panel.js';
import { liveSocketUrl, rosterCsvUrl } from './links.js';
import { LiveFeed } from './live-feed.js';
import { RosterModel } from './roster-model.js';

const $ = (id) => document.getElementById(id);
const workshopId = document.body.dataset.workshopId || decodeURIComponent(location.pathname.split('/').pop() || '');
const ui = {
  heading: $('workshop-heading'),
  state: $('workshop-state'),
  live: $('live-state'),
  liveText: $('live-state-text'),
  error: $('dashboard-error'),
  signIn: $('dashboard-sign-in'),
  top: $('dashboard-top'),
  body: $('dashboard-body'),
  joinUrlText: $('join-url-text'),
  joinUrl: $('join-url'),
  joinCode: $('join-code'),
  csv: $('roster-csv'),
  endWorkshop: $('end-workshop'),
  endError: $('end-workshop-error'),
};

const model = new RosterModel();
/** The signed-in staff member {username, role}. */
let me = null;
let liveState = { phase: 'connecting', retryInSeconds: null };

const grid = new DashboardGrid({
  table: $('roster-grid'),
  head: $('roster-head'),
  body: $('roster-body'),
  empty: $('no-learners'),
  summary: $('roster-summary'),
}, model, (id) => panel.open(id));
const panel = new LearnerPanel(model, () => workshopId, (id) => {
  grid.select(id);
  ui.body.classList.toggle('with-panel', Boolean(id));
});
const broadcastForm = new BroadcastForm(() => workshopId);
const feed = new LiveFeed({
  url: liveSocketUrl(workshopId, location),
  onMessage: (message) => received(message),
  onState: (state) => {
    liveState = state;
    drawLive();
  },
  onClose: () => checkAccess(),
});

function received(message) {
  const change = model.apply(message);
  switch (change.kind) {
    case 'roster':
      drawWorkshop();
      grid.draw();
      panel.update();
      break;
    case 'learner':
      grid.drawLearner(change.id);
      panel.update(change.id);
      break;
    case 'workshop':
      drawWorkshop();
      panel.update();
      break;
    default:
      break;
  }
}

function drawWorkshop() {
  const workshop = model.workshop;
  if (!workshop) return;
  document.title = `${workshop.title} · Glassbox`;
  document.body.dataset.state = workshop.state;
  ui.heading.textContent = workshop.title;
  ui.state.textContent = t(`state.${workshop.state}`);
  ui.state.className = `badge state-${workshop.state}`;
  ui.state.hidden = false;
  const joinUrl = workshop.joinUrl ? absoluteUrl(workshop.joinUrl, location.origin) : '';
  ui.joinUrlText.textContent = joinUrl;
  ui.joinUrl.value = joinUrl;
  ui.joinCode.textContent = workshop.code || '';
  const ended = workshop.state === 'ended';
  ui.top.classList.toggle('ended', ended);
  ui.endWorkshop.hidden = me?.role !== 'instructor' || ended;
  broadcastForm.setEnabled(!ended);
}

function drawLive() {
  const { phase, retryInSeconds } = liveState;
  ui.live.dataset.state = phase;
  ui.liveText.textContent = phase === 'reconnecting' && retryInSeconds !== null
    ? t('live.reconnectingIn', { seconds: retryInSeconds })
    : t(`live.${phase}`);
}

/** The feed closed: still signed in, and still allowed to see this workshop? If not, stop and say so. */
async function checkAccess() {
  try {
    received({ type: 'workshop', workshop: await getWorkshop(workshopId) });
  } catch (error) {
    if (error.status === 401 || error.status === 404 || error.status === 403) {
      feed.stop();
      stopped(error);
    }
  }
}

/** Not signed in (401) or not this workshop's staff (404): the server's words, and the way to /staff. */
function stopped(error) {
  showError(ui.error, error.message);
  ui.signIn.hidden = false;
  ui.signIn.textContent = t(error.status === 401 ? 'dashboard.signIn' : 'dashboard.allWorkshops');
}

async function loadLessonTitles() {
  const code = language();
  try {
    const catalog = await lessonCatalog(code);
    if (language() === code) grid.setLessonTitles(catalog.lessons);
  } catch {
    // The lesson ids stand in for their titles.
  }
}

ui.csv.href = rosterCsvUrl(workshopId);
ui.endWorkshop.addEventListener('click', async () => {
  const workshop = model.workshop;
  if (!workshop) return;
  const confirmed = await confirmStep(t('dashboard.endConfirm', { title: workshop.title, n: model.list().length }), {
    yes: t('dashboard.endWorkshop'), danger: true,
  });
  if (!confirmed) return;
  ui.endWorkshop.disabled = true;
  showError(ui.endError, null);
  try {
    received({ type: 'workshop', workshop: await endWorkshop(workshopId) });
  } catch (error) {
    showError(ui.endError, error.message);
  } finally {
    ui.endWorkshop.disabled = false;
  }
});
window.addEventListener('online', () => feed.reconnectNow());
wireCopyButtons(document.body);
setUpLanguage(() => {
  drawWorkshop();
  drawLive();
  grid.draw();
  loadLessonTitles();
  panel.refresh();
  broadcastForm.refresh();
});
drawLive();

// The clock: times on stage, idle times and the time-based "stuck" mark. Rendering only, nothing is fetched.
setInterval(() => {
  if (document.hidden) return;
  grid.tick();
  panel.tick();
}, 1000);

const [who, workshop] = await Promise.allSettled([staffMe(), getWorkshop(workshopId)]);
if (who.status === 'rejected') {
  stopped(who.reason);
  ui.live.hidden = true;
} else if (workshop.status === 'rejected') {
  stopped(workshop.reason);
  ui.live.hidden = true;
} else {
  me = who.value;
  document.body.dataset.role = me.role;
  received({ type: 'workshop', workshop: workshop.value });
  ui.top.hidden = false;
  ui.body.hidden = false;
  loadLessonTitles();
  feed.connect();
}
