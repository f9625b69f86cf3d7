// The page in a real browser, as a learner uses it. First the free sandbox: click "Free sandbox", wait for
// the lab host's prompt, type `echo hello` and see `hello` come back. Then a lesson (LESSON below): end the
// session, open the lesson, press Check and see its check fail with what it expected and observed, reveal a
// hint, let "Show me" type stage 1's solve and see the stage tick off by itself (the automatic check pushed
// over the terminal's WebSocket) and the kernel panel show the shell's own UTS namespace, then follow stage
// 2's instructions by clicking their Run buttons until it ticks off too and the panel shows the new hostname.
//
//   node frontend/e2e/terminal.e2e.mjs http://localhost:8080/
//
// Uses Debian's Chromium (/usr/bin/chromium) through playwright-core, which never downloads a browser. The
// browser gets a fresh profile and may reach loopback only. Exit 0 on success; on failure it prints what the
// terminal and the status line showed, saves target/e2e-failure.png and exits 1. Everything within 60 s.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, loadChromium, startClock } from './harness.mjs';

const TIME_LIMIT_MS = 60_000;
/** Kept back from every wait so a failure still has time to take its screenshot and end the session. */
const REPORT_RESERVE_MS = 10_000;
const SCREENSHOT = fileURLToPath(new URL('../../target/e2e-failure.png', import.meta.url));
/** A shell prompt with nothing typed after it, e.g. "root@lab-1a2b3c:~# ". */
const PROMPT = /^root@lab-[0-9a-z-]+:~# ?$/;
/** The seed lesson: stage 1 starts a shell in a new UTS namespace, stage 2 gives it the hostname box1. */
const LESSON = '02-uts-namespace';
const NEW_HOSTNAME = 'box1';

const base = process.argv[2];
if (!base) {
  console.error('usage: node frontend/e2e/terminal.e2e.mjs <base URL, e.g. http://localhost:8080/>');
  process.exit(2);
}

const chromium = await loadChromium();
const { elapsed, log, timeLeft } = startClock(TIME_LIMIT_MS, REPORT_RESERVE_MS);
/** What the browser said along the way, printed on failure: console, page errors, sockets, blocked requests. */
const browserLog = [];
// The terminal URL carries the session's token; keep it out of the output.
const redact = (url) => url.replace(/token=[^&]+/, 'token=…');

const userDataDir = await mkdtemp(path.join(tmpdir(), 'glassbox-e2e-'));
let context;
let page;
let exitCode = 1;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 700 },
    timeout: 20_000,
  });
  // The page must need nothing but its own server: no CDN, no fonts from elsewhere.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    browserLog.push(`blocked a request off this machine: ${url}`);
    return route.abort('blockedbyclient');
  });
  page = context.pages()[0] ?? (await context.newPage());
  watchBrowser(page);

  log(`open ${base}`);
  const response = await page.goto(base, { waitUntil: 'load', timeout: timeLeft() });
  if (!response?.ok()) throw new Error(`the page answered ${response?.status()}`);
  if ((await page.title()) !== 'Glassbox') throw new Error(`unexpected page title "${await page.title()}"`);

  log('click "Free sandbox"');
  await page.getByRole('button', { name: 'Free sandbox' }).click({ timeout: timeLeft() });
  // Either the terminal opens (the session exists) or the picker shows the server's error (e.g. 503).
  await page.waitForFunction(() => !document.getElementById('terminal-view').hidden
    || !document.getElementById('picker-error').hidden, null, { timeout: timeLeft() });
  if (await page.locator('#picker-error').isVisible()) {
    throw new Error(`creating the session failed: ${await page.locator('#picker-error').textContent()}`);
  }
  await page.locator('.xterm-rows').waitFor({ state: 'visible', timeout: timeLeft() });
  const session = await page.evaluate(() => ({ id: window.glassbox?.session?.id, host: window.glassbox?.session?.hostname }));
  log(`terminal opened for session ${session.id} on ${session.host}; waiting for the prompt`);

  await waitForRow(page, (row) => PROMPT.test(row), 'the shell prompt');
  log('prompt is there; type "echo hello" and Enter');
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('echo hello');
  await page.keyboard.press('Enter');

  // "hello" alone on a row is the command's output, not the echoed "root@lab-...:~# echo hello".
  await waitForRow(page, (row) => row === 'hello', 'the output line "hello"');
  log('saw "hello": the terminal works');

  await followLesson(page);
  exitCode = 0;
} catch (error) {
  await reportFailure(error);
} finally {
  await cleanUp();
}
process.exit(exitCode);

// --- the lesson ---------------------------------------------------------------------------------------------

