// Staff accounts (instructors): the list, and a form to add an assistant or an instructor. Rows are
// tr[data-username="<name>"].

import { h, replaceChildren } from '../dom.js';
import { t } from '../i18n.js';
import { showError, showErrorKey, whileBusy } from '../page-form.js';
import { addStaff, listStaff } from './api.js';
import { accountProblem } from './validation.js';
import { formatTime } from './workshop-list.js';

const $ = (id) => document.getElementById(id);

export class StaffAccounts {
  constructor() {
    this.accounts = [];
    this.ui = {
      body: $('staff-accounts-body'),
      form: $('add-staff-form'),
      username: $('new-staff-username'),
      password: $('new-staff-password'),
      role: $('new-staff-role'),
      error: $('add-staff-error'),
      done: $('add-staff-done'),
    };
    this.ui.form.addEventListener('submit', (event) => this.add(event));
  }

  async load() {
    try {
      this.accounts = (await listStaff()) || [];
      this.draw();
    } catch (error) {
      showError(this.ui.error, error.message);
    }
  }

  draw() {
    replaceChildren(this.ui.body, this.accounts.map((account) => h('tr', { 'data-username': account.username },
      h('td', {}, account.username),
      h('td', {}, t(`role.${account.role}`)),
      h('td', {}, formatTime(account.created)))));
  }

  async add(event) {
    event.preventDefault();
    const { ui } = this;
    const username = ui.username.value.trim();
    const problem = accountProblem(username, ui.password.value);
    ui.done.hidden = true;
    if (problem) {
      showErrorKey(ui.error, problem);
      return;
    }
    showError(ui.error, null);
    await whileBusy(ui.form, async () => {
      try {
        const account = await addStaff(username, ui.password.value, ui.role.value);
        this.accounts = [...this.accounts, { created: new Date().toISOString(), ...account }];
        this.draw();
        ui.form.reset();
        ui.done.textContent = t('accounts.added', { username: account.username, role: t(`role.${account.role}`) });
        ui.done.hidden = false;
      } catch (error) {
        showError(ui.error, error.message);
      }
    });
  }
}
