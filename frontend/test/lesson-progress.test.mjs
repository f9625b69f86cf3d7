// LessonProgress follows the server and never goes backwards: node --test frontend/test
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LessonProgress } from '../src/lesson-progress.js';

const STAGES = ['one', 'two', 'three'];
const fail = (stage) => ({ stage, passed: false, results: [{ id: 'c', passed: false, expected: 'x', observed: 'y' }] });
const pass = (stage, nextStage, extra = {}) => ({ stage, passed: true, nextStage, results: [{ id: 'c', passed: true }], ...extra });

test('starts where the server says, with the stages it passed', () => {
  const progress = new LessonProgress(STAGES, { stage: 'two', passedStages: ['one'] });
  assert.equal(progress.current, 'two');
  assert.equal(progress.stateOf('one'), 'passed');
  assert.equal(progress.stateOf('two'), 'current');
  assert.equal(progress.stateOf('three'), 'todo');
  assert.equal(progress.canView('three'), false);
});

test('a pass moves on to the next stage and says so', () => {
  const progress = new LessonProgress(STAGES);
  assert.deepEqual(progress.apply(pass('one', 'two')), { stagePassed: 'one', advanced: true, lessonDone: false });
  assert.equal(progress.current, 'two');
});

test('a failure keeps the stage and its results', () => {
  const progress = new LessonProgress(STAGES);
  assert.deepEqual(progress.apply(fail('one')), { stagePassed: null, advanced: false, lessonDone: false });
  assert.equal(progress.results.get('one')[0].observed, 'y');
});

test('a late failure (auto check racing a manual one) never undoes a pass', () => {
  const progress = new LessonProgress(STAGES);
  progress.apply(pass('one', 'two'));
  progress.apply(fail('one'));
  assert.equal(progress.current, 'two');
  assert.equal(progress.stateOf('one'), 'passed');
  assert.equal(progress.results.get('one')[0].passed, true);
});

test('the last pass finishes the lesson once', () => {
  const progress = new LessonProgress(STAGES, { stage: 'three', passedStages: ['one', 'two'] });
  assert.deepEqual(progress.apply(pass('three', null, { lessonDone: true })),
    { stagePassed: 'three', advanced: false, lessonDone: true });
  assert.equal(progress.done, true);
  assert.equal(progress.apply(pass('three', null, { lessonDone: true })).lessonDone, false);
});

test('results for a stage the lesson does not have are ignored', () => {
  const progress = new LessonProgress(STAGES);
  progress.apply(pass('elsewhere', 'three'));
  assert.equal(progress.current, 'one');
});
