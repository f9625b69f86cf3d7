// Replaying a recording in a real browser (docs/recordings.md). The harness
// (src/test/java/io/glassbox/web/RecordingBrowserTest.java) made a workshop whose learner typed
// `echo before-the-check-$((6*7))`, ran a check (it failed), typed `echo after-the-check-$((7*8))` and revealed a
// hint. Here the instructor opens the dashboard, the learner's panel and its "Recordings" link; the replay page
// lists the session and its timeline. Clicking the failed check's marker must move the player to that moment: its
// time goes forward from 0 and its screen shows the first command's output but not yet the second's; clicking the
// hint moves it further, to the second output. Then the learner opens /replay and jumps the same way in their own.
//
//   GLASSBOX_E2E_STAFF=<staff cookie> GLASSBOX_E2E_LEARNER=<learner cookie> \
//     node frontend/e2e/recording.e2e.mjs <base URL> <workshop id> <learner id> <session id>
//
// Uses Debian's Chromium through playwright-core (never downloads a browser). Exit 0 on success; on failure it
// prints what the page showed, saves target/recording-e2e-<who>.png and exits 1. No timing assertions: every
// wait is for a state, bounded by the clock's limit.

import { CHROMIUM, CHROMIUM_ARGS, loadChromium, startClock } from './harness.mjs';
import { fileURLToPath } from 'node:url';

const TIME_LIMIT_MS = 90_000;
const REPORT_RESERVE_MS = 10_000;
const TARGET = fileURLToPath(new URL('../../target/', import.meta.url));
const BEFORE = 'before-the-check-42';
const AFTER = 'after-the-check-56';

const [base, workshopId, learnerId, sessionId] = process.argv.slice(2);
const staffCookie = process.env.GLASSBOX_E2E_STAFF;
const learnerCookie = process.env.GLASSBOX_E2E_LEARNER;
if (!base || !workshopId || !learnerId || !sessionId || !staffCookie || !learnerCookie) {
  console.error('usage: GLASSBOX_E2E_STAFF=… GLASSBOX_E2E_LEARNER=… node frontend/e2e/recording.e2e.mjs <base URL> <workshop id> <learner id> <session id>');
  process.exit(2);
}

const chromium = await loadChromium();
const { log, timeLeft } = startClock(TIME_LIMIT_MS, REPORT_RESERVE_MS);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
const pages = {};
let failed = false;

async function contextWith(name, value) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  await context.addCookies([{ name, value, url: base }]);
  return context;
}

/** The player's state as the page sees it, as an expression run in the page: its time and its screen's text. */
const READ_PLAYER = `(() => ({
  time: window.glassboxReplay?.currentTime() ?? null,
  screen: [...document.querySelectorAll('#replay-player .ap-line')].map((line) => line.textContent).join('\\n'),
}))()`;

async function player(page) {
  return page.evaluate(READ_PLAYER);
}

/** Waits until `test` (page-side source of a function of the player's state) holds. */
async function waitForPlayer(page, what, test) {
  await page.waitForFunction(`(${test})(${READ_PLAYER})`, null, { timeout: timeLeft(), polling: 100 })
    .catch(async (error) => {
      throw new Error(`${what}: ${error.message.split('\n')[0]}; the player shows ${JSON.stringify(await player(page))}`);
    });
}

/** On the replay page: the session is listed, the timeline has its markers, and the player loaded at 0. */
async function replayShowsTheSession(page) {
  await page.locator(`#replay-session-list button[data-session="${sessionId}"][aria-current="true"]`)
    .waitFor({ timeout: timeLeft() });
  await page.locator(`#replay-markers ${MANUAL_CHECK}`).first().waitFor({ timeout: timeLeft() });
  await page.locator(`#replay-markers ${HINT}`).first().waitFor({ timeout: timeLeft() });
  await page.locator('#replay-player .ap-line').first().waitFor({ state: 'attached', timeout: timeLeft() });
  const start = await player(page);
  if (start.time === null || start.time > 0.5) throw new Error(`the player should start at 0, it is at ${start.time}`);
  if (start.screen.includes(BEFORE)) throw new Error(`the screen shows "${BEFORE}" before any seek`);
  return start;
}

/** The timeline's entry of the check the learner ran with the Check button (automatic ones come at every prompt). */
const MANUAL_CHECK = 'li[data-kind="check-failed"][data-trigger="manual"]';
const HINT = 'li[data-kind="hint"]';

/** Clicks the marker `selector`, waits until the player's time moved past `after` and its screen shows `shows`. */
async function jumpTo(page, selector, after, shows, hides) {
  const kind = selector === HINT ? 'hint' : 'check';
  const marker = page.locator(`#replay-markers ${selector}`).first();
  await marker.locator('button').click({ timeout: timeLeft() });
  await waitForPlayer(page, `after clicking the ${kind} marker`,
    `(p) => p.time !== null && p.time > ${after} && p.screen.includes(${JSON.stringify(shows)})`);
  const now = await player(page);
  if (hides && now.screen.includes(hides)) {
    throw new Error(`at the ${kind} marker the screen already shows "${hides}", which came later:\n${now.screen}`);
  }
  if ((await marker.locator('button').getAttribute('aria-current')) !== 'true') {
    throw new Error(`the ${kind} marker is not highlighted after the jump`);
  }
  log(`clicked the ${kind} marker: the player moved to ${now.time.toFixed(2)} s and shows "${shows}"`);
  return now;
}

async function instructorReplays() {
  const context = await contextWith('glassbox_staff', staffCookie);
  const page = await context.newPage();
  pages.instructor = page;
  await page.goto(new URL(`/staff/workshops/${workshopId}`, base).toString());
  await page.locator(`#roster-body tr[data-learner="${learnerId}"] [data-field="name"] .learner-open`)
    .click({ timeout: timeLeft() });
  await page.locator(`#learner-panel[data-learner="${learnerId}"]`).waitFor({ state: 'visible', timeout: timeLeft() });
  const [replay] = await Promise.all([context.waitForEvent('page', { timeout: timeLeft() }),
    page.locator('#learner-recordings').click({ timeout: timeLeft() })]);
  pages.instructorReplay = replay;
  await replay.waitForLoadState('domcontentloaded');
  log(`the dashboard's Recordings link opened ${new URL(replay.url()).pathname}`);
  await replayShowsTheSession(replay);
  const atCheck = await jumpTo(replay, MANUAL_CHECK, 0, BEFORE, AFTER);
  await jumpTo(replay, HINT, atCheck.time, AFTER, null);
  await replay.screenshot({ path: `${TARGET}recording-e2e-replay.png` }); // for people to look at; not asserted
  await context.close();
}

async function learnerReplays() {
  const context = await contextWith('glassbox_learner', learnerCookie);
  const page = await context.newPage();
  pages.learner = page;
  await page.goto(new URL('/replay', base).toString());
  await replayShowsTheSession(page);
  await jumpTo(page, MANUAL_CHECK, 0, BEFORE, AFTER);
  await context.close();
}

try {
  await instructorReplays();
  await learnerReplays();
  log('e2e PASSED');
} catch (error) {
  failed = true;
  console.error(`e2e FAILED: ${error.message}`);
  for (const [who, page] of Object.entries(pages)) {
    try {
      if (page.isClosed()) continue;
      console.error(`--- ${who}: ${page.url().replace(/\?.*/, '')}\n${JSON.stringify(await player(page))}`);
      console.error(await page.locator('body').innerText({ timeout: 2_000 }).catch(() => ''));
      await page.screenshot({ path: `${TARGET}recording-e2e-${who}.png` });
    } catch {
      // a page that is gone has nothing to show
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
