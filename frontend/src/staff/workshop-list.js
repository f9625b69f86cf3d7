// The staff member's workshops: title, state, learners, lessons and times, the join link as a full URL with a
// Copy button, and the dashboard link; for the owner, adding a staff account to it and deleting it. Each item
// is li[data-workshop="<id>"][data-state="scheduled|open|ended"].

import { confirmStep } from '../confirm-dialog.js';
import { copyField } from '../copy-text.js';
import { h, replaceChildren } from '../dom.js';
import { absoluteUrl } from '../format.js';
import { language, t } from '../i18n.js';
import { showError } from '../page-form.js';
import { addWorkshopStaff, deleteWorkshop, getWorkshop } from './api.js';
import { dashboardUrl } from './links.js';

/** A time for people, in the page's language; '' for none. */
export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language(), { dateStyle: 'medium', timeStyle: 'short' });
}

export class WorkshopList {
  /**
   * @param {object} ui {list, empty}
   * @param {() => {username: string, role: string}} who the signed-in staff member
   */
  constructor(ui, who) {
    this.ui = ui;
    this.who = who;
    this.workshops = [];
  }

  set(workshops) {
    this.workshops = [...workshops];
    this.draw();
  }

  add(workshop) {
    this.workshops = [workshop, ...this.workshops.filter((w) => w.id !== workshop.id)];
    this.draw();
  }

  replace(workshop) {
    this.workshops = this.workshops.map((w) => (w.id === workshop.id ? workshop : w));
    this.draw();
  }

  remove(id) {
    this.workshops = this.workshops.filter((w) => w.id !== id);
    this.draw();
  }

  draw() {
    replaceChildren(this.ui.list, this.workshops.map((workshop, index) => this.item(workshop, index)));
    this.ui.empty.hidden = this.workshops.length > 0;
  }

  item(workshop, index) {
    const owner = workshop.owner === this.who()?.username;
    const joinUrl = workshop.joinUrl ? absoluteUrl(workshop.joinUrl, location.origin) : '';
    const times = [
      workshop.startsAt ? t('workshops.starts', { time: formatTime(workshop.startsAt) }) : null,
      workshop.endsAt ? t('workshops.ends', { time: formatTime(workshop.endsAt) }) : null,
      workshop.endedAt ? t('workshops.endedAt', { time: formatTime(workshop.endedAt) }) : null,
    ].filter(Boolean);
    const meta = [
      t('workshops.lessonCount', { n: (workshop.lessons || []).length }),
      workshop.language === 'zh-CN' ? '中文' : 'English',
      ...times,
      owner ? null : t('workshops.ownedBy', { owner: workshop.owner || '' }),
    ].filter(Boolean).join(' · ');
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });

    return h('li', { class: 'workshop-card', 'data-workshop': workshop.id, 'data-state': workshop.state },
      h('div', { class: 'workshop-card-head' },
        h('h3', {}, workshop.title),
        h('span', { class: `badge state-${workshop.state}` }, t(`state.${workshop.state}`)),
        h('span', { class: 'learner-count', 'data-learners': workshop.learners ?? 0 },
          t('workshops.learners', { n: workshop.learners ?? 0 }))),
      h('p', { class: 'workshop-meta' }, meta),
      h('div', { class: 'join-line' },
        h('span', { class: 'join-label' }, t('workshops.joinLink')),
        copyField(`join-url-${index}`, joinUrl, t('workshops.joinLink'), { className: 'join-url' }),
        h('code', { class: 'code-chip', title: t('workshops.code') }, workshop.code || '')),
      (workshop.staff || []).length
        ? h('p', { class: 'workshop-meta' }, t('workshops.staff', { names: workshop.staff.join(', ') }))
        : null,
      h('div', { class: 'workshop-card-actions' },
        h('a', { class: 'button-link primary dashboard-link', href: dashboardUrl(workshop.id) }, t('workshops.dashboard')),
        owner ? this.addStaffForm(workshop, error) : null,
        owner ? h('button', {
          type: 'button', class: 'delete-workshop', onclick: () => this.delete(workshop, error),
        }, t('workshops.delete')) : null),
      error);
  }

  addStaffForm(workshop, error) {
    const input = h('input', {
      type: 'text', class: 'add-workshop-staff-name', 'aria-label': t('workshops.addStaffLabel'),
      placeholder: t('workshops.addStaffPlaceholder'), autocapitalize: 'off', spellcheck: 'false', maxlength: 32,
    });
    const form = h('form', { class: 'add-workshop-staff inline-form', novalidate: true },
      input, h('button', { type: 'submit' }, t('workshops.addStaff')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const username = input.value.trim();
      if (!username) return;
      showError(error, null);
      try {
        await addWorkshopStaff(workshop.id, username);
        this.replace(await getWorkshop(workshop.id));
      } catch (failure) {
        showError(error, failure.message);
      }
    });
    return form;
  }

  async delete(workshop, error) {
    const confirmed = await confirmStep(t('workshops.deleteConfirm', { title: workshop.title, n: workshop.learners ?? 0 }),
      { yes: t('workshops.delete'), danger: true });
    if (!confirmed) return;
    try {
      await deleteWorkshop(workshop.id);
      this.remove(workshop.id);
    } catch (failure) {
      showError(error, failure.message);
    }
  }
}
