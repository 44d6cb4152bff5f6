/**
 * A fresh phone for the browser benchmarks: Debian's Chromium, a new profile, a 390×844 touch
 * screen in Nanjing (zh-CN), service workers blocked (page traffic only), the CPU throttled.
 */
import { readFileSync } from 'node:fs';
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
