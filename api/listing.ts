/**
 * One kind of listing (stations or merchants) in memory: the shared listing core from data/ (the
 * same code the PWA runs over its offline copy) plus what only the server needs: store row ids,
 * a small cache of served documents, and a stamp per record that changes with each in-place
 * patch, so caches keyed by listing index can tell an entry made before the record changed.
 */
import type { ViewportFilter } from '../data/geo/viewport';
import { listingCoreBuild, type ListingCore, type ListingKind, type RecordPatch } from '../data/listing-core';
import { idTableBuild } from '../data/id-table';
import { finish, sliced, type Sliced } from '../data/slices';
import type { IndexColumns, IndexRow } from './store/port';
import { rowidOrder } from './rowid-order';
import { inTurns } from './turns';
import { makeRoom } from '../data/bounded-map';

// the search index reads names in pinyin (data/pinyin.ts): the reader and its large dictionary are
// loaded with the first search index, not at start (a tenth of a second of the server's start)
const loadPinyin = retried(() => import('../data/pinyin-pro').then((m) => m.installPinyinPro()));

export type { ListingQuery } from '../data/listing-core';

export interface Listing extends ListingCore<IndexColumns> {
  /** Record i as an object (for the few places that want one). */
  row(i: number): IndexRow;
  /** Documents by listing index, from a small cache in front of `load` (cleared with the listing). */
  docs(ids: readonly number[], load: (rowids: number[]) => Promise<(string | undefined)[]>): Promise<(string | undefined)[]>;
  /** The listing index of the record with this id, or undefined (an id map made on first use). */
  indexOf(id: string): number | undefined;
  /**
   * Resolves once the search index is built, building it a few milliseconds at a time between other
   * requests (seconds of work at national size: search() would do it all at once). Rejects when
   * what it reads could not be loaded (the store is gone): asked again, it tries again.
   */
  searchReady(): Promise<void>;
  /** Loads what only the search index reads from the store (`beforeSearch`), once; rejects as searchReady does. */
  searchInputs(): Promise<void>;
  /** Whether searchReady was asked for (a listing that replaces this one starts building at once). */
  searching(): boolean;
  /**
   * Resolves once the map index of this filter is built, building it a few milliseconds at a time
   * between other requests (a filter's clusters are up to half a second of work at 400 k).
   */
  mapReady(filter: ViewportFilter): Promise<void>;
  /** Resolves once the corridor index is built, likewise. */
  corridorReady(): Promise<void>;
  /**
   * Builds the nearest filter trees and the clusters of all records (again: a patch drops the trees
   * whose members changed) between requests; nearest queries use the tree of all records meanwhile.
   */
  warmed(): Promise<void>;
  /** What was built on first use (a listing that replaces this one builds the same before it serves). */
  used(): Used;
  /** A number that changes whenever record i is patched: what a cache entry made from it is valid for. */
  stamp(i: number): number;
  /** New values of existing records (same id and position), and of their documents: see ListingCore.patch. */
  patch(changes: readonly RecordPatch[]): number[];
}

/** The parts of a listing built on first use that were. */
export interface Used {
  /** the nearest filter trees and the map's clusters of all records (`warm`) */
  clusters: boolean;
  corridor: boolean;
}

const DOC_CACHE_ENTRIES = 10_000; // served documents kept in memory per listing (≈ 1–2 KB each)

/** Builds the indexes of one listing from its columns (put in rowid order first: see inRowidOrder). */
export function buildListing(read: IndexColumns, kind: ListingKind): Listing {
  return finish(listingBuild(read, kind));
}

/**
 * `buildListing`, a slice at a time, including what `used` names (what the listing it replaces
 * built on first use): at 400 k stations that is over a second of work, and the API runs it
 * between requests. `beforeSearch` completes the columns the search index reads (once, before it
 * is first built).
 */
export function* listingBuild(read: IndexColumns, kind: ListingKind, used?: Used, beforeSearch?: (l: Listing) => Promise<void>): Sliced<Listing> {
  const cols = yield* inRowidOrder(read);
  // built with the rest: the first patch (a report, an edit) needs it, and built then it held the loop 70 ms at 400 k
  const indexOf = yield* idTableBuild(cols.id);
  const core = yield* listingCoreBuild(cols, kind, { indexOfId: indexOf, buildOnQuery: false });
  if (used?.clusters) yield* core.warming();
  if (used?.corridor) yield* core.corridorBuilding();
  const stamps = new Uint32Array(core.size);
  let patches = 0;
  const cached = docCache(cols.rowid, stamps);
  const row = (i: number): IndexRow => ({
    rowid: cols.rowid[i], id: cols.id[i], name: cols.name[i], lng: cols.lng[i], lat: cols.lat[i],
    all: cols.all[i], any: cols.any[i], status: cols.status[i], hours: cols.hours[i], tz: cols.tz[i],
  });
  const patchCore = core.patch;
  const inputs = retried(() => beforeSearch?.(listing) ?? Promise.resolve());
  const searchReady = retried(async () => {
    await loadPinyin();
    await inputs();
    await inTurns(core.searchBuilding());
  });
  const once = onceAtATime();
  const listing: Listing = Object.assign(core, {
    row,
    docs: cached.docs,
    indexOf,
    searchInputs: inputs,
    searchReady,
    searching: () => searchReady.asked(),
    mapReady: (filter: ViewportFilter) =>
      core.viewport().isBuilt(filter) ? Promise.resolve() : once(`map ${filter.key}`, () => core.viewport().building(filter)),
    corridorReady: () => (core.hasCorridor() ? Promise.resolve() : once('corridor', core.corridorBuilding)),
    warmed: () => once('warm', core.warming, { again: true }),
    used: () => ({ clusters: core.viewport().isBuilt(), corridor: core.hasCorridor() }),
    stamp: (i: number) => stamps[i],
    patch(changes: readonly RecordPatch[]) {
      const filtered = patchCore(changes);
      for (const { i } of changes) {
        stamps[i] = ++patches;
        cached.forget(i);
      }
      return filtered;
    },
  });
  return listing;
}