async function followLesson(page) {
  log(`end the sandbox session and open the lesson ${LESSON}`);
  await page.locator('#end-session').click({ timeout: timeLeft() });
  await page.locator('#picker').waitFor({ state: 'visible', timeout: timeLeft() });
  await page.locator(`button[data-lesson="${LESSON}"]`).click({ timeout: timeLeft() });
  await page.locator('#progress li[data-stage]').first().waitFor({ timeout: timeLeft() });
  const stages = await page.locator('#progress li[data-stage]').evaluateAll((items) => items.map((li) => li.dataset.stage));
  log(`lesson panel open with stages ${stages.join(', ')}; waiting for the prompt`);
  await waitForRow(page, (row) => PROMPT.test(row), 'the shell prompt');

  log('press Check before doing anything: the stage\'s checks must fail and say why');
  await page.locator('#check-button').click({ timeout: timeLeft() });
  await page.locator('#checks li[data-status="failed"] .check-failure').first().waitFor({ timeout: timeLeft() });
  const failure = (await page.locator('#checks li[data-status="failed"] .check-failure').first().innerText()).replace(/\s+/g, ' ');
  log(`the check failed: ${failure}`);
  if (!/expected/i.test(failure)) throw new Error(`the failed check does not say what it expected: ${failure}`);
  await page.locator('#hint-button').click({ timeout: timeLeft() });
  await page.locator('#hints .hint, #hints > *').first().waitFor({ timeout: timeLeft() });
  log('a hint showed');

  log('"Show me" types stage 1\'s solve; the automatic check should tick the stage off');
  page.once('dialog', (dialog) => dialog.accept());
  await page.locator('#solve-button').click({ timeout: timeLeft() });
  await waitForStage(page, stages[0], 'passed');
  await page.locator('#kernel[open] [data-ns="uts"][data-kind="own"]').waitFor({ timeout: timeLeft() });
  log('stage 1 passed; the kernel panel shows the shell in a UTS namespace of its own');
  // The button waits for the server's push that the typing is over ({"type":"solve","typing":false}), not for
  // the request's answer: without that push it would stay disabled.
  await page.locator('#solve-button:enabled').waitFor({ timeout: timeLeft() });
  log('"Show me" is back once the server said its typing was over');

  const runs = page.locator('#instructions button.run');
  log(`stage 2: click its ${await runs.count()} Run button(s) as a learner would`);
  for (let i = 0, n = await runs.count(); i < n; i++) {
    await runs.nth(i).click({ timeout: timeLeft() });
    await page.waitForTimeout(300);
  }
  await waitForStage(page, stages[1], 'passed');
  await page.locator('#kernel-body', { hasText: NEW_HOSTNAME }).waitFor({ timeout: timeLeft() });
  log(`stage 2 passed; the kernel panel shows the hostname ${NEW_HOSTNAME}`);
}

/** Waits until the progress bar shows the stage in that state (passed, current, todo). */
async function waitForStage(page, stage, state) {
  await page.locator(`#progress li[data-stage="${stage}"][data-state="${state}"]`).waitFor({ timeout: timeLeft() })
    .catch(async () => {
      const result = await page.locator('#check-result').innerText().catch(() => '');
      const checks = await page.locator('#checks').innerText().catch(() => '');
      throw new Error(`stage ${stage} did not become ${state}; result line: "${result}"; checks: ${checks.replace(/\s+/g, ' ')}`);
    });
}

// --- helpers --------------------------------------------------------------------------------------------

/** The terminal's rendered rows (xterm.js's DOM renderer), right-trimmed, with no-break spaces made plain. */
async function renderedRows(page) {
  return page.evaluate(() => [...document.querySelectorAll('.xterm-rows > div')]
    .map((row) => row.textContent.replace(/\u00a0/g, ' ').trimEnd()));
}

/** The status line as a person reads it: the host and the message, without hidden buttons. */
async function statusLine(page) {
  return (await page.locator('#status').innerText({ timeout: 1_000 })).replace(/\s+/g, ' ').trim();
}

/** Polls the rendered rows until one matches; gives up early if the connection closed for good. */
async function waitForRow(page, matches, what) {
  const until = Date.now() + timeLeft();
  while (Date.now() < until) {
    if ((await renderedRows(page)).some(matches)) return;
    const phase = await page.locator('#status').getAttribute('data-phase');
    if (phase === 'closed') throw new Error(`the terminal closed while waiting for ${what}: ${await statusLine(page)}`);
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; status line: ${await statusLine(page)}`);
}

function watchBrowser(page) {
  page.on('console', (message) => browserLog.push(`console.${message.type()}: ${redact(message.text())}`));
  page.on('pageerror', (error) => browserLog.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    browserLog.push(`request failed: ${redact(request.url())} (${request.failure()?.errorText})`));
  page.on('websocket', (socket) => {
    browserLog.push(`websocket opened: ${redact(socket.url())}`);
    socket.on('socketerror', (error) => browserLog.push(`websocket error: ${error}`));
    socket.on('close', () => browserLog.push(`websocket closed: ${redact(socket.url())}`));
  });
}

function isLoopback(url) {
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') return true; // data:, blob: stay in the browser.
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}

async function reportFailure(error) {
  console.error(`e2e FAILED after ${elapsed()}: ${error.message}`);
  if (!page) return;
  try {
    console.error(`status line: ${await statusLine(page)}`);
    const rows = (await renderedRows(page)).filter((row) => row.length > 0);
    console.error(rows.length ? `the terminal showed:\n  | ${rows.join('\n  | ')}` : 'the terminal showed nothing');
  } catch (e) {
    console.error(`(could not read the page: ${e.message})`);
  }
  if (browserLog.length) console.error(`the browser said:\n  ${summarize(browserLog).join('\n  ')}`);
  try {
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, timeout: 5_000 });
    console.error(`screenshot: ${SCREENSHOT}`);
  } catch (e) {
    console.error(`(no screenshot: ${e.message})`);
  }
}

/** Ends the session the page started (it holds a lab host), then closes the browser and removes its profile. */
async function cleanUp() {
  try {
    if (page) {
      await Promise.race([page.evaluate(() => window.glassbox?.endSession?.()), sleep(3_000)]);
    }
  } catch {
    // The page may be gone already; the server's idle timeout ends the session then.
  }
  await Promise.race([context?.close(), sleep(5_000)]).catch(() => {});
  await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
}

/** Each distinct line once, in first-seen order, with how often it came: a reconnect loop repeats itself. */
function summarize(lines) {
  const counts = new Map();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].map(([line, n]) => (n > 1 ? `${line} (${n} times)` : line));
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
