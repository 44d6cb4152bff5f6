/**
 * The offline copy's budgets (ENGINEERING.md): the first full sync of 10 k and 100 k stations
 * (bytes on the wire, and the time the phone takes to download, decode and store it), the delta
 * of one change (bytes), IndexedDB → the nearest index at start (median of three), and an offline nearest answer —
 * the last three in Debian's Chromium with the CPU throttled 4× (CDP), as a cheap phone. Times
 * come from the app's own User Timing entries (yizhan:sync, yizhan:load-copy, yizhan:local-answer).
 */
import type { Page } from 'playwright-core';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { syncBody } from '../../api/sync-body';
import { openSqliteStore } from '../../api/store/sqlite';
import { localDate } from '../../data/merchants';
import { canonicalStation } from '../../data/records';
import { ensureBuilt, startAppServer } from '../e2e/app-server';
import { startTileServer } from '../e2e/tiles';
import { makeDb } from './api';
import { THROTTLE, freshPhone } from './phone';
import { median, type Row } from './table';

/** Starts timed for the copy's load (the median is reported). */
const LOAD_RUNS = 3;
const kb = (b: number) => Math.round(b / 102.4) / 10;
const br = (s: string) => brotliCompressSync(s, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Wire sizes of the full sync and of a one-change delta, from a database of `n` stations. */
async function sizes(path: string, n: number): Promise<Row[]> {
  const store = openSqliteStore(path);
  try {
    const day = localDate(new Date());
    const v = await store.version();
    const full = await syncBody(store, 0, day);
    const doc = JSON.parse((await store.stationDoc('demo-s-000001'))!);
    await store.upsertStations([canonicalStation({ ...doc, name: `${doc.name}（新）` }, new Date().toISOString())]);
    const delta = await syncBody(store, v, day);
    const k = `${n / 1000} k`;
    return [
      { name: `sync full ${k} (brotli / gzip)`, value: kb(br(full)), unit: 'KB', note: `gzip ${kb(gzipSync(full, { level: 9 }).length)} KB, JSON ${kb(full.length)} KB${n === 10_000 ? '; bar ≤ 400 KB' : ''}` },
      { name: `sync delta, one change (${k}, gzip)`, value: gzipSync(delta, { level: 9 }).length, unit: 'B', note: `brotli ${br(delta)} B, JSON ${delta.length} B; bar ≤ 2 KB` },
    ];
  } finally {
    await store.close();
  }
}

/** Waits for the app's User Timing entry `name` (the `nth`, counting from 1) and returns its duration. */
async function measured(page: Page, name: string, nth = 1, timeoutMs = 180_000): Promise<number> {
  const handle = await page.waitForFunction(
    ([n, k]) => {
      const e = performance.getEntriesByName(n as string);
      return e.length >= (k as number) ? e[(k as number) - 1].duration : null;
    },
    [name, nth] as const,
    { timeout: timeoutMs, polling: 100 },
  );
  return (await handle.jsonValue()) as number;
}

/** The duration of the first User Timing entry `name` whose detail has `want` (e.g. the whole-country sync). */
async function measuredWant(page: Page, name: string, want: string, timeoutMs = 180_000): Promise<number> {
  const handle = await page.waitForFunction(
    ([n, w]) => {
      const e = performance.getEntriesByName(n).find((m) => (m as PerformanceMeasure).detail?.want === w);
      return e ? e.duration : null;
    },
    [name, want] as const,
    { timeout: timeoutMs, polling: 100 },
  );
  return (await handle.jsonValue()) as number;
}

/** Last local answer's duration after `act` changed the list. */
async function localAnswer(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate(() => performance.clearMeasures('yizhan:local-answer'));
  await act();
  return measured(page, 'yizhan:local-answer', 1, 60_000);
}

/** Sync, load and query times in a throttled Chromium against a server holding `n` stations. */
async function browserRows(url: string, n: number): Promise<Row[]> {
  const { browser, page } = await freshPhone(url);
  try {
    await page.goto('/');
    // the region around the person first, then (an unmetered connection) the whole country
    const region = await measuredWant(page, 'yizhan:sync', 'region');
    const sync = await measuredWant(page, 'yizhan:sync', 'all', 600_000);
    const wires = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.includes('/api/sync?')).map((e) => ({ url: e.name, transfer: e.transferSize })));
    const regionWire = wires.find((w) => w.url.includes('near='));
    const wire = wires.find((w) => !w.url.includes('near='));
    const stored = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    // the copy loaded at start, on LOAD_RUNS starts (one start swings by a few hundred ms on this machine;
    // the first, right after the country's write, is often the slowest)
    const loads: number[] = [], reads: number[] = [];
    for (let k = 0; k < LOAD_RUNS; k++) {
      await page.reload();
      loads.push(await measured(page, 'yizhan:load-copy'));
      // its parts, from the marks loadEngine sets: reading IndexedDB, then merging and indexing
      reads.push(await page.evaluate(() => {
        const t0 = performance.getEntriesByName('yizhan:load-copy')[0].startTime;
        return performance.getEntriesByName('yizhan:load-copy:read')[0].startTime - t0;
      }));
      await page.locator('li.row').first().waitFor(); // the start done before the next
    }
    await page.locator('li.row').first().waitFor();
    await page.waitForTimeout(500);
    const chip = (name: string) => () => page.getByRole('button', { name, exact: true }).click();
    const answers: number[] = [];
    for (const name of ['营业中', '营业中', '24 小时', '24 小时', '营业中', '营业中']) answers.push(await localAnswer(page, chip(name)));
    const k = `${n / 1000} k`;
    return [
      { name: `first sync: the region ${k} (${THROTTLE}× CPU)`, value: Math.round(region), unit: 'ms', note: `${regionWire ? `${kb(regionWire.transfer)} KB on the wire` : ''}` },
      { name: `then the whole country ${k} (${THROTTLE}× CPU)`, value: Math.round(sync), unit: 'ms', note: `download + decode + IndexedDB write; ${wire ? `${kb(wire.transfer)} KB on the wire` : ''}, stored ≈ ${kb(stored)} KB` },
      {
        name: `IndexedDB → nearest index ${k} (${THROTTLE}× CPU)`, value: Math.round(median(loads)), unit: 'ms',
        note: `${n === 100_000 ? 'bar ≤ 1500 ms; ' : ''}median of ${LOAD_RUNS} starts: ${loads.map(Math.round).join(' / ')}; of which reading IndexedDB ${Math.round(median(reads))} ms (the rest: merging and indexing, between the first screen's tasks)`,
      },
      { name: `offline nearest-20 + records ${k} (${THROTTLE}× CPU)`, value: Math.round(median(answers) * 10) / 10, unit: 'ms', note: `median of ${answers.length}; first ${Math.round(answers[0])} ms (decodes the chunks shown)` },
    ];
  } finally {
    await browser.close();
  }
}