/**
 * Runs sliced work in turns, one run per name at a time: asked again while it runs, the same run
 * is answered, or (`again`) one more run follows it, for work that a change since may have undone.
 */
function onceAtATime() {
  const running = new Map<string, { done: Promise<void>; again?: Promise<void> }>();
  return function once(name: string, work: () => Sliced<unknown>, how: { again?: boolean } = {}): Promise<void> {
    const now = running.get(name);
    if (now) return how.again ? (now.again ??= now.done.then(() => once(name, work))) : now.done;
    const done = inTurns(work()).then(() => undefined).finally(() => {
      if (running.get(name)?.done === done) running.delete(name);
    });
    running.set(name, { done });
    return done;
  };
}

/**
 * Documents by listing index, from a cache of up to DOC_CACHE_ENTRIES in front of `load`; an entry
 * holds while the record's stamp is the one it was loaded at (`forget` drops a patched one at once).
 */
function docCache(rowid: Float64Array, stamps: Uint32Array): { docs: Listing['docs']; forget(i: number): void } {
  const cache = new Map<number, { doc: string; stamp: number }>();
  const docs: Listing['docs'] = async (ids, load) => {
    const out = ids.map((i) => { const e = cache.get(i); return e?.stamp === stamps[i] ? e.doc : undefined; });
    // the positions in `ids` of those not cached (found by position: an indexOf per document made a page of
    // 2,000 corridor items quadratic, 8 % of its time)
    const missing = ids.flatMap((_, k) => (out[k] === undefined ? [k] : []));
    if (missing.length === 0) return out;
    const asked = missing.map((k) => stamps[ids[k]]); // a patch while loading makes what comes back stale
    const loaded = await load(missing.map((k) => rowid[ids[k]]));
    missing.forEach((k, j) => {
      const doc = loaded[j], i = ids[k];
      if (doc === undefined) return;
      if (!cache.has(i)) makeRoom(cache, DOC_CACHE_ENTRIES);
      cache.set(i, { doc, stamp: asked[j] });
      out[k] = doc;
    });
    return out;
  };
  return { docs, forget: (i) => void cache.delete(i) };
}

/** `work` run once, its promise shared; run again when asked after it failed. `asked`: whether it was asked for. */
function retried(work: () => Promise<void>): (() => Promise<void>) & { asked(): boolean } {
  let running: Promise<void> | undefined;
  const run = () => (running ??= work().catch((err) => {
    running = undefined;
    throw err;
  }));
  return Object.assign(run, { asked: () => running !== undefined });
}


/**
 * The columns ordered by rowid (SQLite's one-statement read comes by status, then rowid; its paged
 * read and PostgreSQL's come in rowid order already): read by status, a station paused or reopened
 * would move; in rowid order a record keeps its place for as long as it is listed, and a change to
 * it can be patched in place.
 */
export function* inRowidOrder(cols: IndexColumns): Sliced<IndexColumns> {
  const order = yield* rowidOrder(cols.rowid);
  if (!order) return cols;
  const n = order.length;
  function* take<T, A extends { [i: number]: T }>(a: ArrayLike<T>, into: A): Sliced<A> {
    yield* sliced(n, (i) => (into[i] = a[order![i]]));
    return into;
  }
  return {
    rowid: yield* take(cols.rowid, new Float64Array(n)), id: yield* take(cols.id, new Array(n)), name: yield* take(cols.name, new Array(n)),
    lng: yield* take(cols.lng, new Float64Array(n)), lat: yield* take(cols.lat, new Float64Array(n)),
    all: yield* take(cols.all, new Uint32Array(n)), any: yield* take(cols.any, new Uint32Array(n)),
    status: yield* take(cols.status, new Array(n)), hours: yield* take(cols.hours, new Array(n)), tz: yield* take(cols.tz, new Array(n)),
    ...(cols.notices ? { notices: yield* take(cols.notices, new Array(n)) } : {}),
    ...(cols.text ? { text: yield* take(cols.text, new Array(n)) } : {}),
  } as IndexColumns;
}
