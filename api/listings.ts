/**
 * The in-memory side of the store: nearest and viewport indexes for stations and approved
 * merchants, built from the store's index rows and kept current when the store reports a write
 * (an import from another process, or a write through another API process on PostgreSQL, shows
 * up without a restart). A few changed records still listed (same id) are patched in place from
 * the store's change feed, in milliseconds, moved ones too (ListingCore.move: answers are then
 * exact, but the map's clusters keep them where they were). SETTLE_MOVES_MS after the first move
 * in place the listing is rebuilt from the one in hand, gently, while writes go on being patched
 * into it (its clusters made again where the records are now; the store is not read again), and
 * at once when a move cannot be made in place.
 * Before, every move rebuilt the listing on every replica: ~0.85 s of work at 400 k stations,
 * which on a loaded machine held reads behind it. Anything else (records added, deleted, closed,
 * or many changes) rebuilds the listing from the store. While a rebuild runs, the listing it
 * replaces keeps answering.
 */
import { merchantValues, stationValues } from '../data/listing-record';
import { writeRecordValues, type ListingKind, type RecordPatch } from '../data/listing-core';
import { isListed } from '../data/listing-query';
import { localDate, merchantSearchText } from '../data/merchants';
import type { Merchant, Station } from '../data/schema';
import type { Changes, IndexColumns, Store } from './store/port';
import { listingBuild, type Listing } from './listing';
import { carryRowTimes, readRowTimes } from './row-times';
import { inTurns, nextTurn } from './turns';
import type { Sliced } from '../data/slices';

const MERCHANT_DOCS_PER_TURN = 500; // merchant documents read (and parsed) per turn of the event loop
const ROW_TIMES_SETTLE_MS = 30_000; // how long a rebuilt stations listing serves before its row times are read
const SETTLE_MOVES_MS = 20_000; // how long after a move in place the listing is rebuilt (its clusters exact again): a burst of moves waits for one
const SETTLE_PAUSE_MS = 16; // that rebuild's pause after each turn of work: a third of a core (nobody waits for it)

export interface Listings {
  stations(): Listing;
  merchants(): Listing;
  /**
   * The listing of `kind` searches read: the current one once its search index is built; until
   * then the newest one whose index was built, a rebuild ago, so that a search does not wait for a
   * rebuilt listing's index (seconds of work at 400 k, for each move) and answers consistently
   * from one listing's records. The current one when none was built (its index is then awaited).
   */
  searchable(kind: ListingKind): Listing;
  /**
   * Brings the stale listings up to date if anyone wrote to the store (asked at most once per
   * interval): the update under way, which resolves when it is done or has failed (never rejects),
   * or null when nothing was due. It resolves early when the update rebuilds a listing, and is
   * null while a rebuild is under way: a rebuild at national size takes seconds, a request waits
   * for in-place patches only (milliseconds), and the listings in hand answer meanwhile.
   */
  refreshIfChanged(): Promise<void> | null;
  /**
   * Brings the listings (only the named one when given) up to date now, after this process wrote;
   * resolves when it serves. `rebuild` skips the change feed (after an import: many records).
   */
  refreshNow(kind?: ListingKind, how?: { rebuild?: boolean }): Promise<void>;
  /** The store version the listings were built at (every table's newest write was at or below it). */
  builtAt(): number;
  /** How each listing was brought up to date so far: full builds (start-up included) and in-place patches. */
  stats(): Record<ListingKind, { builds: number; patches: number }>;
  /**
   * Builds the lazily built parts (nearest filter trees, clusters) now, a few milliseconds at a
   * time between requests, e.g. right after the server starts listening, then reads what search
   * reads from the store (merchants' text); resolves when done. Then reads the stations' row times
   * in the background (rowTimesLater), as it does for a rebuilt stations listing once that has
   * served a while. The route-corridor and search indexes stay lazy: fewer use them, and at 400 k
   * stations they cost ≈ 25 MB and 45 MB.
   */
  warm(): Promise<void>;
}

export interface ListingsOptions {
  /** minimum time between two checks of the store for writes, in ms */
  checkIntervalMs?: number;
  /** most changed records patched in place; more rebuild the listing */
  maxPatch?: number;
  /** most write transactions since the listing's version for which the change feed is read at all */
  maxPatchVersions?: number;
  /** how long after a record is moved in place the listing is rebuilt, its clusters made exact again (ms) */
  settleMovesMs?: number;
  /** that rebuild's pause after each turn of work (ms) */
  settlePauseMs?: number;
}

