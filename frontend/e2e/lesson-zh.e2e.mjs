// The lesson page as a Chinese reader on a phone sees it: a 420x860 screen, the browser asking for zh-CN.
//
// 1. The picker and then a lesson (LESSON below) are walked for page labels still in English: every visible
//    text and every title, aria-label, placeholder or alt that has two English words in a row and no Chinese.
// 2. Chinese is seen, not assumed: the screenshot it saves (target/lesson-zh-phone.png) is read back in the
//    page and the lesson title's characters are cut out of it, one by one: each must have ink and no two may
//    be the same picture. Without a CJK font Chromium draws every Chinese character as the same empty box.
// 3. The phone layout: the lesson panel above the terminal, nothing wider than the screen, the instructions
//    given real height between the lesson's title bar and its Check bar, the Check bar and the terminal on the
//    screen.
// 4. The lesson text is sanitized markdown: the page's instructions hold only what the renderer makes (run
//    buttons included), and the page's renderer (marked + DOMPurify, in this browser) turns script, event
//    handlers and javascript: links into text.
// 5. A new lesson teaches back, in Chinese (MISTAKE_LESSON below, on a second lab host): Check before solving
//    fails with an expected and an observed in Chinese and no mistake hint; then the mistake its first stage
//    names is typed into the page's terminal, and the next Check draws that mistake's hint, in Chinese, under
//    the failed check. The English walk of 1. runs over that page too.
//
//   node frontend/e2e/lesson-zh.e2e.mjs http://localhost:8080/
//
// Debian's Chromium through playwright-core, fresh profile, loopback only. Exit 0 on success; on failure it
// says what was wrong, saves target/lesson-zh-failure.png and exits 1. Everything within 90 s.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, loadChromium, startClock } from './harness.mjs';

const TIME_LIMIT_MS = 90_000;
const REPORT_RESERVE_MS = 10_000;
const TARGET = fileURLToPath(new URL('../../target/', import.meta.url));
const SCREENSHOT = path.join(TARGET, 'lesson-zh-phone.png');
const FAILURE_SCREENSHOT = path.join(TARGET, 'lesson-zh-failure.png');
const PHONE = { width: 420, height: 860 };
/** A lesson with a long first stage: the layout check needs more text than fits. */
const LESSON = '02-uts-namespace';
const PROMPT = /^root@lab-[0-9a-z-]+:~# ?$/;
/**
 * A new lesson whose first stage names a mistake that one command shows: its instructions have the learner try
 * `mknod`, which a user namespace refuses; Check before the bind mount then explains why (lesson.yaml
 * `mistakes:`, matched on the shell's recent command lines).
 */
const MISTAKE_LESSON = '17-devices-io-cgroups';
const MISTAKE_CHECK = 'null-bound-at-tmp';
const MISTAKE = 'mknod-in-a-user-namespace';
const MISTAKE_COMMAND = 'mknod /tmp/dev/null c 1 3';
/** Chinese characters proper (not punctuation): what a Chinese sentence cannot do without. */
const HAN = /[\u3400-\u9fff]/;
/** The instructions must show at least this share of the screen's height (before the fix: 107 of 860 px). */
const MIN_INSTRUCTIONS_SHARE = 0.28;
/** And the terminal below them at least this share. */
const MIN_TERMINAL_SHARE = 0.25;

const base = process.argv[2];
if (!base) {
  console.error('usage: node frontend/e2e/lesson-zh.e2e.mjs <base URL, e.g. http://localhost:8080/>');
  process.exit(2);
}

