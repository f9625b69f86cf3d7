// The kernel state panel: what the kernel says about the terminal's foreground process right now (GET
// /api/sessions/{id}/state, or a pushed {"type":"state"}): its 8 namespaces, shared with the lab host or its
// own, hostname, PID, root filesystem, memory and interfaces. This is the "glass" of Glassbox.
//
// It reads the state when it opens, when asked (after a check), and otherwise at most every POLL_MS while it
// is open and the page visible; a push counts as a read, so a server that pushes is never polled on top.

import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';

/** The namespace types, in the order people usually list them. */
const NAMESPACE_TYPES = ['user', 'mnt', 'pid', 'uts', 'ipc', 'net', 'cgroup', 'time'];
/** No read within this long (push or poll): read again. Never less than 3 s. */
const POLL_MS = 5_000;
const OPEN_KEY = 'glassbox.kernelOpen';

export class KernelPanel {
  /**
   * @param {object} options
   * @param {HTMLDetailsElement} options.details the collapsible panel
   * @param {HTMLElement} options.body where the state is drawn
   * @param {HTMLElement} options.target the summary's "of the shell"
   * @param {() => Promise<object>} options.load reads the state (GET .../state)
   * @param {(error: Error) => boolean} options.onError told about a failed read first; true means handled
   */
  constructor({ details, body, target, load, onError }) {
    this.details = details;
    this.body = body;
    this.target = target;
    this.load = load;
    this.onError = onError;
    this.state = null;
    this.error = null;
    this.unsupported = false; // The server has no /state (404 for the path): only pushes can fill the panel.
    this.lastRead = 0;
    this.inFlight = null;
    this.timer = null;
    this.onToggle = () => {
      rememberOpen(this.details.open);
      if (this.details.open && Date.now() - this.lastRead >= POLL_MS) this.refresh();
    };
  }

  /** Shows the panel (open as the learner last left it), reads the state and starts the slow poll. */
  start() {
    this.details.open = wasOpen();
    this.details.addEventListener('toggle', this.onToggle);
    this.draw();
    this.refresh();
    this.timer = setInterval(() => {
      if (this.details.open && !document.hidden && !this.inFlight && Date.now() - this.lastRead >= POLL_MS) {
        this.refresh();
      }
    }, 1_000);
  }

  stop() {
    clearInterval(this.timer);
    this.details.removeEventListener('toggle', this.onToggle);
    this.timer = null;
  }

  /** A state pushed over the terminal WebSocket. */
  update(state) {
    this.lastRead = Date.now();
    this.state = state;
    this.error = null;
    this.draw();
  }

