// Where the learner is in a lesson, as the page knows it: the current stage, the stages passed, whether the
// lesson is done, and the latest check results of each stage. No DOM. The server owns the progress; this only
// follows what it says (the session's GET, check answers and pushed checks), and never goes backwards, so a
// result that arrives late (an auto check racing a manual one) cannot undo a stage already passed.

export class LessonProgress {
  /**
   * @param {string[]} stageIds the lesson's stages in order
   * @param {{stage?: string, passedStages?: string[], lessonDone?: boolean}} session what the server says now
   */
  constructor(stageIds, session = {}) {
    this.stageIds = stageIds;
    this.current = stageIds[0];
    this.passed = new Set();
    this.done = false;
    /** stage id -> the results of its latest check ([{id, passed, expected, observed, message}]) */
    this.results = new Map();
    this.sync(session);
  }

  /** Catches up with the server's view of the session ({stage, passedStages, lessonDone}), forward only. */
  sync({ stage, passedStages, lessonDone } = {}) {
    for (const id of passedStages || []) {
      if (this.stageIds.includes(id)) this.passed.add(id);
    }
    if (lessonDone) this.done = true;
    this.moveTo(this.done ? this.last() : stage);
  }

  /**
   * Takes a check result (the answer of POST .../check, or a pushed {"type":"check"}) and says what changed:
   * {stagePassed: the stage that has just passed or null, advanced: whether the current stage moved on,
   * lessonDone: whether the lesson has just been finished}.
   */
  apply(result) {
    const stage = result.stage;
    // A stage this page does not know (the lesson was edited meanwhile): nothing to show for it.
    if (!this.stageIds.includes(stage)) return { stagePassed: null, advanced: false, lessonDone: false };
    const wasPassed = this.passed.has(stage);
    const wasDone = this.done;
    const before = this.current;
    // A failure that arrives after the stage passed is stale: keep the ticks the learner saw.
    if (Array.isArray(result.results) && !(wasPassed && !result.passed)) {
      this.results.set(stage, result.results);
    }
    if (result.passed) this.passed.add(stage);
    this.sync({
      stage: result.passed ? (result.nextStage ?? stage) : stage,
      passedStages: result.passedStages,
      lessonDone: result.lessonDone,
    });
    return {
      stagePassed: result.passed && !wasPassed ? stage : null,
      advanced: this.current !== before,
      lessonDone: this.done && !wasDone,
    };
  }

  /** 'passed', 'current' or 'todo'. */
  stateOf(stageId) {
    if (this.passed.has(stageId)) return 'passed';
    return stageId === this.current ? 'current' : 'todo';
  }

  /** Whether the learner may open this stage's text: one passed, or the current one (not those ahead). */
  canView(stageId) {
    return this.stateOf(stageId) !== 'todo';
  }

  index(stageId) {
    return this.stageIds.indexOf(stageId);
  }

  last() {
    return this.stageIds[this.stageIds.length - 1];
  }

  moveTo(stageId) {
    if (this.index(stageId) > this.index(this.current)) this.current = stageId;
  }
}
