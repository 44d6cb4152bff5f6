/**
 * What the app knows about the network and its offline copy, as one small observable state: the
 * status line, the settings panel and the offline-aware API read it; the sync loop and every API
 * call write it. Part of the first load (no IndexedDB or sync code in here).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Source } from './http';

export interface CopyInfo {
  version: number;
  /** ms since epoch: data last changed */
  syncedAt: number;
  /** ms since epoch: the server last confirmed it current */
  checkedAt: number;
  stations: number;
  merchants: number;
  /** a regional copy: its province (of the station nearest its centre) and radius in metres; null or absent: the whole country */
  region?: { province?: string; radius: number } | null;
}

export interface OfflineState {
  /** the network as the app last saw it (navigator.onLine and how the last request went) */
  online: boolean;
  /** the offline copy, once there is one */
  copy: CopyInfo | null;
  /** the copy is in memory and answers queries */
  ready: boolean;
  syncing: boolean;
  /** the last sync failed (while online): why */
  syncError: string | null;
  /** reports waiting in the outbox */
  pendingReports: number;
  /** the whole-country copy being downloaded: bytes so far (uncompressed) of `total` (null: unknown; done = -1: storing) */
  download?: { done: number; total: number | null } | null;
}

/** A copy older than this is flagged as stale. */
export const STALE_MS = 7 * 86_400_000;

/** The browser's word that it is offline can be trusted (its "online" cannot: a reload while offline may keep it). */
const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

let state: OfflineState = {
  online: !browserOffline(),
  copy: null,
  ready: false,
  syncing: false,
  syncError: null,
  pendingReports: 0,
};
const listeners = new Set<(s: OfflineState) => void>();

/** The current state. */
export const offlineState = () => state;

/** Changes part of the state and tells every listener (only when something changed). */
export function setOfflineState(patch: Partial<OfflineState>): void {
  const next = { ...state, ...patch };
  if ((Object.keys(patch) as (keyof OfflineState)[]).every((k) => next[k] === state[k])) return;
  state = next;
  listeners.forEach((l) => l(state));
}

/** Calls back on every change; returns the unsubscribe. */
export function watchOfflineState(cb: (s: OfflineState) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** The state in a component, re-rendered on change. */
export function useOfflineState(): OfflineState {
  const [s, set] = useState(state);
  useEffect(() => {
    set(state);
    return watchOfflineState(set);
  }, []);
  return s;
}

/**
 * One value of the state in a component, re-rendered only when that value changes: a component
 * high in the tree (the app) must not redraw everything below it on each download progress step.
 */
export function useOfflineValue<T>(pick: (s: OfflineState) => T): T {
  const [v, set] = useState(() => pick(state));
  useEffect(() => {
    set(pick(state));
    return watchOfflineState((s) => set(pick(s)));
  }, []);
  return v;
}

/**
 * What an answer says about the network (an API read's; a sync or a sent report is the server's):
 * one the server gave means it is up, the worker's last one that it is down. `fresh`: it is known to
 * be the server's (a request past the HTTP cache, or to a feed it never keeps). A network answer not
 * known to be fresh may be the HTTP cache's (the API lets one be kept 30–60 s): it keeps the state
 * as it is, never says the network is back — the browser's "online" can be wrong (a page reloaded
 * while offline may keep it), and such answers came after failures while offline. While the browser
 * says it is offline, an answer "from the network" came from its HTTP cache or from a request already
 * under way: the browser's word stands.
 */
export function answeredBy(source: Source, fresh: boolean): void {
  setOfflineState({ online: source === 'network' && (fresh || state.online) && !browserOffline() });
}

/** Whether the Api's reads should go past the HTTP cache (api.ts `revalidate`): while the app believes it is offline, so that an answer from the network is `fresh` and says it is back. */
export const revalidating = () => !state.online;

/** Follows the browser's own online/offline events (call once). */
export function listenForNetwork(): void {
  addEventListener('online', () => setOfflineState({ online: true }));
  addEventListener('offline', () => setOfflineState({ online: false }));
}
