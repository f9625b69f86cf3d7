// What the browser tests share: Debian's Chromium through playwright-core (which never downloads a browser),
// the flags that keep it off the network and out of the way, and a clock with a hard time limit.

/** Debian's Chromium; the tests never use another browser. */
export const CHROMIUM = '/usr/bin/chromium';
/** Headless, no first-run or background traffic, no sync or component updates: the browser reaches loopback only. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

/** playwright-core's chromium, after checking Node.js is new enough; exits 1 with the reason otherwise. */
export async function loadChromium() {
  if (Number(process.versions.node.split('.')[0]) < 20) {
    console.error(`e2e: needs Node.js 20 or newer (playwright-core does), this is ${process.version}`);
    process.exit(1);
  }
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    console.error('e2e: playwright-core is not installed: run `npm ci` in frontend/ (the Maven build does, unless -DskipFrontend)');
    process.exit(1);
  }
}

/**
 * Starts the test's clock: the process exits 1 after `limitMs` whatever happens (a browser that hangs outright;
 * exiting makes playwright-core kill the Chromium it launched). Every wait should end before the deadline less
 * `reserveMs`, which is kept for the failure report: `timeLeft()` says how long a wait may take.
 */
export function startClock(limitMs, reserveMs) {
  const started = Date.now();
  const deadline = started + limitMs;
  setTimeout(() => {
    console.error(`e2e FAILED: over the time limit of ${limitMs / 1000}s`);
    process.exit(1);
  }, limitMs).unref();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  return {
    elapsed,
    log: (text) => console.log(`e2e [${elapsed()}] ${text}`),
    timeLeft: () => Math.max(1_000, deadline - reserveMs - Date.now()),
  };
}