const chromium = await loadChromium();
const { elapsed, log, timeLeft } = startClock(TIME_LIMIT_MS, REPORT_RESERVE_MS);
const browserLog = [];
const userDataDir = await mkdtemp(path.join(tmpdir(), 'glassbox-e2e-zh-'));
let context;
let page;
let exitCode = 1;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: PHONE,
    locale: 'zh-CN', // navigator.language: the page picks Chinese by itself, as for a reader in China.
    timeout: 20_000,
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    browserLog.push(`blocked a request off this machine: ${url}`);
    return route.abort('blockedbyclient');
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => browserLog.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => browserLog.push(`page error: ${error.message}`));

  log(`open ${base} as a zh-CN browser on a ${PHONE.width}x${PHONE.height} screen`);
  const response = await page.goto(base, { waitUntil: 'load', timeout: timeLeft() });
  if (!response?.ok()) throw new Error(`the page answered ${response?.status()}`);
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang !== 'zh-CN') throw new Error(`the page did not switch to Chinese by itself: <html lang="${lang}">`);
  await page.locator(`button[data-lesson="${LESSON}"]`).waitFor({ timeout: timeLeft() });
  await expectNoEnglish('the picker');

  log(`open the lesson ${LESSON}`);
  await page.locator(`button[data-lesson="${LESSON}"]`).click({ timeout: timeLeft() });
  await page.locator('#progress li[data-stage]').first().waitFor({ timeout: timeLeft() });
  await page.locator('#instructions button.run').first().waitFor({ timeout: timeLeft() });
  await checkPhoneLayout();
  await checkSanitizedMarkdown();

  log('wait for the prompt, press 检查 (Check): the stage fails; reveal a hint; the kernel panel reads the shell');
  await waitForPrompt();
  await page.locator('#check-button').click({ timeout: timeLeft() });
  await page.locator('#checks li[data-status="failed"]').first().waitFor({ timeout: timeLeft() });
  await page.locator('#hint-button').click({ timeout: timeLeft() });
  await page.locator('#hints > *').first().waitFor({ timeout: timeLeft() });
  await page.locator('#kernel [data-ns="uts"]').waitFor({ state: 'attached', timeout: timeLeft() });
  await page.locator('#kernel-target:not(:empty)').waitFor({ state: 'attached', timeout: timeLeft() });
  await page.evaluate(() => {
    document.getElementById('kernel').open = true;
  });
  await page.waitForTimeout(300); // The panel draws on the next frame.
  await expectNoEnglish('the lesson page after a failed check, with a hint and the kernel panel open');

  await page.locator('#lesson').evaluate((panel) => {
    panel.scrollTop = 0;
  });
  await checkChineseIsSeen();

  await checkMistakeHint();
  exitCode = 0;
  log('e2e OK: zh-CN labels, Chinese glyphs in the screenshot, phone layout, sanitized markdown, '
    + `a Chinese failed check and mistake hint in ${MISTAKE_LESSON}`);
} catch (error) {
  await reportFailure(error);
} finally {
  await cleanUp();
}
process.exit(exitCode);

// --- 1. labels in English ----------------------------------------------------------------------------------

/**
 * Fails listing every visible text (and label attribute) of the page that reads as English. Not walked: the
 * terminal's screen, code, the English button of the language switch (lang="en") and the lesson's own text
 * (.markdown: the lesson file's words, checked by the lesson tests; a mistake's hint is one, and 5. reads it).
 * A failed check's expected/observed (.check-failure dd) are walked: the server gives them in Chinese too.
 */
async function expectNoEnglish(where) {
  const english = await page.evaluate(() => {
    const SKIP = '.xterm-screen, .xterm-rows, pre, code, kbd, [lang="en"], .markdown';
    // "the shell", "Terminal input": two words in a row ("glassbox-lab", "lab-1a2b" are names, not words).
    const ENGLISH = /[A-Za-z]{2,}[\s'’,]+[A-Za-z]{2,}/;
    // Chinese letters or Chinese punctuation (，：（）“”): a translated string, which may quote a name.
    const CJK = /[\u201c\u201d\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
    const reads = (text) => ENGLISH.test(text) && !CJK.test(text);
    const seen = (element) => element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const found = [];
    const where = (element) => `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}`
      + `${element.classList.length ? `.${[...element.classList].join('.')}` : ''}>`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = node.textContent.replace(/\s+/g, ' ').trim();
      if (text && reads(text) && !element.closest(SKIP) && seen(element)) found.push(`${where(element)} "${text}"`);
    }
    for (const element of document.body.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      if (element.closest('[lang="en"], .markdown') || element.closest('[hidden]')) continue;
      for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
        const value = element.getAttribute(name);
        if (value && reads(value)) found.push(`${where(element)} ${name}="${value}"`);
      }
    }
    return found;
  });
  if (english.length) {
    throw new Error(`${where}: ${english.length} label(s) still in English on the zh-CN page:\n  ${english.join('\n  ')}`);
  }
  log(`${where}: no English labels`);
}

