// /staff: sign-in (or the first instructor's set-up), then the staff member's workshops, the form to create
// one and, for instructors, the staff accounts. The shell is WorkshopPageResource/staff.html.

import '../app.css';
import '../widgets.css';
import '../pages.css';
import { wireCopyButtons } from '../copy-text.js';
import { t } from '../i18n.js';
import { setUpLanguage } from '../language-switch.js';
import { showError } from '../page-form.js';
import { listWorkshops, signOut, staffMe } from './api.js';
import { CreateWorkshopForm } from './create-workshop-form.js';
import { SignInView } from './sign-in-view.js';
import { StaffAccounts } from './staff-accounts.js';
import { WorkshopList } from './workshop-list.js';

const $ = (id) => document.getElementById(id);
const ui = {
  loading: $('staff-loading'),
  error: $('staff-error'),
  user: $('staff-user'),
  signedInAs: $('signed-in-as'),
  signOut: $('sign-out'),
  workshops: $('workshops-section'),
  create: $('create-section'),
  accounts: $('accounts-section'),
};

/** The signed-in staff member {username, role}, or null. */
let me = null;
const signInView = new SignInView((who) => signedIn(who));
const workshopList = new WorkshopList({ list: $('workshop-list'), empty: $('no-workshops') }, () => me);
const createForm = new CreateWorkshopForm((workshop) => {
  workshopList.add(workshop);
  document.querySelector(`[data-workshop="${CSS.escape(workshop.id)}"]`)?.scrollIntoView({ block: 'nearest' });
});
const accounts = new StaffAccounts();

function drawWho() {
  if (me) ui.signedInAs.textContent = t('staff.signedInAs', { username: me.username, role: t(`role.${me.role}`) });
}

async function signedIn(who) {
  me = who;
  document.body.dataset.role = me.role;
  signInView.hide();
  ui.loading.hidden = true;
  ui.user.hidden = false;
  drawWho();
  const instructor = me.role === 'instructor';
  ui.workshops.hidden = false;
  ui.create.hidden = !instructor;
  ui.accounts.hidden = !instructor;
  if (instructor) {
    createForm.load({ resetLanguage: true });
    accounts.load();
  }
  try {
    workshopList.set((await listWorkshops()) || []);
  } catch (error) {
    showError(ui.error, error.message);
  }
}

async function signedOut() {
  me = null;
  delete document.body.dataset.role;
  ui.user.hidden = true;
  ui.workshops.hidden = true;
  ui.create.hidden = true;
  ui.accounts.hidden = true;
  ui.loading.hidden = true;
  await signInView.show();
}

ui.signOut.addEventListener('click', async () => {
  try {
    await signOut();
  } catch (error) {
    showError(ui.error, error.message);
    return;
  }
  location.replace('/staff');
});
wireCopyButtons(document.body);
setUpLanguage(() => {
  drawWho();
  workshopList.draw();
  if (me?.role === 'instructor') {
    createForm.load();
    accounts.draw();
  }
});

try {
  await signedIn(await staffMe());
} catch (error) {
  if (error.status !== 401) showError(ui.error, error.message);
  await signedOut();
}
