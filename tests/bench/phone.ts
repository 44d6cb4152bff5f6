/**
 * A fresh phone for the browser benchmarks: Debian's Chromium, a new profile, a 390×844 touch
 * screen in Nanjing (zh-CN), service workers blocked (page traffic only), the CPU throttled.
 */
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
