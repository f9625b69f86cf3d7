// A learner's escape sequences against the instructor's read-only view of their terminal (issue 12, "not yet
// tried"): the learner prints a javascript: hyperlink, an http hyperlink to another site, a plain-text URL, two
// title changes carrying HTML, and an OSC 52 clipboard write. The instructor's view is the dashboard's own
// WatchTerminal (src/staff/watch-terminal.js, bundled here by esbuild as the dashboard bundles it) on a page of
// the server's origin, fed by the session's watchUrl as on /staff/workshops/{id}. The instructor then clicks each
// link. Contained when: no dialog asks anything, no window opens, the page stays where it is with its title,
// no element is added outside the terminal, and the clipboard still holds what the instructor put there.
//
//   node frontend/e2e/escapes.e2e.mjs http://localhost:8080/
//
// Prints one "attack |" row per attempt (as the attack suite's table) and exits 0 only if all are contained.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, loadChromium, startClock } from './harness.mjs';

const FRONTEND = fileURLToPath(new URL('..', import.meta.url));
const PAGE_TITLE = 'instructor dashboard';
const CLIPBOARD = 'the instructor copied this';
/** What the learner types: each escape sequence on one output line that starts with LINE_START. */
const LINE_START = 'JS-LINK';
const COMMAND = "printf '\\e]8;;javascript:alert(1)\\e\\\\JS-LINK\\e]8;;\\e\\\\ "
  + "\\e]8;;http://evil.invalid/phish\\e\\\\HTTP-LINK\\e]8;;\\e\\\\ http://evil.invalid/plain "
  + "\\e]0;PWNED<img src=x onerror=alert(2)>\\a\\e]2;PWNED2\\a"
  + "\\e]52;c;UFdORUQtQ0xJUA==\\a ESCAPES-DONE\\n'\r"; // UFdORUQtQ0xJUA== is base64 of PWNED-CLIP

const base = process.argv[2];
if (!base) {
  console.error('usage: node frontend/e2e/escapes.e2e.mjs <base URL, e.g. http://localhost:8080/>');
  process.exit(2);
}
const chromium = await loadChromium();
const { log, timeLeft } = startClock(60_000, 10_000);
const rows = [];
const record = (name, expected, observed, passed) => rows.push({ name, expected, observed, passed });

const session = await (await fetch(new URL('api/sessions', base), {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}',
})).json();
if (!session.watchUrl) throw new Error(`no session: ${JSON.stringify(session)}`);
log(`session ${session.id} started`);

