// The picker's list of lessons. The server renders it in the page; after a language switch it is drawn again
// from GET /api/lessons?lang=, as the same buttons (data-lesson) the template makes.

import { h, replaceChildren } from './dom.js';

/** Draws `lessons` ([{id, title, summary}]) into `ul`; `empty` (the "No lessons yet." line) shows when none. */
export function renderLessonList(ul, empty, lessons) {
  replaceChildren(ul, lessons.map((lesson) => h('li', {},
    h('button', { type: 'button', 'data-lesson': lesson.id },
      h('span', { class: 'title' }, lesson.title),
      h('span', { class: 'summary' }, lesson.summary)))));
  ul.hidden = lessons.length === 0;
  empty.hidden = lessons.length > 0;
}