// --- 2. Chinese is seen --------------------------------------------------------------------------------------

/**
 * Saves the screenshot, then reads it back in the page: the first distinct Chinese characters of the lesson
 * title are cut out of it at the boxes the layout gave them. Each must have ink, and their amounts of ink must
 * differ as the characters do (己 has few strokes, 属 many). A missing font draws every one of them as the same
 * .notdef box (the "tofu"): ink, but the same amount. The same measure is first shown to see tofu as tofu, on
 * code points no font has (unassigned ones), so this check can fail.
 */
async function checkChineseIsSeen() {
  await mkdir(TARGET, { recursive: true });
  const shot = await page.screenshot({ path: SCREENSHOT, timeout: timeLeft() });
  log(`screenshot: ${SCREENSHOT}`);
  const title = await glyphsIn('#lesson-title', shot);

  await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.id = 'tofu-probe';
    probe.style.display = 'block';
    probe.textContent = '\u0378\u0379\u0380\u0381\u0382\u0383'; // Unassigned in Unicode: no font draws them.
    document.getElementById('lesson-title').append(probe);
  });
  const tofu = await glyphsIn('#tofu-probe', await page.screenshot({ timeout: timeLeft() }));
  await page.evaluate(() => document.getElementById('tofu-probe').remove());

  log(`lesson title glyphs: ${describe(title)}; tofu probe: ${describe(tofu)}`);
  if (tofu.length < 3 || tofu.some((g) => g.ink === 0) || spread(tofu) >= 0.1) {
    throw new Error(`the tofu probe does not look like tofu (same boxes with ink), so the measure cannot tell: ${describe(tofu)}`);
  }
  if (title.length < 3) throw new Error(`the lesson title has fewer than 3 distinct Chinese characters: ${describe(title)}`);
  if (title.some((g) => g.w < 4 || g.ink < 8)) {
    throw new Error(`Chinese characters drawn without width or ink in the screenshot: ${describe(title)}`);
  }
  if (spread(title) < 0.25) {
    throw new Error(`different Chinese characters carry the same ink, as empty boxes do (no CJK font? `
      + `ci/os-packages.sh test installs fonts-noto-cjk): ${describe(title)}`);
  }
  log(`Chinese is seen: ${title.length} characters, their ink differing by ${Math.round(spread(title) * 100)}%`);
}

/** (most ink - least ink) / most ink, over some glyphs. */
function spread(glyphs) {
  const inks = glyphs.map((g) => g.ink);
  return Math.max(...inks) === 0 ? 0 : (Math.max(...inks) - Math.min(...inks)) / Math.max(...inks);
}

function describe(glyphs) {
  return glyphs.map((g) => `${g.char} ${g.w}x${g.h} ink ${g.ink}`).join(', ');
}

/**
 * The first 6 distinct characters of the element's first text node other than spaces, each with its box on
 * the screen and its ink in the screenshot `png`: how far the box's pixels are from the background
 * just above the element, summed.
 */
async function glyphsIn(selector, png) {
  return page.evaluate(async ({ selector, base64 }) => {
    const element = document.querySelector(selector);
    const text = [...element.childNodes].find((node) => node.nodeType === Node.TEXT_NODE);
    const boxes = [];
    const chars = new Set();
    for (let i = 0; i < text.length && boxes.length < 6; i++) {
      const char = text.data[i];
      if (/\s/.test(char) || chars.has(char)) continue;
      chars.add(char);
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const r = range.getBoundingClientRect();
      boxes.push({ char, x: Math.floor(r.left), y: Math.floor(r.top), w: Math.ceil(r.width), h: Math.ceil(r.height) });
    }
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const g = canvas.getContext('2d', { willReadFrequently: true });
    g.drawImage(image, 0, 0);
    const top = element.getBoundingClientRect().top;
    const background = g.getImageData(Math.max(0, boxes[0]?.x ?? 0), Math.max(0, Math.floor(top) - 1), 1, 1).data;
    return boxes.map((box) => {
      const { data } = g.getImageData(box.x, box.y, Math.max(1, box.w), Math.max(1, box.h));
      // Ink as a mass (how far each pixel is from the background, summed) rather than a count of pixels:
      // where a glyph lands between pixels changes its edges' shading, not its mass.
      let mass = 0;
      for (let p = 0; p < data.length; p += 4) {
        const distance = Math.abs(data[p] - background[0]) + Math.abs(data[p + 1] - background[1])
          + Math.abs(data[p + 2] - background[2]);
        if (distance > 24) mass += distance;
      }
      return { ...box, ink: Math.round(mass / 255) };
    });
  }, { selector, base64: png.toString('base64') });
}

