// The page's own words (buttons, status, labels) in English and Simplified Chinese, and the learner's choice
// of language. Lesson texts are not here: the server sends them in the language asked for (?lang=).
//
// t('key', {name: value}) answers the string with {name} replaced; a key missing in Chinese falls back to
// English, a key missing everywhere shows itself, so a typo is visible rather than blank. Elements of the
// server-rendered page carry data-i18n="key" (their text), data-i18n-aria-label, data-i18n-title or
// data-i18n-placeholder="key", and apply() fills them. The workshop pages' words live in strings/, merged here.

import { REPLAY_STRINGS } from './strings/replay-strings.js';
import { STAFF_STRINGS } from './strings/staff-strings.js';
import { WORKSHOP_STRINGS } from './strings/workshop-strings.js';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '中文' },
];

const BASE_STRINGS = {
  en: {
    'page.tagline': 'Build a container by hand, one kernel primitive at a time, in a Linux lab host of your own.',
    'page.language': 'Language',
    'page.noscript': 'Glassbox needs JavaScript for its terminal.',
    'picker.intro': 'Each session starts a small, disposable Linux machine made of real namespaces and cgroups, '
      + 'with a terminal here in the browser. Pick a lesson, or explore freely.',
    'picker.lessons': 'Lessons',
    'picker.noLessons': 'No lessons yet.',
    'picker.sandbox': 'Sandbox',
    'picker.sandboxText': 'A lab host with no lesson: a root shell, the busybox and web images, and "the internet".',
    'picker.freeSandbox': 'Free sandbox',
    'session.new': 'New session',
    'session.end': 'End session',
    'terminal.label': 'Terminal',
    'terminal.input': 'Terminal input',
    'terminal.exited': '[shell exited with status {code} — press Enter for a new shell]',

    'status.starting': 'starting a lab host…',
    'status.couldNotStart': 'could not start a lab host',
    'status.noSession': 'no session: pick a lesson or the free sandbox',
    'status.sessionEnded': 'session ended',
    'status.couldNotEnd': 'could not end the session: {message}',
    'status.connecting': 'connecting…',
    'status.connected': 'connected',
    'status.reconnecting': 'reconnecting',
    'status.retryIn': ' in {seconds}s',
    'status.closed': 'closed: {reason}',
    'status.viewOnly': 'view only: another window took control',
    'status.exited': 'shell exited with status {code} — press Enter for a new shell',
    'status.error': 'error: {message}',
    'status.takeControl': 'Take control',
    'close.default': 'connection closed',
    'close.1006': 'connection lost',
    'close.1009': 'message too big',
    'close.1011': 'server error',
    'close.1012': 'server restarting',
    'close.other': 'closed (code {code})',
    'close.ended': 'session ended',

    'lesson.label': 'Lesson',
    'lesson.loading': 'Loading the lesson…',
    'lesson.stages': 'Stages',
    'lesson.stageOf': 'Stage {n} of {total}',
    'lesson.segment': 'Stage {n}: {title} ({state})',
    'lesson.state.passed': 'passed',
    'lesson.state.current': 'current',
    'lesson.state.todo': 'to do',
    'lesson.viewingPassed': 'You passed this stage already.',
    'lesson.backToCurrent': 'Back to stage {n}',
    'lesson.gone': 'This lesson is no longer available: {message}',
    'lesson.sessionGone': 'The session has ended: {message}',

    'checks.heading': 'Checks',
    'checks.pending': 'not checked yet',
    'checks.passed': 'passed',
    'checks.failed': 'failed',
    'checks.expected': 'Expected',
    'checks.observed': 'Observed',

    'action.check': 'Check',
    'action.checking': 'Checking…',
    'action.hint': 'Hint',
    'action.noMoreHints': 'No more hints',
    'action.showMe': 'Show me',
    'action.solveConfirm': 'This types the answer into your terminal. Go ahead?',
    'action.solving': 'Typing the answer…',
    'action.run': 'Run',
    'action.runTitle': 'Type this into the terminal',
    'action.notConnected': 'The terminal is not ready for typing: nothing was typed.',

    'hint.counter': 'Hint {n} of {total}',
    'hint.offer': 'Show hint {n} of {total}',

    'result.notYet': 'Not yet: {failed} of {total} checks do not pass.',
    'result.stagePassed': 'Stage {n} passed!',
    'result.lessonDone': 'Lesson complete!',
    'result.checkFailed': 'The check could not run: {message}',
    'result.solveFailed': '"Show me" failed: {message}',

    'done.heading': 'What Docker does here',
    'done.finished': 'You finished this lesson.',
    'done.back': 'Back to the lessons',

    'kernel.heading': 'Kernel state',
    'kernel.of': 'of {target}',
    'kernel.target.shell': 'the shell',
    'kernel.target.foreground': 'the foreground process ({command})',
    'kernel.refresh': 'Refresh',
    'kernel.loading': 'Reading the kernel…',
    'kernel.unavailable': 'The kernel state is not available: {message}',
    'kernel.namespaces': 'Namespaces',
    'kernel.shared': 'shared with lab host',
    'kernel.own': 'own',
    'kernel.nsTitle': '{id} — lab host: {labHost}',
    'kernel.hostname': 'Hostname',
    'kernel.pid': 'PID',
    'kernel.pidValue': '{inNs} in its namespace · {pid} on the machine',
    'kernel.root': 'Root filesystem',
    'kernel.rootAt': '{fsType} “{source}”, {root}',
    'kernel.chroot': 'chrooted to {jail}',
    'kernel.layers': 'overlay layers',
    'kernel.memory': 'Memory',
    'kernel.memoryValue': '{usage} used of {limit}',
    'kernel.unlimited': 'unlimited',
    'kernel.interfaces': 'Interfaces',
    'kernel.up': 'up',
    'kernel.down': 'down',
    'kernel.noAddress': 'no address',
    'kernel.unknown': 'unknown',
    'kernel.legendShared': 'shared with the lab host',
    'kernel.legendOwn': 'its own',
  },
  'zh-CN': {
    'page.tagline': '在属于你自己的 Linux 实验主机里，一次一个内核原语，亲手搭建一个容器。',
    'page.language': '语言',
    'page.noscript': 'Glassbox 的终端需要 JavaScript。',
    'picker.intro': '每个会话都会启动一台小型、用完即弃的 Linux 机器，由真实的命名空间和 cgroup 构成，'
      + '并在浏览器里给你一个终端。选择一节课程，或者自由探索。',
    'picker.lessons': '课程',
    'picker.noLessons': '还没有课程。',
    'picker.sandbox': '沙盒',
    'picker.sandboxText': '一台没有课程的实验主机：root shell、busybox 和 web 镜像，以及“互联网”。',
    'picker.freeSandbox': '自由沙盒',
    'session.new': '新会话',
    'session.end': '结束会话',
    'terminal.label': '终端',
    'terminal.input': '终端输入',
    'terminal.exited': '[shell 已退出，状态码 {code}，按回车启动新的 shell]',

    'status.starting': '正在启动实验主机…',
    'status.couldNotStart': '无法启动实验主机',
    'status.noSession': '没有会话：请选择一节课程或自由沙盒',
    'status.sessionEnded': '会话已结束',
    'status.couldNotEnd': '无法结束会话：{message}',
    'status.connecting': '正在连接…',
    'status.connected': '已连接',
    'status.reconnecting': '正在重新连接',
    'status.retryIn': '，{seconds} 秒后',
    'status.closed': '已关闭：{reason}',
    'status.viewOnly': '只读：另一个窗口接管了控制',
    'status.exited': 'shell 已退出，状态码 {code}，按回车启动新的 shell',
    'status.error': '错误：{message}',
    'status.takeControl': '接管控制',
    'close.default': '连接已关闭',
    'close.1006': '连接中断',
    'close.1009': '消息过大',
    'close.1011': '服务器错误',
    'close.1012': '服务器正在重启',
    'close.other': '已关闭（代码 {code}）',
    'close.ended': '会话已结束',

    'lesson.label': '课程',
    'lesson.loading': '正在加载课程…',
    'lesson.stages': '阶段',
    'lesson.stageOf': '第 {n} 阶段，共 {total} 个',
    'lesson.segment': '第 {n} 阶段：{title}（{state}）',
    'lesson.state.passed': '已通过',
    'lesson.state.current': '进行中',
    'lesson.state.todo': '未开始',
    'lesson.viewingPassed': '你已经通过了这个阶段。',
    'lesson.backToCurrent': '回到第 {n} 阶段',
    'lesson.gone': '这节课程已不可用：{message}',
    'lesson.sessionGone': '会话已结束：{message}',

    'checks.heading': '检查项',
    'checks.pending': '尚未检查',
    'checks.passed': '通过',
    'checks.failed': '未通过',
    'checks.expected': '期望',
    'checks.observed': '实际',

    'action.check': '检查',
    'action.checking': '正在检查…',
    'action.hint': '提示',
    'action.noMoreHints': '没有更多提示了',
    'action.showMe': '演示给我看',
    'action.solveConfirm': '这会把答案输入到你的终端里。继续吗？',
    'action.solving': '正在输入答案…',
    'action.run': '运行',
    'action.runTitle': '把它输入到终端里',
    'action.notConnected': '终端现在无法输入：什么也没有输入。',

    'hint.counter': '提示 {n} / {total}',
    'hint.offer': '查看提示 {n} / {total}',

    'result.notYet': '还没完成：{total} 项检查中有 {failed} 项未通过。',
    'result.stagePassed': '第 {n} 阶段通过！',
    'result.lessonDone': '课程完成！',
    'result.checkFailed': '检查无法运行：{message}',
    'result.solveFailed': '“演示给我看”失败：{message}',

    'done.heading': 'Docker 在这里做了什么',
    'done.finished': '你完成了这节课程。',
    'done.back': '返回课程列表',

    'kernel.heading': '内核状态',
    'kernel.of': '{target}',
    'kernel.target.shell': '当前 shell',
    'kernel.target.foreground': '前台进程（{command}）',
    'kernel.refresh': '刷新',
    'kernel.loading': '正在读取内核…',
    'kernel.unavailable': '无法获取内核状态：{message}',
    'kernel.namespaces': '命名空间',
    'kernel.shared': '与实验主机共享',
    'kernel.own': '独立',
    'kernel.nsTitle': '{id} — 实验主机：{labHost}',
    'kernel.hostname': '主机名',
    'kernel.pid': 'PID',
    'kernel.pidValue': '命名空间内 {inNs} · 机器上 {pid}',
    'kernel.root': '根文件系统',
    'kernel.rootAt': '{fsType}“{source}”，{root}',
    'kernel.chroot': 'chroot 到 {jail}',
    'kernel.layers': 'overlay 层',
    'kernel.memory': '内存',
    'kernel.memoryValue': '已用 {usage}，上限 {limit}',
    'kernel.unlimited': '无限制',
    'kernel.interfaces': '网络接口',
    'kernel.up': '启用',
    'kernel.down': '停用',
    'kernel.noAddress': '无地址',
    'kernel.unknown': '未知',
    'kernel.legendShared': '与实验主机共享',
    'kernel.legendOwn': '独立的',
  },
};