/** Builds both listings from the store. */
export async function createListings(store: Store, options: ListingsOptions = {}): Promise<Listings> {
  const checkIntervalMs = options.checkIntervalMs ?? 1000;
  const maxPatch = options.maxPatch ?? 1000;
  const maxPatchVersions = options.maxPatchVersions ?? 200;
  const settleMovesMs = options.settleMovesMs ?? SETTLE_MOVES_MS, settlePauseMs = options.settlePauseMs ?? SETTLE_PAUSE_MS;
  const stats = { stations: { builds: 0, patches: 0 }, merchants: { builds: 0, patches: 0 } };
  store.externallyChanged(); // what is read next is the baseline
  let builtAt = await store.version();
  let built = await store.tableVersions();
  // the version each listing reflects: its change feed is read from there
  const since: Record<ListingKind, number> = { stations: builtAt, merchants: builtAt };
  const listings = {} as Record<ListingKind, Listing>;
  const searchable: Partial<Record<ListingKind, Listing>> = {}; // the newest listing of each kind with its search index built
  listings.stations = await build('stations');
  listings.merchants = await build('merchants');
  let lastCheck = Date.now();
  let running: Promise<void> = Promise.resolve();
  let failed = false; // the last refresh failed (database gone): try again on the next check
  let rebuilding = 0; // listings being rebuilt now
  let warmed = false; // warm() was asked for: a server, whose rebuilt stations listing reads its row times too
  let rowTimesTimer: NodeJS.Timeout | undefined;
  const settling = new WeakSet<Listing>(); // listings holding records moved in place, their rebuild set (settleMovesLater)

  /**
   * A new listing from `cols` (by default read from the store), built between requests with
   * whatever the one it replaces built on first use (id map, clusters, corridor), so that nothing
   * waits for those either.
   */
  async function build(kind: ListingKind, cols?: IndexColumns, pauseMs = 0): Promise<Listing> {
    stats[kind].builds++;
    const used = listings[kind]?.used();
    if (kind === 'stations') return inTurns(listingBuild(cols ?? (await store.stationIndex()), kind, used), pauseMs);
    if (!cols) {
      const read = await store.merchantIndex();
      cols = { ...read, text: new Array<string>(read.rowid.length).fill('') };
    }
    return inTurns(listingBuild(cols, kind, used, merchantText), pauseMs); // merchantText reads every merchant's text (again) before a search
  }

  /**
   * Fills in what merchants are found by besides their names (address, offers), from their records:
   * only the search index reads it, so it is read before that is first built, not at start (at
   * 7 k merchants, two statements and a parse each: a fifth of a second). A merchant patched
   * meanwhile keeps the text its patch brought.
   */
  async function merchantText(l: Listing): Promise<void> {
    const day = localDate(new Date()), text = l.cols.text!;
    for (let k = 0; k < l.size; k += MERCHANT_DOCS_PER_TURN) { // 8 k documents at once held the loop 0.14 s
      const at = Array.from({ length: Math.min(MERCHANT_DOCS_PER_TURN, l.size - k) }, (_, j) => k + j);
      const stamps = at.map((i) => l.stamp(i));
      const records = await store.merchantsByRowid(at.map((i) => l.cols.rowid[i]));
      records.forEach((m, j) => {
        if (l.stamp(at[j]) === stamps[j]) text[at[j]] = m ? merchantSearchText(m, day) : '';
      });
      await nextTurn();
    }
  }

  /**
   * Reads the stations' row times (api/row-times.ts) in the background after `delayMs`, if the
   * listing in hand is still the one served then, and for as long as it is; until read (or if the
   * store fails), rows come from documents. A rebuilt listing waits: rebuilds come in bursts (an
   * addition or a move rebuilds), and each would start the read over; a move's listing has the
   * times carried over (carryRowTimes), so its read is of the edited stations only.
   */
  function rowTimesLater(delayMs: number): void {
    clearTimeout(rowTimesTimer);
    const listing = listings.stations, current = () => listings.stations === listing;
    rowTimesTimer = setTimeout(() => void (current() && readRowTimes(listing, store, current).catch(() => {})), delayMs);
    rowTimesTimer.unref();
  }

  /**
   * The changes to `kind` after version `from` (the store at `version`), or null when there may be
   * more than a patch takes: a gap of many writes is likely many records, not worth reading as
   * changes, and a feed of more records than a patch takes (an import) is not read at all.
   */
  async function feed(kind: ListingKind, from: number, version: number): Promise<Changes<string> | Changes<Merchant> | null> {
    if (version - from > maxPatchVersions || (await store.changedCounts(from))[kind] > maxPatch) return null;
    return kind === 'stations' ? store.stationChanges(from) : store.merchantChanges(from);
  }

  /** Brings one listing up to the store as of `version` (read before): patched in place when it can be. */
  async function update(kind: ListingKind, version: number, rebuild: boolean, onRebuild?: () => void): Promise<void> {
    const changes = rebuild ? null : await feed(kind, since[kind], version);
    if (changes) {
      const e = edits(listings[kind], kind, changes, maxPatch);
      // positions first: a move that cannot be made in place (too many since the build) changes nothing, and rebuilds
      if (e?.moved.length && !listings[kind].move(e.moved)) return replace(kind, changes.version, onRebuild, e);
      if (e) {
        if (e.moved.length) settleMovesLater(kind);
        if (e.patch.length) {
          listings[kind].patch(e.patch);
          stats[kind].patches++;
          // the filter trees whose members changed were dropped: built again between requests
          if (listings[kind].used().clusters) void listings[kind].warmed().catch(() => {});
        }
        since[kind] = changes.version;
        return;
      }
    }
    await replace(kind, version, onRebuild);
  }

  /** Replaces a listing by one read from the store as of `version`, or built from the one in hand with `edits`. */
  async function replace(kind: ListingKind, version: number, onRebuild?: () => void, edits?: Edits): Promise<void> {
    const old = listings[kind];
    onRebuild?.();
    rebuilding++;
    let next: Listing;
    try {
      next = await build(kind, edits && (await inTurns(withEdits(old.cols, edits))));
    } finally {
      rebuilding--;
    }
    swapIn(kind, old, next, edits);
    since[kind] = version;
  }

  /** Serves `next` in place of `old`: read from the store, or built from `old`'s columns with `edits` (then what it can is carried over). */
  function swapIn(kind: ListingKind, old: Listing, next: Listing, edits?: Edits): void {
    listings[kind] = next;
    const edited = edits?.patch.map((p) => p.i) ?? [];
    if (edits && kind === 'stations') carryRowTimes(old, next, edited);
    // built from the one in hand: the search index carries over (seconds of work at 400 k, on every replica, saved)
    if (edits && next.carrySearch(old, edits.moved.map((m) => m.i), edited)) searchable[kind] = next;
    // this server is searched: the new index is built in turns now (a failure: the next search tries again)
    if (old.searching()) void next.searchReady().then(() => void (listings[kind] === next && (searchable[kind] = next)), () => {});
    if (warmed && kind === 'stations') rowTimesLater(ROW_TIMES_SETTLE_MS);
  }

  /** Settles the moves in place of the listing of `kind` in hand SETTLE_MOVES_MS from now (once per listing: later moves wait for it). */
  function settleMovesLater(kind: ListingKind): void {
    const listing = listings[kind];
    if (settling.has(listing)) return;
    settling.add(listing);
    const timer = setTimeout(() => void settle(kind, listing).catch(() => {}).finally(() => settling.delete(listing)), settleMovesMs);
    timer.unref();
  }

  /**
   * Builds a listing from the columns of `listing` (its records where they are now: its clusters
   * too), gently, while the refreshes go on patching `listing` in place (a write waits for no
   * rebuild); then, in turn with them, applies to it the changes since it was copied and serves
   * it. Nothing when `listing` was replaced meanwhile. (A failed build: the listing in hand answers on.)
   */
  async function settle(kind: ListingKind, listing: Listing): Promise<void> {
    if (listings[kind] !== listing || listing.movedSinceBuild() === 0) return;
    const from = since[kind]; // what the copy holds; changes after it are patched into `listing` meanwhile
    const next = await build(kind, await inTurns(withEdits(listing.cols, NO_EDITS), settlePauseMs), settlePauseMs);
    const swap = running.then(async () => {
      if (listings[kind] !== listing) return;
      // the same changes again, into the new listing before it serves (a record copied half before one is among them)
      const now = since[kind], changes = now === from ? undefined : await feed(kind, from, now);
      const e = changes === undefined ? NO_EDITS : changes && edits(next, kind, changes, maxPatch);
      if (!e || (e.moved.length && !next.move(e.moved))) return; // more than it takes: the listing in hand serves on, until its next rebuild
      next.patch(e.patch);
      swapIn(kind, listing, next, e);
      if (e.moved.length) settleMovesLater(kind);
      if (e.patch.length && next.used().clusters) void next.warmed().catch(() => {}); // filter trees the patch dropped
      since[kind] = changes ? changes.version : now;
    });
    running = swap.then(() => void (failed = false), () => void (failed = true));
    await swap;
  }

  /** Updates the named listings (by default: those whose table has a newer version), one refresh at a time. */
  function refresh(kinds?: ListingKind[], rebuild = false, onRebuild?: () => void): Promise<void> {
    const next = running.then(async () => {
      const version = await store.version();
      const now = await store.tableVersions();
      const stale = kinds ?? (['stations', 'merchants'] as const).filter((k) => now[k] !== built[k]);
      for (const kind of stale) await update(kind, version, rebuild, onRebuild);
      // a table nobody wrote to since (writes commit in version order) is current at `version` too:
      // its next change feed starts there, however many writes to other tables came between
      if (!kinds) for (const k of ['stations', 'merchants'] as const) if (!stale.includes(k)) since[k] = Math.max(since[k], version);
      built = { ...built, ...Object.fromEntries(stale.map((k) => [k, now[k]])) };
      builtAt = version;
    });
    running = next.then(() => void (failed = false), () => void (failed = true));
    return next;
  }

  return {
    stations: () => listings.stations,
    merchants: () => listings.merchants,
    searchable(kind) {
      const now = listings[kind];
      if (now.prepareSearch(0)) searchable[kind] = now;
      return searchable[kind] ?? now;
    },
    refreshIfChanged() {
      const now = Date.now();
      if (now - lastCheck < checkIntervalMs) return null;
      lastCheck = now;
      // the old listings keep answering if the store cannot be read now
      if (!store.externallyChanged() && !failed) return null;
      let rebuildStarted!: () => void;
      const started = new Promise<void>((resolve) => (rebuildStarted = resolve));
      const done = refresh(undefined, false, rebuildStarted).catch(() => {});
      return rebuilding > 0 ? null : Promise.race([done, started]);
    },
    refreshNow: (kind, how) => refresh(kind ? [kind] : ['stations', 'merchants'], how?.rebuild),
    builtAt: () => builtAt,
    stats: () => ({ stations: { ...stats.stations }, merchants: { ...stats.merchants } }),
    async warm() {
      warmed = true;
      for (const l of [listings.stations, listings.merchants]) await l.warmed();
      // what search reads from the store, read soon after start: searches go on from memory should the store go away
      for (const l of [listings.stations, listings.merchants]) await l.searchInputs().catch(() => {}); // the first search tries again
      rowTimesLater(0);
    },
  };
}