// --- 3. the phone layout -------------------------------------------------------------------------------------

async function checkPhoneLayout() {
  const m = await page.evaluate(() => {
    const box = (selector) => document.querySelector(selector).getBoundingClientRect();
    document.getElementById('lesson').scrollTop = 0;
    const lesson = box('#lesson');
    const head = box('.lesson-head');
    const actions = box('#lesson-actions');
    const instructions = box('#instructions');
    const terminal = box('.terminal-box');
    const check = box('#check-button');
    // The lesson text shows between the (sticky) title bar and the Check bar, inside the panel.
    const top = Math.max(head.bottom, lesson.top);
    const bottom = Math.min(actions.top, lesson.bottom);
    return {
      pageWidth: document.documentElement.scrollWidth,
      band: bottom - top,
      instructionsShown: Math.min(instructions.bottom, bottom) - Math.max(instructions.top, top),
      instructionsFull: instructions.height,
      lessonBottom: lesson.bottom,
      terminalTop: terminal.top,
      terminalHeight: Math.min(terminal.bottom, window.innerHeight) - terminal.top,
      checkShown: check.top >= 0 && check.bottom <= window.innerHeight && check.height > 0,
    };
  });
  const H = PHONE.height;
  log(`phone layout: instructions ${Math.round(m.instructionsShown)} px shown (of ${Math.round(m.instructionsFull)}) `
    + `in a ${Math.round(m.band)} px text area, terminal ${Math.round(m.terminalHeight)} px, page ${m.pageWidth} px wide`);
  const problems = [];
  if (m.pageWidth > PHONE.width) problems.push(`the page is ${m.pageWidth} px wide on a ${PHONE.width} px screen`);
  if (m.terminalTop < m.lessonBottom - 1) problems.push('the terminal is not below the lesson panel');
  const wanted = Math.min(m.instructionsFull, MIN_INSTRUCTIONS_SHARE * H);
  if (m.instructionsShown < wanted) {
    problems.push(`the instructions show ${Math.round(m.instructionsShown)} px, less than ${Math.round(wanted)} px `
      + `(${MIN_INSTRUCTIONS_SHARE * 100}% of the screen's height)`);
  }
  if (m.terminalHeight < MIN_TERMINAL_SHARE * H) {
    problems.push(`the terminal has ${Math.round(m.terminalHeight)} px, less than ${MIN_TERMINAL_SHARE * 100}% of the screen`);
  }
  if (!m.checkShown) problems.push('the Check button is not on the screen');
  if (problems.length) throw new Error(`phone layout: ${problems.join('; ')}`);
}

// --- 4. sanitized markdown -------------------------------------------------------------------------------------

