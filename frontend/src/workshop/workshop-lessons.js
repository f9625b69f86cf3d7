// The picker's list for a workshop learner: only the workshop's lessons, in its order, each with its mark
// (done, n of N stages passed, or not started). The same buttons (data-lesson) as the ordinary list, plus
// data-lesson-state="done|started|new" for tests and styles.

import { h, replaceChildren } from '../dom.js';
import { t } from '../i18n.js';
import { lessonMark } from './lesson-marks.js';

const ICONS = { done: '✓', started: '◐', new: '○' };

/** Draws Me's workshop.lessons into `ul`; `empty` shows when there are none. */
export function renderWorkshopLessons(ul, empty, lessons, currentLesson) {
  replaceChildren(ul, lessons.map((lesson) => {
    const mark = lessonMark(lesson);
    return h('li', {},
      h('button', {
        type: 'button',
        'data-lesson': lesson.id,
        'data-lesson-state': mark.state,
        class: `workshop-lesson lesson-${mark.state}${lesson.id === currentLesson ? ' lesson-current' : ''}`,
      },
      h('span', { class: 'title' },
        h('span', { class: `lesson-mark-icon mark-${mark.state}`, 'aria-hidden': 'true' }, ICONS[mark.state]),
        ' ',
        lesson.title || lesson.id),
      h('span', { class: 'summary' }, lesson.summary || ''),
      h('span', { class: `lesson-mark mark-${mark.state}` }, t(mark.key, mark.params))));
  }));
  ul.hidden = lessons.length === 0;
  empty.hidden = lessons.length > 0;
}