const STRINGS = Object.fromEntries(LANGUAGES.map(({ code }) => [code, {
  ...BASE_STRINGS[code], ...WORKSHOP_STRINGS[code], ...STAFF_STRINGS[code], ...REPLAY_STRINGS[code],
}]));

const KEY = 'glassbox.lang';
const listeners = new Set();
let current = initialLanguage();

/** The language in use: the learner's stored choice, else the browser's preference, else English. */
export function language() {
  return current;
}

/** The language the reader chose with the switch (stored), or null when they never did. */
export function chosenLanguage() {
  try {
    return supported(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

/**
 * Switches language, remembers it (localStorage: it is a preference, not a session) and tells listeners.
 * `remember: false` switches without storing it (a workshop's default language, not the reader's choice).
 */
export function setLanguage(code, { remember = true } = {}) {
  const chosen = supported(code) || 'en';
  if (remember) {
    try {
      localStorage.setItem(KEY, chosen);
    } catch {
      // Storage off: the choice lasts until the page reloads.
    }
  }
  if (chosen === current) return;
  current = chosen;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = chosen;
    apply(document);
  }
  for (const listener of listeners) listener(chosen);
}

/** Calls `listener(code)` after every switch; answers a function that stops it. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The string for `key` in the current language, with {name} placeholders filled from `params`. */
export function t(key, params = {}) {
  const text = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Whether `key` has a string (for optional ones such as close.<code>). */
export function has(key) {
  return key in STRINGS.en;
}

/** The keys of a language's strings (for the test that every English string has its Chinese one). */
export function keys(code) {
  return Object.keys(STRINGS[code] || {});
}

/**
 * Fills the elements under `root` that name a string: data-i18n (text), data-i18n-aria-label,
 * data-i18n-title and data-i18n-placeholder.
 */
export function apply(root) {
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of root.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  }
  for (const element of root.querySelectorAll('[data-i18n-title]')) {
    element.setAttribute('title', t(element.dataset.i18nTitle));
  }
  for (const element of root.querySelectorAll('[data-i18n-placeholder]')) {
    element.setAttribute('placeholder', t(element.dataset.i18nPlaceholder));
  }
}

function initialLanguage() {
  let stored = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    // Storage off.
  }
  // No navigator outside a browser (the unit tests): English then.
  const browser = typeof navigator === 'undefined' ? [] : (navigator.languages || [navigator.language]);
  const preferred = [stored, ...browser].map(supported).find(Boolean);
  return preferred || 'en';
}

/** The supported language a tag means (zh, zh-TW... read Simplified Chinese, as the server decides), or null. */
function supported(tag) {
  if (!tag) return null;
  const lower = String(tag).toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return null;
}