async function checkSanitizedMarkdown() {
  const result = await page.evaluate(() => {
    const ALLOWED = new Set(['P', 'BR', 'HR', 'H4', 'H5', 'H6', 'STRONG', 'EM', 'DEL', 'CODE', 'PRE', 'BLOCKQUOTE',
      'UL', 'OL', 'LI', 'A', 'IMG', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'DIV', 'SPAN', 'BUTTON']);
    const problems = [];
    const instructions = document.getElementById('instructions');
    for (const element of instructions.querySelectorAll('*')) {
      if (!ALLOWED.has(element.tagName)) problems.push(`the instructions hold a <${element.tagName.toLowerCase()}>`);
      for (const { name } of element.attributes) {
        if (name.startsWith('on') || name === 'style') problems.push(`<${element.tagName.toLowerCase()} ${name}>`);
      }
    }
    const runs = instructions.querySelectorAll('.command > pre > code + *, .command button.run[title]').length;
    if (runs === 0) problems.push('the sanitizer dropped the run buttons of the command blocks');

    const render = window.glassbox?.renderMarkdown;
    if (typeof render !== 'function') return [...problems, 'window.glassbox.renderMarkdown is missing'];
    const labels = { run: '运行', runTitle: '把它输入到终端里' };
    const into = (markdown) => {
      const div = document.createElement('div');
      div.innerHTML = render(markdown, labels);
      return div;
    };
    const attack = into('hi <script>window.pwned = 1</script> <img src=x onerror="window.pwned = 1"> '
      + '<a href="javascript:window.pwned = 1">x</a>\n\n[y](javascript:window.pwned=1) <svg onload="window.pwned=1">');
    if (attack.querySelector('script, img, svg, [onerror], [onload]')) problems.push(`raw HTML became markup: ${attack.innerHTML}`);
    if ([...attack.querySelectorAll('a')].some((a) => /^\s*javascript:/i.test(a.getAttribute('href') || ''))) {
      problems.push(`a javascript: link survived: ${attack.innerHTML}`);
    }
    if (!attack.textContent.includes('<script>')) problems.push('raw HTML is not shown as the text the author typed');
    const link = into('[man](https://man7.org/)').querySelector('a');
    if (link?.target !== '_blank' || link?.rel !== 'noopener noreferrer') {
      problems.push(`an outside link does not open safely in a new tab: ${link?.outerHTML}`);
    }
    const list = into('- `unshare` first\n- then `hostname`');
    if (list.querySelectorAll('ul > li > code').length !== 2) problems.push(`a list with inline code broke: ${list.innerHTML}`);
    if (window.pwned) problems.push('a script ran');
    return problems;
  });
  if (result.length) throw new Error(`markdown: ${result.join('; ')}`);
  log('markdown: the instructions hold only sanitized markup with their run buttons; script and javascript: links stay text');
}

// --- 5. a new lesson's failed check and mistake hint ---------------------------------------------------------

/**
 * Ends lesson 02's session through the page and opens MISTAKE_LESSON on a new lab host. Check before solving:
 * MISTAKE_CHECK fails with an expected and an observed that hold Chinese characters, and no mistake hint yet
 * (nothing was typed). Then MISTAKE_COMMAND goes through the page's terminal and, once the shell is back at its
 * prompt (bash history is written before a command runs), Check again: under the failed check the MISTAKE
 * hint must show, in Chinese (its prose outside code: Chinese characters, no two English words in a row).
 */
