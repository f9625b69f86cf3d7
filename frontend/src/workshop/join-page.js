// /join/{code}: a learner joins a workshop with a display name (POST /api/workshops/join), or signs this
// device in with the resume code they got on another one (POST /api/learners/resume); either way the
// learner page at / takes over. The page shell is WorkshopPageResource/join.html; body[data-code] is the code.

import '../app.css';
import '../widgets.css';
import '../pages.css';
import { setUpLanguage } from '../language-switch.js';
import { showError, showErrorKey, whileBusy } from '../page-form.js';
import { clearSession } from '../session-store.js';
import { t } from '../i18n.js';
import { getMe, joinWorkshop, resumeLearner } from './api.js';
import { resumeKeyFrom } from './learner-key.js';

const $ = (id) => document.getElementById(id);
const code = document.body.dataset.code || decodeURIComponent(location.pathname.split('/').pop() || '');
const ui = {
  joinForm: $('join-form'),
  name: $('join-name'),
  joinError: $('join-error'),
  closed: $('join-closed'),
  closedText: $('join-closed-text'),
  already: $('join-already'),
  alreadyText: $('join-already-text'),
  resumeSection: $('resume-section'),
  showResume: $('show-resume'),
  resumeForm: $('resume-form'),
  resumeKey: $('resume-key'),
  resumeError: $('resume-error'),
};

/** The learner page takes over; the tab's stored session (maybe a free sandbox's) is not this learner's. */
function goToLessons() {
  clearSession();
  location.replace('/');
}

function openResume({ focus = true } = {}) {
  ui.resumeForm.hidden = false;
  ui.showResume.setAttribute('aria-expanded', 'true');
  if (focus) ui.resumeKey.focus();
}

/** 404 (no such workshop) or 410 (ended): the server's words and a way to the start page; no forms. */
function showClosed(message) {
  ui.closedText.textContent = message;
  ui.closed.hidden = false;
  ui.joinForm.hidden = true;
  ui.resumeSection.hidden = true;
  ui.already.hidden = true;
}

async function join(event) {
  event.preventDefault();
  const name = ui.name.value.trim();
  if (!name) {
    showErrorKey(ui.joinError, 'join.nameMissing');
    ui.name.focus();
    return;
  }
  showError(ui.joinError, null);
  await whileBusy(ui.joinForm, async () => {
    try {
      await joinWorkshop(code, name);
      goToLessons();
    } catch (error) {
      if (error.status === 404 || error.status === 410) {
        showClosed(error.message);
      } else if (error.status === 409) {
        // name-taken: someone (maybe this learner, on another device) has the name. Offer the resume code.
        showError(ui.joinError, `${error.message} ${t('join.nameTakenHelp')}`);
        openResume();
      } else {
        showError(ui.joinError, error.message);
        ui.name.focus();
      }
    }
  });
}

async function resume(event) {
  event.preventDefault();
  const key = resumeKeyFrom(ui.resumeKey.value);
  if (!key) {
    showErrorKey(ui.resumeError, 'join.resumeMissing');
    ui.resumeKey.focus();
    return;
  }
  showError(ui.resumeError, null);
  await whileBusy(ui.resumeForm, async () => {
    try {
      await resumeLearner(key);
      goToLessons();
    } catch (error) {
      showError(ui.resumeError, error.message);
      ui.resumeKey.select();
    }
  });
}

/** The learner this device already is (GET /api/me), or null. */
let already = null;

/** Already a learner on this device? Say so, with a way to carry on (joining again would start afresh). */
async function checkAlready() {
  try {
    already = await getMe(document.documentElement.lang || 'en');
  } catch {
    return; // Not a learner here (401), or their workshop is over: nothing to say.
  }
  drawAlready();
}

function drawAlready() {
  if (!already) return;
  const same = String(already.workshop?.code || '').toUpperCase() === code.toUpperCase();
  ui.alreadyText.textContent = same
    ? t('join.alreadyHere', { name: already.learner?.name || '' })
    : t('join.alreadyElsewhere', { name: already.learner?.name || '', workshop: already.workshop?.title || '' });
  ui.already.hidden = false;
}

setUpLanguage(() => drawAlready());
ui.joinForm.addEventListener('submit', join);
ui.resumeForm.addEventListener('submit', resume);
ui.showResume.addEventListener('click', () => {
  if (ui.resumeForm.hidden) {
    openResume();
  } else {
    ui.resumeForm.hidden = true;
    ui.showResume.setAttribute('aria-expanded', 'false');
  }
});
checkAlready();
ui.name.focus();
