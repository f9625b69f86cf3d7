// The lesson's progress bar: one segment per stage, passed / current / to do. Passed and current segments
// are buttons that open that stage's text; the progress itself stays the server's.

import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';

/**
 * Draws the segments into the list `ol`. `stages` are the lesson's ([{id, title}]), `progress` a
 * LessonProgress, `viewing` the stage whose text shows, `onSelect(stageId)` opens one.
 */
export function renderProgress(ol, stages, progress, viewing, onSelect) {
  replaceChildren(ol, stages.map((stage, index) => {
    const state = progress.stateOf(stage.id);
    const label = t('lesson.segment', { n: index + 1, title: stage.title, state: t(`lesson.state.${state}`) });
    return h('li', { class: `segment segment-${state}`, 'data-stage': stage.id, 'data-state': state },
      h('button', {
        type: 'button',
        class: stage.id === viewing ? 'viewing' : null,
        'aria-label': label,
        'aria-current': state === 'current' ? 'step' : null,
        'aria-pressed': stage.id === viewing ? 'true' : 'false',
        title: label,
        disabled: !progress.canView(stage.id),
        onclick: () => onSelect(stage.id),
      }, h('span', { class: 'segment-bar', 'aria-hidden': 'true' }), h('span', { class: 'segment-number', 'aria-hidden': 'true' }, String(index + 1))));
  }));
}

/** Makes the segment of `stageId` play its "just passed" animation once. */
export function flashSegment(ol, stageId) {
  const segment = ol.querySelector(`[data-stage="${CSS.escape(stageId)}"]`);
  if (!segment) return;
  segment.classList.remove('just-passed');
  void segment.offsetWidth; // Restart the animation if it is still running.
  segment.classList.add('just-passed');
}
