/**
 * The offline side of the app, loaded after the first paint (its own chunk, with idb, the sync
 * codec and the indexes): loads the IndexedDB copy into memory, keeps it current — on start, when
 * the network returns, every SYNC_EVERY_MS while the app is open; the region around the person
 * first (on a first visit once the page is quiet), the whole country when the page is quiet and
 * only on an unmetered connection and a phone with the memory for it, or when asked (copy-plan.ts)
 * — asks for persistent storage,
 * and sends the outbox of reports (when the network returns, and again when a failed try's back-off
 * ends; also handing it to Background Sync for when the page is gone).
 */
import { clearCopy, openDb, outboxItems, readCopyMeta, type CopyMeta, type Db, type OutboxItem } from './db';
import { ApiError } from './http';
import type { CopySlot } from './offline-api';
import type { Engine } from './offline-engine';
import { answeredBy, offlineState, setOfflineState, type CopyInfo } from './offline-status';
import { OUTBOX_SYNC_TAG, enqueueReport, flushOutbox, markTold, retrySoon } from './outbox';
import { reportBody, type ReportDraft } from './reports';
import { requestBackgroundSync } from './sw-bridge';
import { fetchFullSize, syncOnce, type FullSize, type SyncProgress, type SyncWant } from './sync';
import { holdsCountry, isMetered, planSync, type ConnectionInfo } from './copy-plan';
import { loadPosition, saveOfflineDbSeen } from './prefs';
import { inBox } from '../../data/sync-region';

const SYNC_EVERY_MS = 15 * 60_000; // while the app is open and visible
const RETRY_MS = 60_000; // after a failed sync, while the browser says it is online
const FLUSH_DELAY_MS = { min: 1_000, max: 10 * 60_000 }; // outbox flushes the page starts by itself (setTimeout overflows past 24 days)
const OFF_KEY = 'yizhan.offline'; // 'off': keep no offline copy (settings)
const ALL_KEY = 'yizhan.offline.all'; // '1': the person asked for the whole country (settings)
const MOVED_CHECK_MS = 3_000; // how often the remembered position is compared with the copy's region (a localStorage read)
const QUIET_TIMEOUT_MS = 10_000; // a first copy or the whole-country download waits this long at most for an idle moment
// …and, unless asked for, starts this long after the page began: past the first answers and the
// quiet window that ends the page's load (Lighthouse's time to interactive), so that its download,
// parse and storing never compete with the first visit's map and list on a slow phone
const COPY_NOT_BEFORE_MS = 8_000;

export interface OfflineRuntime {
  /** Syncs now (joins a sync already running). */
  syncNow(): Promise<void>;
  /** Queues a report and tries to send it; the draft's errors come back as `{ error }`. */
  report(draft: ReportDraft, targetName: string): Promise<OutboxItem | { error: string }>;
  /** Reports in the outbox (waiting, and sent ones kept a while). */
  outbox(): Promise<OutboxItem[]>;
  /** Sends what is waiting now, and reports what settled. */
  flush(): Promise<void>;
  /** The user has been told about these reports' final state. */
  told(clientIds: string[]): Promise<void>;
  /** Keeps or drops the offline copy (dropping frees its space). */
  setCopyEnabled(on: boolean): Promise<void>;
  copyEnabled(): boolean;
  /** Downloads the whole country now and keeps it (settings), with progress in offlineState().download. */
  downloadAll(): Promise<void>;
  /** The whole-country copy's size from the server (asked again once the data changed). */
  fullSize(): Promise<FullSize>;
  /** The person's position changed: a first copy, or a regional copy they left, may be due (checked every MOVED_CHECK_MS too). */
  moved(pos: { lng: number; lat: number }): void;
  storage(): Promise<{ usage?: number; quota?: number; persisted: boolean }>;
}

export interface RuntimeOptions {
  /** where the copy goes, for the app's Api to answer from (offline-api.ts) */
  copy: CopySlot;
  /** reports reached a final state (sent, or refused by the server) that the user has not been told */
  onSettled(items: OutboxItem[]): void;
}

const info = (m: CopyMeta, e: Engine | null): CopyInfo => ({
  version: m.version, syncedAt: m.syncedAt, checkedAt: m.checkedAt,
  stations: e?.counts.stations ?? m.counts.stations, merchants: e?.counts.merchants ?? m.counts.merchants,
  region: m.region ? { province: m.region.province, radius: m.region.radius } : null,
});

