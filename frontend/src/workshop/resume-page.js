// /resume#<key>: a resume link opened on another device. The key is in the fragment, which browsers never
// send to the server (nor to logs); this page sends it once, in the body of POST /api/learners/resume, which
// sets the learner cookie, and then opens the learner page. The shell is WorkshopPageResource/resume.html.

import '../app.css';
import '../widgets.css';
import '../pages.css';
import { setUpLanguage } from '../language-switch.js';
import { showError, showErrorKey } from '../page-form.js';
import { clearSession } from '../session-store.js';
import { resumeLearner } from './api.js';
import { keyFromFragment } from './learner-key.js';

const $ = (id) => document.getElementById(id);
const ui = { status: $('resume-status'), failed: $('resume-failed'), error: $('resume-error') };

function fail(show) {
  ui.status.hidden = true;
  ui.failed.hidden = false;
  show();
}

async function resume() {
  const key = keyFromFragment(location.hash);
  // The key is a credential: keep it out of the history and of anything the page shows from here on.
  history.replaceState(null, '', location.pathname + location.search);
  ui.status.hidden = false;
  ui.failed.hidden = true;
  if (!key) {
    fail(() => showErrorKey(ui.error, 'resume.noKey'));
    return;
  }
  try {
    await resumeLearner(key);
    clearSession(); // This tab's stored session (if any) is not this learner's.
    location.replace('/');
  } catch (error) {
    fail(() => showError(ui.error, error.message));
  }
}

setUpLanguage();
// Another resume link pasted into this tab changes only the fragment: the page stays, so go again.
window.addEventListener('hashchange', () => {
  if (location.hash.length > 1) resume();
});
resume();