/** Changes to records a listing holds, which stay listed: their new values, and the new positions of those that moved. */
interface Edits {
  patch: RecordPatch[];
  moved: { i: number; lng: number; lat: number }[];
}

/**
 * The changes as edits of records the listing holds (in-place patches when none moved), or null
 * when they are not: too many, or a record added, deleted or closed. A record that is not listed
 * and stays so needs nothing.
 */
function edits(listing: Listing, kind: ListingKind, changes: Changes<string> | Changes<Merchant>, max: number): Edits | null {
  if (changes.upserts.length + changes.deleted.length > max) return null;
  if (changes.deleted.some((id) => listing.indexOf(id) !== undefined)) return null;
  const e: Edits = { patch: [], moved: [] };
  const day = localDate(new Date());
  for (const u of changes.upserts) {
    const record = typeof u === 'string' ? (JSON.parse(u) as Station) : u;
    const i = listing.indexOf(record.id);
    const listed = isListed(kind, record.status); // the merchant feed holds approved ones only
    if (i === undefined && !listed) continue;
    if (i === undefined || !listed) return null;
    const values = kind === 'stations' ? stationValues(record as Station) : { ...merchantValues(record as Merchant), text: merchantSearchText(record as Merchant, day) };
    e.patch.push({ i, values });
    if (listing.cols.lng[i] !== record.lng || listing.cols.lat[i] !== record.lat) e.moved.push({ i, lng: record.lng, lat: record.lat });
  }
  return e;
}