  /** Reads the state now (one read at a time; asking during one waits for it). */
  refresh() {
    if (this.unsupported) return Promise.resolve();
    if (this.inFlight) return this.inFlight;
    this.lastRead = Date.now();
    this.inFlight = this.load()
      .then((state) => this.update(state))
      .catch((error) => {
        if (this.onError(error)) return;
        if (error.status === 404) this.unsupported = true;
        this.error = error.message;
        this.draw();
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** Draws what it knows, in the language now in use. */
  draw() {
    this.target.textContent = this.state?.target ? t('kernel.of', { target: targetName(this.state.target) }) : '';
    if (!this.state) {
      replaceChildren(this.body, h('p', { class: 'kernel-note' },
        this.error ? t('kernel.unavailable', { message: this.error }) : t('kernel.loading')));
      return;
    }
    const s = this.state;
    replaceChildren(this.body,
      namespaces(s.namespaces),
      h('dl', { class: 'kernel-facts' },
        fact(t('kernel.hostname'), s.hostname ? h('code', {}, s.hostname) : unknown()),
        fact(t('kernel.pid'), pid(s)),
        fact(t('kernel.root'), root(s.root)),
        fact(t('kernel.memory'), memory(s.memory)),
        fact(t('kernel.interfaces'), interfaces(s.interfaces))),
      this.error ? h('p', { class: 'kernel-note' }, t('kernel.unavailable', { message: this.error })) : null);
  }
}

/**
 * The process the panel describes, in the page's language. The server names it in English, in one of two
 * forms (TargetResolver: "the shell", "the foreground process (comm)"); anything else is shown as it came, so
 * a server that names it in the reader's language already needs nothing from here.
 */
export function targetName(name) {
  if (name === 'the shell') return t('kernel.target.shell');
  const foreground = /^the foreground process \((.+)\)$/.exec(name);
  return foreground ? t('kernel.target.foreground', { command: foreground[1] }) : name;
}

// --- the parts --------------------------------------------------------------------------------------------

function namespaces(list) {
  const byType = new Map((list || []).map((ns) => [ns.type, ns]));
  return h('div', { class: 'kernel-ns' },
    h('p', { class: 'kernel-label' }, t('kernel.namespaces'),
      h('span', { class: 'kernel-legend', 'aria-hidden': 'true' },
        h('span', { class: 'ns-key ns-own' }), t('kernel.legendOwn'),
        h('span', { class: 'ns-key ns-shared' }), t('kernel.legendShared'))),
    h('ul', { class: 'ns-chips' }, NAMESPACE_TYPES.map((type) => {
      const ns = byType.get(type);
      const kind = !ns ? 'unknown' : ns.shared ? 'shared' : 'own';
      const words = kind === 'unknown' ? t('kernel.unknown') : t(`kernel.${kind}`);
      const title = ns ? t('kernel.nsTitle', { id: ns.id ?? '?', labHost: ns.labHostId ?? '?' }) : t('kernel.unknown');
      return h('li', { class: `ns-chip ns-${kind}`, title, 'data-ns': type, 'data-kind': kind },
        h('span', { class: 'ns-type' }, type),
        h('span', { class: 'visually-hidden' }, `: ${words}`));
    })));
}

function fact(label, value) {
  return h('div', { class: 'kernel-fact' }, h('dt', {}, label), h('dd', {}, value));
}

function pid(s) {
  if (s.pidInNamespace == null && s.pid == null) return unknown();
  return t('kernel.pidValue', { inNs: s.pidInNamespace ?? '?', pid: s.pid ?? '?' });
}

function root(r) {
  if (!r) return unknown();
  const layers = Array.isArray(r.lowerLayers) && r.lowerLayers.length
    ? h('div', { class: 'kernel-layers' }, `${t('kernel.layers')} (${r.lowerLayers.length}):`,
      h('ol', {}, r.lowerLayers.map((layer) => h('li', {}, h('code', {}, String(layer))))))
    : null;
  return [
    t('kernel.rootAt', { fsType: r.fsType ?? '?', source: r.source ?? '?', root: r.root ?? '?' }),
    r.jail && r.jail !== '/' ? ` · ${t('kernel.chroot', { jail: r.jail })}` : null,
    layers,
  ];
}

function memory(m) {
  if (!m) return unknown();
  const usage = m.usageBytes == null ? t('kernel.unknown') : bytes(m.usageBytes);
  const limit = m.limitBytes == null ? t('kernel.unlimited') : bytes(m.limitBytes);
  const meter = m.limitBytes && m.usageBytes != null
    ? h('span', { class: 'kernel-meter', 'aria-hidden': 'true' },
      h('span', { style: `width: ${Math.min(100, (100 * m.usageBytes) / m.limitBytes).toFixed(1)}%` }))
    : null;
  return [t('kernel.memoryValue', { usage, limit }), meter];
}

function interfaces(list) {
  if (!list) return unknown();
  return h('ul', { class: 'kernel-ifaces' }, list.map((iface) => h('li', {},
    h('span', { class: `if-state if-${iface.up ? 'up' : 'down'}` }, iface.up ? t('kernel.up') : t('kernel.down')),
    ' ', h('code', {}, iface.name), iface.kind ? h('span', { class: 'if-kind' }, ` ${iface.kind}`) : null,
    ' ', iface.addresses?.length
      ? iface.addresses.map((address, i) => [i ? ', ' : '', h('code', { class: 'if-addr' }, address)])
      : h('span', { class: 'if-kind' }, t('kernel.noAddress')))));
}

function unknown() {
  return h('span', { class: 'kernel-unknown' }, t('kernel.unknown'));
}

/** Bytes in the units `free -h` uses: 512 MiB, 10.5 MiB, 980 KiB. */
export function bytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = Number(n);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 100 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}

function wasOpen() {
  try {
    return localStorage.getItem(OPEN_KEY) !== 'false';
  } catch {
    return true;
  }
}

function rememberOpen(open) {
  try {
    localStorage.setItem(OPEN_KEY, String(open));
  } catch {
    // Storage off: it opens by default next time.
  }
}
