// The side panel for one learner (#learner-panel[data-learner="<id>"]): their numbers, a read-only view of
// their terminal, the last check's expected and observed per check, and the staff actions: reset the lab
// host, fast-forward to a stage, end the session. Each action asks first (the confirm step), then POSTs; the
// server's message shows if it fails. The live feed brings the consequences (a new session, progress).

import { confirmStep } from '../confirm-dialog.js';
import { h, replaceChildren } from '../dom.js';
import { t } from '../i18n.js';
import { showError } from '../page-form.js';
import { endLearnerSession, fastForwardLearner, resetLearner } from './api.js';
import { currentStage, groupStages, stageKey } from './grid-logic.js';
import { duration, hostWords } from './dashboard-grid.js';
import { idleSeconds, stuckState, timeOnStage } from './learner-stats.js';
import { replayUrl } from './links.js';
import { WatchTerminal } from './watch-terminal.js';

const $ = (id) => document.getElementById(id);
const ICONS = { passed: '✓', failed: '✗' };

export class LearnerPanel {
  /**
   * @param {import('./roster-model.js').RosterModel} model
   * @param {() => string} workshopId
   * @param {(id: string|null) => void} onSelect the panel opened on a learner, or closed (null)
   */
  constructor(model, workshopId, onSelect) {
    this.model = model;
    this.workshopId = workshopId;
    this.onSelect = onSelect;
    this.id = null;
    this.watch = null; // WatchTerminal
    this.watchUrl = null;
    this.watchState = null;
    this.stageChoiceSignature = null;
    this.stageChoiceFor = null;
    this.ui = {
      root: $('learner-panel'),
      name: $('learner-name'),
      close: $('learner-close'),
      facts: $('learner-facts'),
      terminal: $('learner-terminal'),
      terminalState: $('learner-terminal-state'),
      checkSummary: $('learner-check-summary'),
      checks: $('learner-checks'),
      reset: $('learner-reset'),
      ffStage: $('learner-ff-stage'),
      ff: $('learner-ff'),
      end: $('learner-end'),
      result: $('learner-action-result'),
      error: $('learner-action-error'),
      recordings: $('learner-recordings'),
    };
    this.ui.close.addEventListener('click', () => this.close());
    this.ui.reset.addEventListener('click', () => this.act('reset'));
    this.ui.ff.addEventListener('click', () => this.act('fast-forward'));
    this.ui.end.addEventListener('click', () => this.act('end'));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.id && !document.querySelector('dialog[open]')) this.close();
    });
  }

  open(id) {
    if (this.id !== id) {
      this.stopWatching();
      this.ui.result.textContent = '';
      showError(this.ui.error, null);
    }
    this.id = id;
    this.ui.root.hidden = false;
    this.ui.root.dataset.learner = id;
    this.onSelect(id);
    this.draw();
    this.ui.close.focus({ preventScroll: true });
  }

  close() {
    this.stopWatching();
    this.id = null;
    this.ui.root.hidden = true;
    delete this.ui.root.dataset.learner;
    this.onSelect(null);
  }

  /** The feed changed this learner's row (or the roster): draw again, reconnect the view if the session changed. */
  update(id) {
    if (this.id && (id === undefined || id === this.id)) {
      if (!this.model.row(this.id)) {
        this.close();
        return;
      }
      this.draw();
    }
  }

  /** The clock moved. */
  tick() {
    if (this.id) this.drawFacts();
  }

  draw() {
    const row = this.model.row(this.id);
    if (!row) return;
    this.ui.name.textContent = row.name;
    this.drawFacts();
    this.drawChecks(row);
    this.drawStageChoice(row);
    this.drawActions();
    this.ui.recordings.href = replayUrl(this.workshopId(), row.id);
    this.watchSession(row);
  }

  drawFacts() {
    const row = this.model.row(this.id);
    if (!row) return;
    const now = Date.now();
    const at = currentStage(row, this.model.stages);
    const stuck = stuckState(row, this.model.thresholds, now);
    const facts = [
      ['stage', t('panel.stage'), at ? t('panel.stageValue', { lesson: at.number, n: at.index, total: at.stages, title: at.title || row.stage }) : t('grid.notStarted')],
      ['on-stage', t('grid.onStage'), duration(timeOnStage(row, now))],
      ['failed', t('panel.failedInARow'), String(row.failedInARow ?? 0)],
      ['hints', t('panel.hintsUsed'), t('panel.hintsValue', { hints: row.hintsUsed ?? 0, showMe: row.showMeUsed ?? 0 })],
      ['checks', t('panel.checks'), String(row.checks ?? 0)],
      ['idle', t('grid.idle'), duration(idleSeconds(row, this.model.receivedAt.get(row.id) ?? now, now))],
      ['host', t('grid.host'), hostWords(row)],
      stuck.stuck ? ['stuck', t('grid.stuck'), stuck.byFailures ? t('grid.stuckFailures', { n: row.failedInARow }) : t('grid.stuckTime')] : null,
    ].filter(Boolean);
    replaceChildren(this.ui.facts, facts.map(([field, label, value]) => h('div', { class: `fact fact-${field}`, 'data-field': field },
      h('dt', {}, label), h('dd', {}, value))));
  }

  drawChecks(row) {
    const check = row.lastCheck;
    if (!check) {
      this.ui.checkSummary.textContent = t('panel.noCheck');
      replaceChildren(this.ui.checks);
      return;
    }
    const at = currentStage({ lesson: check.lesson, stage: check.stage }, this.model.stages);
    const when = check.at ? new Date(check.at).toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' }) : '';
    this.ui.checkSummary.textContent = t(check.passed ? 'panel.checkPassed' : 'panel.checkFailed', {
      lesson: at ? at.number : check.lesson,
      n: at ? at.index : check.stage,
      trigger: t(check.trigger === 'manual' ? 'panel.manual' : 'panel.auto'),
      time: when,
    });
    replaceChildren(this.ui.checks, (check.results || []).map((result) => {
      const status = result.passed ? 'passed' : 'failed';
      return h('li', { class: `check check-${status}`, 'data-check': result.id, 'data-status': status },
        h('span', { class: 'check-icon', 'aria-hidden': 'true' }, ICONS[status]),
        h('span', { class: 'check-text' },
          h('code', { class: 'check-label' }, result.id),
          ' ',
          h('span', { class: 'visually-hidden' }, `(${t(`checks.${status}`)})`),
          !result.passed && (result.expected || result.observed)
            ? h('dl', { class: 'check-failure' },
              result.expected ? [h('dt', {}, t('checks.expected')), h('dd', {}, result.expected)] : null,
              result.observed ? [h('dt', {}, t('checks.observed')), h('dd', {}, result.observed)] : null)
            : (!result.passed && result.message ? h('p', { class: 'check-failure' }, result.message) : null)));
    }));
  }

  /**
   * The fast-forward choice: every stage of the roster, the learner's current one selected when the panel
   * opens on them. Rebuilt only when the stages or the language change, so an open list is not pulled away.
   */
  drawStageChoice(row) {
    const select = this.ui.ffStage;
    const signature = `${document.documentElement.lang}|${this.model.stages.map((s) => stageKey(s.lesson, s.stage)).join(',')}`;
    const keep = select.value;
    if (signature !== this.stageChoiceSignature) {
      this.stageChoiceSignature = signature;
      replaceChildren(select, groupStages(this.model.stages).map((group) => h('optgroup', { label: group.number },
        group.stages.map((stage) => h('option', { value: stage.key },
          t('panel.stageOption', { lesson: group.number, n: stage.index, title: stage.title || stage.stage }))))));
    }
    const options = [...select.options].map((o) => o.value);
    const current = row.lesson && row.stage ? stageKey(row.lesson, row.stage) : '';
    if (this.stageChoiceFor === row.id && options.includes(keep)) {
      select.value = keep;
    } else {
      select.value = options.includes(current) ? current : (options[0] || '');
    }
    this.stageChoiceFor = row.id;
  }

  drawActions() {
    const ended = this.model.workshop?.state === 'ended';
    const row = this.model.row(this.id);
    this.ui.reset.disabled = ended;
    this.ui.ff.disabled = ended || this.model.stages.length === 0;
    this.ui.ffStage.disabled = this.ui.ff.disabled;
    this.ui.end.disabled = ended || !row?.session;
  }

  /** The read-only terminal follows the learner's current session (a reset brings a new one). */
  watchSession(row) {
    const url = row.session?.watchUrl || null;
    if (url === this.watchUrl && (this.watch || !url)) {
      this.drawWatchState();
      return;
    }
    this.stopWatching();
    this.watchUrl = url;
    if (url) {
      this.watch = new WatchTerminal(this.ui.terminal, url, (state) => {
        this.watchState = state;
        this.drawWatchState();
      });
    }
    this.drawWatchState();
  }

  stopWatching() {
    this.watch?.dispose();
    this.watch = null;
    this.watchUrl = null;
    this.watchState = null;
    replaceChildren(this.ui.terminal);
  }

  drawWatchState() {
    const { terminalState, terminal } = this.ui;
    terminal.hidden = !this.watch;
    if (!this.watch) {
      terminalState.dataset.phase = 'none';
      terminalState.textContent = t('panel.noSession');
      return;
    }
    const state = this.watchState || { phase: 'connecting' };
    terminalState.dataset.phase = state.phase;
    const words = {
      connecting: t('status.connecting'),
      connected: t('panel.watching'),
      reconnecting: t('status.reconnecting') + (state.retryInSeconds ? t('status.retryIn', { seconds: state.retryInSeconds }) : ''),
      closed: t('panel.watchClosed'),
    };
    terminalState.textContent = words[state.phase] || '';
  }

  /** Words again, in the language now in use. */
  refresh() {
    if (this.id) this.draw();
  }

  async act(action) {
    const row = this.model.row(this.id);
    if (!row) return;
    const workshopId = this.workshopId();
    let question;
    let yes;
    let run;
    if (action === 'reset') {
      question = t('panel.resetConfirm', { name: row.name });
      yes = t('panel.reset');
      run = () => resetLearner(workshopId, row.id);
    } else if (action === 'fast-forward') {
      const key = this.ui.ffStage.value;
      const stage = this.model.stages.find((s) => stageKey(s.lesson, s.stage) === key);
      if (!stage) return;
      const option = this.ui.ffStage.selectedOptions[0]?.textContent || key;
      question = t('panel.fastForwardConfirm', { name: row.name, stage: option });
      yes = t('panel.fastForward');
      run = () => fastForwardLearner(workshopId, row.id, stage.lesson, stage.stage);
    } else {
      question = t('panel.endConfirm', { name: row.name });
      yes = t('panel.end');
      run = () => endLearnerSession(workshopId, row.id);
    }
    if (!(await confirmStep(question, { yes, danger: action !== 'fast-forward' }))) return;
    const buttons = [this.ui.reset, this.ui.ff, this.ui.end];
    for (const button of buttons) button.disabled = true;
    showError(this.ui.error, null);
    this.ui.result.textContent = '';
    try {
      await run();
      this.ui.result.textContent = t(`panel.done.${action}`, { name: row.name });
    } catch (error) {
      showError(this.ui.error, error.message);
    } finally {
      this.drawActions();
    }
  }
}
