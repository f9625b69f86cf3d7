// The dashboard grid's logic, with no DOM: stage keys, the state of one learner at one stage, the roster's
// stages grouped by lesson, and the words for a learner's current stage.

/** A stage's key as LearnerRow.passed/skipped spell it: "<lesson>/<stage>". */
export function stageKey(lesson, stage) {
  return `${lesson}/${stage}`;
}

/**
 * The state of `row` (a LearnerRow) at `stage` ({lesson, stage}): 'skipped' (fast-forwarded past), 'passed',
 * 'failed' (the current stage, whose last manual check failed), 'current', or 'todo'. Skipped wins over passed (a
 * skipped stage also counts as passed), both win over current (a finished lesson's last stage). Automatic checks
 * run after every command and fail as a matter of course while the learner works: they never mark a cell failed
 * (the server does not count them in failedInARow either).
 */
export function cellState(row, stage) {
  const key = stageKey(stage.lesson, stage.stage);
  if ((row.skipped || []).includes(key)) return 'skipped';
  if ((row.passed || []).includes(key)) return 'passed';
  if (row.lesson === stage.lesson && row.stage === stage.stage) {
    const check = row.lastCheck;
    const lastFailedHere = check && !check.passed && check.trigger !== 'auto' && check.lesson === stage.lesson
      && check.stage === stage.stage;
    return (row.failedInARow > 0 || lastFailedHere) ? 'failed' : 'current';
  }
  return 'todo';
}

/**
 * The roster's stages grouped by lesson, in order: [{lesson, number, stages: [{lesson, stage, title, index,
 * key}]}], `index` counting from 1 within the lesson. A lesson that comes back later starts a new group.
 */
export function groupStages(stages) {
  const groups = [];
  for (const stage of stages || []) {
    let group = groups[groups.length - 1];
    if (!group || group.lesson !== stage.lesson) {
      group = { lesson: stage.lesson, number: lessonNumber(stage.lesson), stages: [] };
      groups.push(group);
    }
    group.stages.push({ ...stage, index: group.stages.length + 1, key: stageKey(stage.lesson, stage.stage) });
  }
  return groups;
}

/** A lesson's short header: the number its folder starts with ("02-uts-namespace" -> "02"), else its id. */
export function lessonNumber(lessonId) {
  const match = /^(\d+)[-_]/.exec(lessonId || '');
  return match ? match[1] : (lessonId || '');
}

/**
 * Where the learner is: {lesson, number, index (1-based within the lesson), title, stages (in the lesson)}
 * or null when they have not started, or are at a stage the roster does not list.
 */
export function currentStage(row, stages) {
  if (!row.lesson || !row.stage) return null;
  for (const group of groupStages(stages)) {
    if (group.lesson !== row.lesson) continue;
    const stage = group.stages.find((s) => s.stage === row.stage);
    if (stage) {
      return { lesson: group.lesson, number: group.number, index: stage.index, title: stage.title, stages: group.stages.length };
    }
  }
  return null;
}

/** How many of the roster's stages the learner has behind them (passed or skipped), and how many there are. */
export function progressCount(row, stages) {
  const keys = new Set([...(row.passed || []), ...(row.skipped || [])]);
  const list = stages || [];
  return { done: list.filter((s) => keys.has(stageKey(s.lesson, s.stage))).length, total: list.length };
}