function pref(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
const enabled = () => pref(OFF_KEY) !== 'off';
const connection = () => (navigator as Navigator & { connection?: ConnectionInfo }).connection;

/** Resolves when the page is quiet (an idle moment), so a long download and its storing never compete with the first answers. */
const quiet = async (notBefore: number) => {
  await new Promise((r) => setTimeout(r, notBefore - performance.now()));
  await new Promise<void>((resolve) => ('requestIdleCallback' in window ? requestIdleCallback(() => resolve(), { timeout: QUIET_TIMEOUT_MS }) : setTimeout(resolve, 1000)));
};

/**
 * The copy in memory, or null when there is none yet. Its code (the engine, with the opening-hours
 * parser data/hours, 0.7 MB) is loaded only then: a first visit has no copy until its first sync is
 * stored, seconds later, when the page is quiet. The parser is evaluated first, in a task of its own:
 * one long task on a slow phone becomes two shorter ones.
 */
async function loadCopy(db: Db): Promise<Engine | null> {
  if (!(await readCopyMeta(db))) return null;
  await import('../../data/hours');
  await new Promise((resolve) => setTimeout(resolve, 0));
  const { loadEngine } = await import('./offline-engine');
  // timed from here: IndexedDB into the nearest index (ENGINEERING.md's offline start), not the code before it
  const t0 = performance.now();
  const e = await loadEngine(db);
  if (e) measure('yizhan:load-copy', t0, { stations: e.counts.stations });
  return e;
}

/** Starts the offline side once per page. */
export async function startOffline(o: RuntimeOptions): Promise<OfflineRuntime> {
  const db: Db = await openDb();
  saveOfflineDbSeen(); // the next visit starts this side early (hooks/use-offline.ts)
  let engine: Engine | null = null;
  let loading: Promise<Engine | null> = Promise.resolve(null);
  let syncing: Promise<void> | null = null;
  let retry = 0;
  let here: [number, number] | null = null; // the position this visit (else the remembered one)
  let size: Promise<FullSize> | null = null;
  let asked = false; // the person just asked for the whole country: no waiting
  let hurried = false; // the person asked for a copy (sync now, keep a copy, the whole country): a first one waits no longer
  let wake = () => {}; // ends a first copy's wait for the page to be quiet
  const hurry = () => {
    hurried = true;
    wake();
  };
  const near = (): [number, number] | null => {
    const p = here ? null : loadPosition();
    return here ?? (p ? [p.lng, p.lat] : null);
  };
  const fullSize = () => {
    size ??= fetchFullSize();
    size.catch(() => (size = null));
    return size;
  };

  function load(): Promise<Engine | null> {
    loading = loadCopy(db).then(
      (e) => {
        engine = e;
        setOfflineState({ ready: e !== null, copy: e ? info(e.meta, e) : null });
        return e;
      },
      () => engine, // an unreadable copy: keep what is in memory; the next sync rewrites it
    );
    return loading;
  }

  /** One step of the plan: a delta, the region, or the whole country (when quiet, with progress). */
  async function step(want: SyncWant): Promise<void> {
    let expectBytes: number | undefined;
    const onProgress = want === 'all' ? (p: SyncProgress) => setOfflineState({ download: { done: p.phase === 'store' ? -1 : p.done, total: p.total } }) : undefined;
    if (want === 'all') {
      await quiet(asked ? 0 : COPY_NOT_BEFORE_MS);
      performance.mark('yizhan:country-download'); // a whole-country download begins (on a first visit: where the visit itself has ended; DevTools, the benchmark)
      asked = false;
      expectBytes = (await fullSize().catch(() => undefined))?.json;
      setOfflineState({ download: { done: 0, total: expectBytes ?? null } });
    }
    const t0 = performance.now();
    const r = await withLock('yizhan-sync', () => syncOnce({ db, want, near: near(), expectBytes, onProgress }));
    measure('yizhan:sync', t0, { want, full: r.full, records: r.records });
    if (r.changed) size = null; // a new version: a new whole-country size
    if (r.changed || !engine) await load();
    answeredBy('network', true); // the server answered (the feed is never kept: no-cache) — unless the browser has said since that it is offline (its word stands)
    setOfflineState({ syncError: null, copy: info(r.meta, engine) });
  }

  async function sync(): Promise<void> {
    // a first visit (no copy yet): the copy waits until the visit's start is over, like the country
    const first = !(await readCopyMeta(db).catch(() => undefined));
    if (first && !hurried) await Promise.race([quiet(COPY_NOT_BEFORE_MS), new Promise<void>((r) => (wake = r))]);
    if (!enabled()) return; // switched off meanwhile
    setOfflineState({ syncing: true });
    try {
      const meta = await readCopyMeta(db);
      const lowMemory = !holdsCountry((navigator as Navigator & { deviceMemory?: number }).deviceMemory);
      const steps = planSync({ copy: meta, near: near(), metered: isMetered(connection()), lowMemory, wantAll: pref(ALL_KEY) === '1' });
      for (const want of steps) {
        if (!enabled()) break; // switched off between steps
        await step(want);
      }
      if (!meta && steps.length) void navigator.storage?.persist?.();
    } catch (e) {
      const offline = (e instanceof ApiError && e.kind === 'network') || !navigator.onLine;
      setOfflineState(offline ? { online: false } : { syncError: String(e) });
      clearTimeout(retry);
      if (navigator.onLine) retry = setTimeout(() => void syncNow(), RETRY_MS) as unknown as number;
    } finally {
      setOfflineState({ syncing: false, download: null });
    }
  }
  const syncNow = () => {
    if (!enabled()) return Promise.resolve();
    return (syncing ??= sync().finally(() => (syncing = null)));
  };

  async function refreshOutbox(): Promise<OutboxItem[]> {
    const items = await outboxItems(db);
    setOfflineState({ pendingReports: items.filter((i) => i.state === 'pending').length });
    const news = items.filter((i) => i.state !== 'pending' && !i.told);
    if (news.length) o.onSettled(news);
    flushWhenDue(items);
    return items;
  }
  // The `online` event does not always come (a page reloaded while offline can keep navigator.onLine
  // true; a network that is up but does not answer): while the browser says it is online, the page
  // tries again when the first waiting report's back-off ends (offline, the `online` event does it).
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  function flushWhenDue(items: OutboxItem[]): void {
    clearTimeout(flushTimer);
    const due = Math.min(...items.filter((i) => i.state === 'pending').map((i) => i.notBefore));
    if (!Number.isFinite(due)) return;
    const wait = Math.min(FLUSH_DELAY_MS.max, Math.max(FLUSH_DELAY_MS.min, due - Date.now()));
    flushTimer = setTimeout(() => navigator.onLine && void flush(), wait);
  }
  async function flush(): Promise<void> {
    const r = await flushOutbox({ db }).catch(() => ({ settled: [], pending: 1 }));
    if (r.pending) void requestBackgroundSync(OUTBOX_SYNC_TAG);
    // The server answered: the network is back, whether or not an `online` event said so (unless the browser says it is offline).
    if (r.settled.length && !offlineState().online) {
      answeredBy('network', true);
      void syncNow();
    }
    await refreshOutbox();
  }

  function moved(pos: { lng: number; lat: number }): void {
    here = [pos.lng, pos.lat];
    const region = engine?.meta.region;
    if ((!offlineState().copy && !syncing) || (region && !inBox(region.bbox, pos.lng, pos.lat))) void syncNow();
  }

  o.copy.attach({ ready: () => engine, loaded: () => loading });
  if (enabled()) await load();
  void syncNow();
  void flush();
  addEventListener('online', () => {
    void syncNow();
    void retrySoon(db).then(flush);
  });
  setInterval(() => document.visibilityState === 'visible' && void syncNow(), SYNC_EVERY_MS);
  // the app remembers every new position (prefs.ts); the copy follows it without the app's help
  let last = '';
  setInterval(() => {
    const p = loadPosition();
    const key = p ? `${p.lng},${p.lat}` : '';
    if (p && key !== last && enabled()) moved(p);
    last = key;
  }, MOVED_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    const copy = offlineState().copy;
    if (document.visibilityState === 'visible' && (!copy || Date.now() - copy.checkedAt > SYNC_EVERY_MS)) void syncNow();
  });

  return {
    syncNow: () => (hurry(), syncNow()), // asked: a first copy waits no longer
    flush,
    outbox: refreshOutbox,
    async report(draft, targetName) {
      const body = reportBody(draft);
      if ('error' in body) return body;
      let item = await enqueueReport(db, body, targetName);
      // Try at once; what the form says ("sent" or "will be sent") is the news, so it counts as told.
      const r = navigator.onLine ? await flushOutbox({ db }).catch(() => null) : null;
      const settled = r?.settled.find((i) => i.clientId === item.clientId);
      if (settled?.state === 'sent') await markTold(db, [item.clientId]);
      item = settled ?? item;
      if (!r || r.pending) void requestBackgroundSync(OUTBOX_SYNC_TAG);
      await refreshOutbox();
      return item;
    },
    told: (ids) => markTold(db, ids).then(() => void refreshOutbox()),
    copyEnabled: enabled,
    fullSize,
    async downloadAll() {
      try {
        localStorage.setItem(ALL_KEY, '1');
      } catch {
        // asked for this visit only
      }
      asked = true;
      hurry();
      await syncing; // a sync already running may have planned without it: plan again after it
      return syncNow();
    },
    moved,
    async setCopyEnabled(on) {
      try {
        if (on) localStorage.removeItem(OFF_KEY);
        else localStorage.setItem(OFF_KEY, 'off');
      } catch {
        // the choice lasts this visit
      }
      if (on) return hurry(), syncNow();
      await withLock('yizhan-sync', () => clearCopy(db));
      engine = null;
      loading = Promise.resolve(null);
      setOfflineState({ ready: false, copy: null });
    },
    async storage() {
      const est = await navigator.storage?.estimate?.().catch(() => undefined);
      const persisted = (await navigator.storage?.persisted?.().catch(() => false)) ?? false;
      return { usage: est?.usage, quota: est?.quota, persisted };
    },
  };
}

/** A User Timing entry (DevTools' performance panel and the offline benchmark read them). */
function measure(name: string, start: number, detail: object): void {
  performance.measure(name, { start, end: performance.now(), detail });
}

/** Runs `fn` holding a Web Lock (one sync at a time across tabs), or plainly where there are none. */
function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return navigator.locks ? navigator.locks.request(name, fn) : fn();
}
