// The "create workshop" form (instructors): title, the lessons (checkboxes, in the catalogue's order), the
// default language, optional start and end (datetime-local, sent as ISO UTC). Lesson titles follow the page's
// language; checked boxes stay checked across a switch.

import { h, replaceChildren } from '../dom.js';
import { language, t } from '../i18n.js';
import { localInputToIso } from '../format.js';
import { showError, showErrorKey, whileBusy } from '../page-form.js';
import { createWorkshop, lessonCatalog } from './api.js';
import { workshopRequest } from './validation.js';

const $ = (id) => document.getElementById(id);

export class CreateWorkshopForm {
  /** @param {(workshop: object) => void} onCreated */
  constructor(onCreated) {
    this.onCreated = onCreated;
    this.ui = {
      form: $('create-workshop-form'),
      title: $('workshop-title'),
      lessons: $('workshop-lessons'),
      language: $('workshop-language'),
      starts: $('workshop-starts'),
      ends: $('workshop-ends'),
      error: $('create-workshop-error'),
    };
    this.ui.form.addEventListener('submit', (event) => this.submit(event));
  }

  /** Fills the lesson list (again, in the language now in use) and defaults the language to it. */
  async load({ resetLanguage = false } = {}) {
    if (resetLanguage) this.ui.language.value = language();
    const code = language();
    try {
      const catalog = await lessonCatalog(code);
      if (language() !== code) return;
      this.drawLessons(catalog.lessons || []);
    } catch (error) {
      showError(this.ui.error, error.message);
    }
  }

  drawLessons(lessons) {
    const checked = new Set(this.chosenLessons());
    replaceChildren(this.ui.lessons, lessons.map((lesson) => h('label', { class: 'lesson-choice' },
      h('input', { type: 'checkbox', name: 'lesson', value: lesson.id, checked: checked.has(lesson.id) }),
      h('span', { class: 'lesson-choice-title' }, lesson.title || lesson.id),
      h('span', { class: 'lesson-choice-meta' }, `${lesson.id} · ${t('workshops.stageCount', { n: lesson.stages ?? '?' })}`))));
    if (lessons.length === 0) this.ui.lessons.append(h('p', { class: 'empty' }, t('picker.noLessons')));
  }

  /** The checked lessons' ids, in the list's order. */
  chosenLessons() {
    return [...this.ui.lessons.querySelectorAll('input[name="lesson"]:checked')].map((input) => input.value);
  }

  async submit(event) {
    event.preventDefault();
    const { ui } = this;
    const request = workshopRequest({
      title: ui.title.value,
      lessons: this.chosenLessons(),
      language: ui.language.value,
      startsAt: localInputToIso(ui.starts.value),
      endsAt: localInputToIso(ui.ends.value),
    });
    if (request.problem) {
      showErrorKey(ui.error, request.problem);
      return;
    }
    showError(ui.error, null);
    await whileBusy(ui.form, async () => {
      try {
        const workshop = await createWorkshop(request.body);
        ui.form.reset();
        ui.language.value = language();
        this.onCreated(workshop);
      } catch (error) {
        showError(ui.error, error.message);
      }
    });
  }
}