const userDataDir = await mkdtemp(path.join(tmpdir(), 'glassbox-e2e-'));
let context;
let exitCode = 1;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1100, height: 700 }, timeout: 20_000,
  });
  const origin = new URL(base).origin;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const popups = [];
  context.on('page', (p) => popups.push(p.url() || 'a new window'));
  // Nothing may leave this machine: a link that did open would be refused here, and still counted above.
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === new URL(base).hostname
    ? route.continue() : route.abort('blockedbyclient')));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('websocket', (ws) => ws.on('socketerror', (error) => log(`websocket error: ${error}`)));
  page.on('console', (message) => log(`browser: ${message.text()}`));
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message().split('\n')[0]}`);
    dialog.dismiss().catch(() => {});
  });

  // A document the server itself sent, then replaced: Chromium lets only a page of the server's own (local)
  // address space open sockets to it, so a page made up by the test (route.fulfill) could not.
  const pageUrl = new URL('api/host', base).href;
  await page.goto(pageUrl, { waitUntil: 'load', timeout: timeLeft() });
  await page.setContent(await instructorPage(), { waitUntil: 'load', timeout: timeLeft() });
  await page.waitForFunction(() => typeof window.startWatching === 'function', null, { timeout: timeLeft() });
  await page.evaluate((text) => navigator.clipboard.writeText(text), CLIPBOARD);
  const imagesBefore = await page.evaluate(() => document.querySelectorAll('img').length);

  log('the learner prints the escape sequences');
  await page.evaluate(([terminalUrl, command]) => new Promise((resolve, reject) => {
    const url = new URL(terminalUrl, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('cols', '120');
    url.searchParams.set('rows', '30');
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    let output = '';
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') return;
      output += new TextDecoder().decode(event.data);
      if (output.includes('# ') && !socket.sent) {
        socket.sent = true;
        socket.send(new TextEncoder().encode(command));
      }
      if (/\nJS-LINK/.test(output.replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, '\n'))) resolve(socket.close());
    };
    socket.onclose = (event) => (output.includes('JS-LINK') ? resolve()
      : reject(new Error(`the learner terminal closed: ${event.code} ${event.reason}; it printed: ${output.slice(-300)}`)));
  }), [session.terminalUrl, COMMAND]);

  log('the instructor watches');
  await page.evaluate((watchUrl) => window.startWatching(watchUrl), session.watchUrl);
  await page.waitForFunction((start) => [...document.querySelectorAll('.xterm-rows > div')]
    .some((row) => row.textContent.replace(/\u00a0/g, ' ').startsWith(start)), LINE_START, { timeout: timeLeft() });

  for (const [name, text] of [['javascript: hyperlink (OSC 8)', 'JS-LINK'], ['http hyperlink to another site (OSC 8)', 'HTTP-LINK'],
    ['plain-text URL', 'http://evil.invalid/plain']]) {
    const before = { dialogs: dialogs.length, popups: popups.length };
    await clickText(page, text);
    await page.waitForTimeout(700);
    const asked = dialogs.slice(before.dialogs);
    const opened = popups.slice(before.popups);
    const url = page.url();
    record(`${name}, clicked`, 'nothing opens, nothing asks',
      `dialogs: ${asked.join('; ') || 'none'}; windows opened: ${opened.join(', ') || 'none'}; page at ${url === pageUrl ? 'the dashboard' : url}`,
      asked.length === 0 && opened.length === 0 && url === pageUrl);
  }
  const title = await page.title();
  const images = await page.evaluate(() => document.querySelectorAll('img').length);
  record('title escapes (OSC 0, OSC 2) with HTML', `page title stays "${PAGE_TITLE}", no element added`,
    `title "${title}", <img> elements ${imagesBefore} -> ${images}`, title === PAGE_TITLE && images === imagesBefore);
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  record('OSC 52 clipboard write', `clipboard keeps "${CLIPBOARD}"`, `clipboard "${clipboard}"`, clipboard === CLIPBOARD);
  record('any dialog (alert, confirm) from them', 'none', `dialogs in all: ${dialogs.length}`, dialogs.length === 0);
  exitCode = rows.every((row) => row.passed) ? 0 : 1;
} catch (error) {
  console.error(`e2e FAILED: ${error.stack || error}`);
} finally {
  for (const row of rows) {
    console.log(`attack | escapes | ${row.name} | ${row.expected} | ${row.observed} | ${row.passed ? 'contained' : 'NOT CONTAINED'}`);
  }
  await fetch(new URL(`api/sessions/${session.id}`, base), { method: 'DELETE', headers: { Authorization: `Bearer ${session.token}` } })
    .catch(() => {});
  await context?.close().catch(() => {});
  await rm(userDataDir, { recursive: true, force: true });
}
process.exit(exitCode);

/** A page of the server's origin with only the dashboard's WatchTerminal on it, bundled as build.mjs bundles it. */
async function instructorPage() {
  const esbuild = await import('esbuild');
  const built = await esbuild.build({
    stdin: {
      contents: "import { WatchTerminal } from './src/staff/watch-terminal.js';"
        + "window.startWatching = (url) => { window.watch = new WatchTerminal(document.getElementById('t'), url, () => {}); };",
      resolveDir: FRONTEND,
    },
    bundle: true, format: 'esm', write: false, logLevel: 'error',
  });
  const css = await readFile(path.join(FRONTEND, 'node_modules/@xterm/xterm/css/xterm.css'), 'utf8');
  return `<!doctype html><html><head><title>${PAGE_TITLE}</title><style>${css}</style></head>`
    + `<body><div id="t" style="width:1000px;height:600px"></div><script type="module">${built.outputFiles[0].text}</script></body></html>`;
}

/** Moves the mouse onto `text` in the watch terminal (hovering makes xterm.js find the link), then clicks it. */
async function clickText(page, text) {
  const where = await page.evaluate((wanted) => {
    const screen = document.querySelector('.xterm-screen').getBoundingClientRect();
    const rowEls = [...document.querySelectorAll('.xterm-rows > div')];
    const index = rowEls.findIndex((row) => row.textContent.replace(/\u00a0/g, ' ').startsWith('JS-LINK'));
    const row = rowEls[index].getBoundingClientRect();
    const column = rowEls[index].textContent.replace(/\u00a0/g, ' ').indexOf(wanted);
    const cell = screen.width / window.watch.term.cols;
    return { x: screen.left + (column + 1.5) * cell, y: row.top + row.height / 2 };
  }, text);
  await page.mouse.move(where.x - 20, where.y);
  await page.mouse.move(where.x, where.y, { steps: 3 });
  await page.waitForTimeout(300);
  await page.mouse.click(where.x, where.y);
}