/** All offline rows: sizes in-process, times in Chromium. */
export async function benchOffline(): Promise<Row[]> {
  ensureBuilt();
  const rows: Row[] = [];
  const tiles = await startTileServer();
  try {
    for (const n of [10_000, 100_000]) {
      const dir = mkdtempSync(join(tmpdir(), 'yizhan-bench-offline-'));
      try {
        const path = await makeDb(dir, n);
        rows.push(...(await sizes(path, n)));
        renameSync(path, join(dir, 'yizhan.db')); // where startAppServer looks; not empty, so not seeded
        const app = await startAppServer({ dir, tileUrl: tiles.url });
        try {
          // The server compresses a (since, version) body once and keeps it: time that first request
          // apart, so the phone's sync time below is the phone's.
          const t0 = performance.now();
          await (await fetch(`${app.url}/api/sync?since=0`, { headers: { 'accept-encoding': 'br, gzip' } })).arrayBuffer();
          rows.push({ name: `server: first /api/sync?since=0 ${n / 1000} k`, value: Math.round(performance.now() - t0), unit: 'ms', note: 'encode + gzip + brotli q11, once per version (cached after)' });
          rows.push(...(await browserRows(app.url, n)));
        } finally {
          app.stop();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await tiles.close();
  }
  return rows;
}