/**
 * A listing's columns with the edits written in: copies, so that the listing in hand answers as it
 * did until the one built from them replaces it. Records keep their places (a change keeps its
 * record's rowid), as a read from the store would give them. A slice at a time: at 400 k stations
 * the copies held the loop 60–130 ms (the arrays of strings are most of it).
 */
function* withEdits(cols: IndexColumns, e: Edits): Sliced<IndexColumns> {
  const copy: Record<string, unknown> = {};
  for (const [k, column] of Object.entries(cols) as [string, unknown[] | Float64Array][]) {
    const n = column.length, into = ArrayBuffer.isView(column) ? new (column.constructor as Float64ArrayConstructor)(n) : new Array<unknown>(n);
    for (let from = 0; from < n; from += COPY_SLICE) {
      const to = Math.min(n, from + COPY_SLICE);
      if (ArrayBuffer.isView(column)) (into as Float64Array).set(column.subarray(from, to), from);
      else for (let i = from; i < to; i++) (into as unknown[])[i] = column[i];
      yield;
    }
    copy[k] = into;
  }
  const edited = copy as unknown as IndexColumns;
  for (const { i, values } of e.patch) writeRecordValues(edited, i, values);
  for (const { i, lng, lat } of e.moved) [edited.lng[i], edited.lat[i]] = [lng, lat];
  return edited;
}

/** No changes: a listing's columns copied as they are (the rebuild that settles moves in place). */
const NO_EDITS: Edits = { patch: [], moved: [] };

/** Entries of a column copied between two yields of withEdits (a few milliseconds of work). */
const COPY_SLICE = 65_536;
