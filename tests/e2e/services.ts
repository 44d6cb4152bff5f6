/**
 * The shared services of one `vitest run`: local tiles, the compiled API server with a temp
 * database, and one Chromium (a Playwright browser server). Started once by the first e2e file
 * (see harness.ts) as a detached process; it writes state.json and exits — stopping everything —
 * when the vitest process that started it is gone (or after 20 minutes at most).
 *
 * usage: node --import tsx tests/e2e/services.ts STATE_DIR VITEST_PID
 */
import { chromium } from 'playwright-core';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAppServer } from './app-server';
import { CHROMIUM, CHROMIUM_ARGS, EXTRA_STATIONS } from './fixtures';
import { startTileServer } from './tiles';

const [dir, parent] = process.argv.slice(2);
const MAX_LIFE_MS = 20 * 60_000;

const tiles = await startTileServer();
const app = await startAppServer({ dir, tileUrl: tiles.url, demoStations: 1500, extraStations: EXTRA_STATIONS });
const browser = await chromium.launchServer({ executablePath: CHROMIUM, headless: false, args: CHROMIUM_ARGS }).catch((e: unknown) => {
  app.stop(); // not left running with no one to stop it (no Chromium here, say)
  throw e;
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  app.stop();
  await browser.close().catch(() => {});
  await tiles.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
setInterval(() => !alive(Number(parent)) && void stop(), 500);
setTimeout(() => void stop(), MAX_LIFE_MS);
process.on('SIGTERM', () => void stop());

writeFileSync(join(dir, 'state.json'), JSON.stringify({ baseUrl: app.url, tileUrl: tiles.url, wsEndpoint: browser.wsEndpoint(), pid: process.pid }));
