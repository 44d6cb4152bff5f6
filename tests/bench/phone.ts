/**
 * A fresh phone for the browser benchmarks: Debian's Chromium, a new profile, a 390×844 touch
 * screen in Nanjing (zh-CN), service workers blocked (page traffic only), the CPU throttled.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, NANJING } from '../e2e/fixtures';

export const THROTTLE = 4; // CPU slow-down of the phone profile

export interface Phone {
  browser: Browser;
  page: Page;
  cdp: CDPSession;
}

/** Launches the phone on the app at `url` (not opened yet); close it with `phone.browser.close()`. */
export async function freshPhone(url: string): Promise<Phone> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    baseURL: url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN',
    serviceWorkers: 'block', geolocation: NANJING, permissions: ['geolocation'],
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return { browser, page, cdp };
}

/** The machine's CPU time so far (all cores): busy and total jiffies, from /proc/stat. */
function cpuTimes(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = fields.map(Number), total = n.reduce((s, x) => s + x, 0);
  return { busy: total - n[3] - (n[4] ?? 0), total }; // idle and iowait are not busy
}

/**
 * Resolves once the machine has been quiet (under a fifth of its CPU busy) for half a second, or
 * after `most` ms: a phone run measures a warm server that is not still working for the run
 * before it (a country's offline copy built in the background) — as a real visitor meets it.
 */
export async function machineQuiet(most = 60_000): Promise<void> {
  const end = Date.now() + most;
  let last = cpuTimes();
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 500)); // the sampling interval of the condition
    const now = cpuTimes();
    const busy = (now.busy - last.busy) / Math.max(1, now.total - last.total);
    last = now;
    if (busy < 0.2) return;
  }
}

/** The child that watches for stalls: wakes every 10 ms, adds up the waits beyond that (over 5 ms), tells them when stdin ends. */
const STALL_WATCH = `let last = performance.now(), longest = 0, total = 0;
setInterval(() => { const now = performance.now(), late = now - last - 10; last = now; if (late > 5) { total += late; longest = Math.max(longest, late); } }, 10);
process.stdin.on('end', () => process.stdout.write(JSON.stringify({ longest: Math.round(longest), total: Math.round(total) }), () => process.exit(0))).resume();`;

/** How long the machine stalled during a run (ms): all the stalls, and the longest. */
export interface Stalls {
  total: number;
  longest: number;
}

/**
 * Runs `run` while watching the machine: a child process at the highest priority it may take wakes
 * every 10 ms and adds up how late it wakes; resolves with run's value and those stalls. On the
 * project's 2-core VM a fresh Chromium stalls even such a process for 100–600 ms at times (busy
 * loops at normal priority never do): the stalls land in that run's first markers, or ×4 in a
 * Lighthouse task. The benches print them beside each run, so a slow run can be told from a slow app.
 */
export async function watchingStalls<T>(run: () => Promise<T>): Promise<[T, Stalls]> {
  const child = spawn(process.execPath, ['-e', STALL_WATCH], { stdio: ['pipe', 'pipe', 'ignore'] });
  try {
    setPriority(child.pid!, -20);
  } catch { /* not permitted: the watch runs at normal priority, and may see the machine's own load */ }
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  const stalls = new Promise<Stalls>((resolve) => child.once('exit', () => resolve(out ? (JSON.parse(out) as Stalls) : { total: NaN, longest: NaN })));
  const stop = () => (child.stdin!.end(), stalls);
  let value: T;
  try {
    value = await run();
  } catch (e) {
    await stop();
    throw e;
  }
  return [value, await stop()];
}

/** Stalls as a bench note shows them: "310 (longest 97)". */
export const stallText = (s: Stalls) => `${s.total} (longest ${s.longest})`;
