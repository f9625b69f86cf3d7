// The dashboard's grid: one row per learner (tr[data-learner="<id>"], data-stuck="true|false"), one column
// per stage of the roster, grouped under their lesson's number (th[data-lesson]). Each stage cell is
// td[data-stage="<lesson>/<stage>"][data-state="passed|skipped|current|failed|todo"] with an aria-label and
// title in words. The learner's own columns carry data-field: name, stage, on-stage, failed, hints, idle, host.
//
// A learner's update redraws only their row; the 1 s clock only rewrites the time-dependent texts and the
// stuck marks (tick()). Nothing here fetches anything.

import { h, replaceChildren } from '../dom.js';
import { durationParts } from '../format.js';
import { t } from '../i18n.js';
import { cellState, currentStage, groupStages } from './grid-logic.js';
import { idleSeconds, stuckState, timeOnStage } from './learner-stats.js';

const SYMBOLS = { passed: '✓', skipped: '»', current: '●', failed: '✗', todo: '' };

/** A duration in words in the language now in use; '–' when unknown. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const { key, params } = durationParts(seconds);
  return t(key, params);
}

export class DashboardGrid {
  /**
   * @param {object} ui {table, head, body, empty, summary}
   * @param {import('./roster-model.js').RosterModel} model
   * @param {(learnerId: string) => void} onSelect a learner's row was chosen
   */
  constructor(ui, model, onSelect) {
    this.ui = ui;
    this.model = model;
    this.lessonTitles = new Map(); // lesson id -> title, in the page's language
    this.selected = null;
    ui.body.addEventListener('click', (event) => {
      const row = event.target.closest('tr[data-learner]');
      if (row) onSelect(row.dataset.learner);
    });
  }

  /** Lesson titles for the group headers (GET /api/lessons in the page's language). */
  setLessonTitles(lessons) {
    this.lessonTitles = new Map((lessons || []).map((lesson) => [lesson.id, lesson.title]));
    this.drawHead();
  }

  /** Everything again: a new roster, or another language. */
  draw() {
    this.drawHead();
    const now = Date.now();
    replaceChildren(this.ui.body, this.model.list().map((row) => this.rowElement(row, now)));
    this.drawSummary(now);
  }

  /** One learner's row, in place (or appended for a learner who just joined). */
  drawLearner(id) {
    const row = this.model.row(id);
    if (!row) return;
    const element = this.rowElement(row, Date.now());
    const old = this.rowOf(id);
    if (old) {
      old.replaceWith(element);
    } else {
      this.ui.body.append(element);
    }
    this.drawSummary(Date.now());
  }

  /** Marks the learner whose panel is open. */
  select(id) {
    this.selected = id;
    for (const tr of this.ui.body.querySelectorAll('tr[data-learner]')) {
      const on = tr.dataset.learner === id;
      tr.classList.toggle('selected', on);
      tr.setAttribute('aria-selected', String(on));
    }
  }

  /** The clock moved: time on stage, idle time and stuck marks (the time-based part) again. */
  tick(now = Date.now()) {
    for (const tr of this.ui.body.querySelectorAll('tr[data-learner]')) {
      const row = this.model.row(tr.dataset.learner);
      if (row) this.drawTimes(tr, row, now);
    }
    this.drawSummary(now);
  }

  rowOf(id) {
    return this.ui.body.querySelector(`tr[data-learner="${CSS.escape(id)}"]`);
  }

  drawHead() {
    const groups = groupStages(this.model.stages);
    const info = [
      ['name', 'grid.learner'], ['stage', 'grid.stage'], ['on-stage', 'grid.onStage'], ['failed', 'grid.failed'],
      ['hints', 'grid.hints'], ['idle', 'grid.idle'], ['host', 'grid.host'],
    ];
    replaceChildren(this.ui.head,
      h('tr', {},
        info.map(([field, key]) => h('th', { scope: 'col', rowspan: 2, class: `info-head field-${field}`, 'data-field': field }, t(key))),
        groups.map((group) => {
          const title = this.lessonTitles.get(group.lesson) || group.lesson;
          return h('th', {
            scope: 'colgroup', colspan: group.stages.length, class: 'lesson-head', 'data-lesson': group.lesson,
            title: `${group.number} · ${title}`,
          }, h('span', {}, group.stages.length > 2 ? `${group.number} ${title}` : group.number));
        })),
      h('tr', {},
        groups.flatMap((group) => group.stages.map((stage, i) => h('th', {
          scope: 'col',
          class: `stage-head${i === 0 ? ' lesson-start' : ''}`,
          'data-stage': stage.key,
          title: t('grid.stageHead', { lesson: group.number, n: stage.index, title: stage.title || stage.stage }),
        }, String(stage.index))))));
  }

  rowElement(row, now) {
    const stages = this.model.stages;
    const at = currentStage(row, stages);
    const groups = groupStages(stages);
    const tr = h('tr', {
      'data-learner': row.id,
      class: row.id === this.selected ? 'selected' : null,
      'aria-selected': String(row.id === this.selected),
    },
    h('th', { scope: 'row', class: 'field-name', 'data-field': 'name' },
      h('button', { type: 'button', class: 'learner-open', title: t('grid.open', { name: row.name }) }, row.name),
      h('span', { class: 'stuck-badge' }, t('grid.stuck'))),
    h('td', { class: 'field-stage', 'data-field': 'stage', title: at ? (at.title || '') : '' },
      at ? t('grid.at', { lesson: at.number, n: at.index, total: at.stages }) : t('grid.notStarted')),
    h('td', { class: 'field-on-stage num', 'data-field': 'on-stage' }),
    h('td', { class: `field-failed num${row.failedInARow > 0 ? ' has-failures' : ''}`, 'data-field': 'failed' },
      String(row.failedInARow ?? 0)),
    h('td', { class: 'field-hints num', 'data-field': 'hints', title: t('grid.showMeUsed', { n: row.showMeUsed ?? 0 }) },
      String(row.hintsUsed ?? 0)),
    h('td', { class: 'field-idle num', 'data-field': 'idle' }),
    h('td', { class: 'field-host', 'data-field': 'host' }, hostWords(row)),
    groups.flatMap((group) => group.stages.map((stage, i) => {
      const state = cellState(row, stage);
      const label = t('grid.cell', {
        lesson: group.number, n: stage.index, title: stage.title || stage.stage, state: cellWords(state, row),
      });
      return h('td', {
        class: `cell cell-${state}${i === 0 ? ' lesson-start' : ''}`,
        'data-stage': stage.key,
        'data-state': state,
        'aria-label': label,
        title: label,
      }, state === 'failed' ? `${SYMBOLS.failed}${row.failedInARow || ''}` : SYMBOLS[state]);
    })));
    this.drawTimes(tr, row, now);
    return tr;
  }

  drawTimes(tr, row, now) {
    const onStage = tr.querySelector('[data-field="on-stage"]');
    const idle = tr.querySelector('[data-field="idle"]');
    onStage.textContent = duration(timeOnStage(row, now));
    idle.textContent = duration(idleSeconds(row, this.model.receivedAt.get(row.id) ?? now, now));
    const stuck = stuckState(row, this.model.thresholds, now);
    tr.dataset.stuck = String(stuck.stuck);
    tr.classList.toggle('stuck', stuck.stuck);
    onStage.classList.toggle('over', stuck.byTime);
    const badge = tr.querySelector('.stuck-badge');
    badge.hidden = !stuck.stuck;
    badge.title = stuck.byFailures ? t('grid.stuckFailures', { n: row.failedInARow }) : t('grid.stuckTime');
  }

  drawSummary(now) {
    const rows = this.model.list();
    const stuck = rows.filter((row) => stuckState(row, this.model.thresholds, now).stuck).length;
    const running = rows.filter((row) => row.session).length;
    this.ui.summary.textContent = t('grid.summary', { n: rows.length, stuck, running });
    this.ui.empty.hidden = rows.length > 0;
    this.ui.table.hidden = rows.length === 0 && this.model.stages.length === 0;
  }
}

/**
 * What the learner's lab host is doing: being fast-forwarded (i of N), its fast-forward failed, running, or
 * none. A fast-forward that is done ("ready") stays in the row; the lab host is simply running then.
 */
export function hostWords(row) {
  const fastForward = row.fastForward;
  if (fastForward && fastForward.phase !== 'ready') {
    const key = fastForward.phase === 'failed' ? 'grid.fastForwardFailed' : 'grid.fastForwarding';
    return t(key, { done: fastForward.done ?? 0, total: fastForward.total ?? 0 });
  }
  if (row.session) return t(`grid.session.${row.session.state === 'running' ? 'running' : 'other'}`, { state: row.session.state || '' });
  return t('grid.noHost');
}

function cellWords(state, row) {
  if (state === 'failed') return t('grid.state.failed', { n: row.failedInARow || 1 });
  return t(`grid.state.${state}`);
}