async function checkMistakeHint() {
  log(`end the session, open the new lesson ${MISTAKE_LESSON} on a new lab host`);
  await page.locator('#end-session').click({ timeout: timeLeft() });
  await page.locator(`button[data-lesson="${MISTAKE_LESSON}"]`).click({ timeout: timeLeft() });
  await page.locator('#progress li[data-stage]').first().waitFor({ timeout: timeLeft() });
  await waitForPrompt();

  await pressCheck();
  const first = await shownCheck(MISTAKE_CHECK);
  if (first?.status !== 'failed') throw new Error(`${MISTAKE_CHECK} did not fail before solving: ${JSON.stringify(first)}`);
  const words = first.failure.map(([term, text]) => `${term}: ${text}`).join('; ');
  if (first.failure.length !== 2 || first.failure.some(([term, text]) => !HAN.test(term) || !HAN.test(text))) {
    throw new Error(`the failed check ${MISTAKE_CHECK} does not show an expected and an observed in Chinese: ${words || first.text}`);
  }
  if (first.mistakes.length) {
    throw new Error(`a mistake hint shows before anything was typed: ${first.mistakes.map((m) => m.id).join(', ')}`);
  }
  log(`the failed check ${MISTAKE_CHECK} reads: ${words}`);

  log(`type "${MISTAKE_COMMAND}" into the terminal, press 检查 again`);
  await typeLine(MISTAKE_COMMAND);
  await waitForPromptAfter(MISTAKE_COMMAND);
  await pressCheck();
  const second = await shownCheck(MISTAKE_CHECK);
  const hint = second?.mistakes.find((m) => m.id === MISTAKE);
  if (second?.status !== 'failed' || !hint) {
    throw new Error(`after "${MISTAKE_COMMAND}" no ${MISTAKE} hint under the failed check ${MISTAKE_CHECK}: `
      + JSON.stringify(second));
  }
  if (!hint.shown) throw new Error(`the ${MISTAKE} hint is in the page but not visible`);
  const english = hint.prose.match(/[A-Za-z]{2,}[\s'’,]+[A-Za-z]{2,}/);
  if (!HAN.test(hint.prose) || english) {
    throw new Error(`the ${MISTAKE} hint is not in Chinese${english ? ` ("${english[0]}")` : ''}: ${hint.text}`);
  }
  log(`the mistake hint under ${MISTAKE_CHECK}: ${hint.text.slice(0, 60)}…`);
  await expectNoEnglish(`${MISTAKE_LESSON} after a failed check with its mistake hint`);
}

/** Presses Check and waits for its answer (the button is disabled while the server checks). */
async function pressCheck() {
  await page.locator('#check-button').click({ timeout: timeLeft() });
  await page.locator('#check-button:enabled').waitFor({ timeout: timeLeft() });
}

/**
 * A check as the page shows it: its status, its failure as [term, text] pairs (expected, observed) and the
 * mistake hints drawn under it, each with its prose (the text outside code) and whether it is visible.
 */
async function shownCheck(id) {
  return page.evaluate((id) => {
    const li = document.querySelector(`#checks li[data-check="${id}"]`);
    if (!li) return null;
    const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();
    return {
      status: li.dataset.status,
      text: text(li),
      failure: [...li.querySelectorAll('.check-failure dt')].map((dt) => [text(dt), text(dt.nextElementSibling)]),
      mistakes: [...li.querySelectorAll('.check-mistake')].map((element) => {
        const prose = element.cloneNode(true);
        prose.querySelectorAll('code, pre, button').forEach((code) => code.remove());
        return { id: element.dataset.mistake, text: text(element), prose: text(prose),
          shown: element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) };
      }),
    };
  }, id);
}

// --- helpers ---------------------------------------------------------------------------------------------

async function waitForPrompt() {
  const until = Date.now() + timeLeft();
  while (Date.now() < until) {
    if ((await terminalRows()).some((row) => PROMPT.test(row))) return;
    await page.waitForTimeout(100);
  }
  throw new Error('timed out waiting for the shell prompt');
}

/** Waits until the shell, having echoed `command`, shows a bare prompt below it: the command has run. */
async function waitForPromptAfter(command) {
  const start = command.slice(0, 14); // A long line may wrap on a phone's terminal; its start stays on one row.
  const until = Date.now() + timeLeft();
  let rows = [];
  while (Date.now() < until) {
    rows = await terminalRows();
    const typed = rows.findLastIndex((row) => row.includes(start));
    if (typed >= 0 && rows.slice(typed + 1).some((row) => PROMPT.test(row))) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for the prompt after "${command}"; the terminal shows:\n  ${rows.filter(Boolean).join('\n  ')}`);
}

/** The terminal's rendered rows (xterm.js's DOM renderer), right-trimmed, no-break spaces made plain. */
async function terminalRows() {
  return page.evaluate(() => [...document.querySelectorAll('#terminal .xterm-rows > div')]
    .map((row) => row.textContent.replace(/\u00a0/g, ' ').trimEnd()));
}

/** Types a line into the page's terminal, as a learner does, and presses Enter. */
async function typeLine(text) {
  await page.locator('#terminal .xterm-helper-textarea').focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

function isLoopback(url) {
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') return true;
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}

async function reportFailure(error) {
  console.error(`e2e FAILED after ${elapsed()}: ${error.message}`);
  if (browserLog.length) console.error(`the browser said:\n  ${[...new Set(browserLog)].join('\n  ')}`);
  if (!page) return;
  try {
    await mkdir(TARGET, { recursive: true });
    await page.screenshot({ path: FAILURE_SCREENSHOT, timeout: 5_000 });
    console.error(`screenshot: ${FAILURE_SCREENSHOT}`);
  } catch (e) {
    console.error(`(no screenshot: ${e.message})`);
  }
}

/** Ends the session the page started (it holds a lab host), closes the browser, removes its profile. */
async function cleanUp() {
  try {
    if (page) await Promise.race([page.evaluate(() => window.glassbox?.endSession?.()), sleep(3_000)]);
  } catch {
    // The page may be gone; the server's idle timeout ends the session then.
  }
  await Promise.race([context?.close(), sleep(5_000)]).catch(() => {});
  await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
