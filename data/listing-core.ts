/**
 * The questions one listing (stations or merchants) answers, over its index columns: nearest with
 * filters, open now / 24 h / next change in each record's own zone, map clusters, name search,
 * and the route-corridor index that data/corridor-listing.ts asks "what is along this route" of.
 * The API builds it from SQLite's columns and the PWA from its IndexedDB copy, so that online and
 * offline answers to the same question are the same (ids, order, distance, openNow, is24h).
 */
import { MERCHANT_CATEGORY_KEYS, STATION_TYPE_KEYS, keysOf } from './catalog';
import { corridorIndexBuild, type CorridorIndex } from './geo/corridor';
import { nearestIndexBuild, type NearestHit, type NearestQuery } from './geo/nearest';
import { typedColumns, type TypedPointColumns } from './geo/points';
import { createViewportIndex, type ViewportFilter, type ViewportIndex } from './geo/viewport';
import { DEFAULT_TZ, createOpenNowCache, createOpenStateCache, is24h as hoursAre24h } from './hours';
import { noticeFilter, type NoticeColumn } from './listing-notices';
import { filterMasks, type ListingFilters, type ListingKind } from './listing-query';
import type { RecordValues } from './listing-record';
import type { NoticeKind } from './catalog';
import { searchIndexBuild, type SearchIndex, type SearchMatch } from './search-index';
import { SLICE_ITEMS, finish, type Sliced } from './slices';

export type { SearchMatch } from './search-index';

export type { ListingKind };

/** What the indexes read of each live record, one array per field (index i is record i). */
export interface ListingColumns {
  id: ArrayLike<string>;
  name: ArrayLike<string>;
  lng: ArrayLike<number>;
  lat: ArrayLike<number>;
  /** all-of mask (station amenities; 0 for merchants) */
  all: ArrayLike<number>;
  /** any-of mask (station type or merchant category bit) */
  any: ArrayLike<number>;
  status: ArrayLike<string>;
  hours: ArrayLike<string | null>;
  tz: ArrayLike<string | null>;
  /** stations: each record's notice windows (null when it has none); absent for merchants */
  notices?: NoticeColumn;
  /** merchants: what search finds them by besides the name (address, offers); absent for stations */
  text?: ArrayLike<string>;
}

/** A nearest query with its filters as the API states them ("now" and notices need the instant `at`). */
export type ListingQuery = Omit<NearestQuery, 'only24h' | 'predicate' | 'all' | 'any'> & ListingFilters & { at: Date };

/** The map's filters (open now is not one: the map shows each point's open state instead). */
export type MapFilterQuery = Omit<ListingFilters, 'open'> & {
  open?: '24h';
  /** the instant of the notices filter */
  at?: Date;
};

/** New index values for record i, whose id and position stay as they are. */
export interface RecordPatch {
  i: number;
  values: RecordValues;
}

export interface ListingCore<C extends ListingColumns = ListingColumns> {
  readonly kind: ListingKind;
  readonly size: number;
  readonly cols: C;
  /** The points the indexes were built over (position, masks, 24 h), as columns by listing index. */
  readonly points: TypedPointColumns;
  /** 1 where record i is open around the clock (and not temporarily closed) */
  readonly is24h: Uint8Array;
  nearest(q: ListingQuery): NearestHit[];
  /** true / false, or null when the hours are unknown */
  openNow(i: number, at: Date): boolean | null;
  /** When record i next opens or closes (absent for 24 h, unknown hours, temporarily closed). */
  nextChange(i: number, at: Date): Date | undefined;
  /** The clustered map index (built on first use). */
  viewport(): ViewportIndex;
  /** The route-corridor index over the same points (built on first use: ≈ 25 MB at 400 k stations; `warm` leaves it). */
  corridor(): CorridorIndex;
  /** `corridor()`, built a slice at a time. */
  corridorBuilding(): Sliced<CorridorIndex>;
  /** Whether the corridor index is built (a listing that replaces this one builds it before it serves). */
  hasCorridor(): boolean;
  /** Builds now what is otherwise built on first use: the nearest filter trees and the map clusters. */
  warm(): void;
  /** `warm`, a slice at a time. */
  warming(): Sliced<void>;
  /** The map filter of a query: a key naming it and a test over this listing's records. */
  mapFilter(q: MapFilterQuery): ViewportFilter;
  /** The kinds of record i's current notices at `at`, in catalogue order. */
  noticeKinds(i: number, at: Date): NoticeKind[];
  /** A test "has a current notice of one of these kinds at `at`" (undefined when no kinds are asked). */
  noticeTest(kinds: readonly string[] | undefined, at: Date): ((i: number) => boolean) | undefined;
  /** The best `limit` name (or exact id) matches, best rank then nearest first (data/search-index.ts; built on first use). */
  search(q: string, at: { lng: number; lat: number }, limit: number): SearchMatch[];
  /**
   * Builds up to `slices` slices of the search index (a few milliseconds each; a national index is
   * seconds of work): true once it is built. search() finishes whatever is left at once.
   */
  prepareSearch(slices: number): boolean;
  /** `prepareSearch`, to the end, a slice at a time. */
  searchBuilding(): Sliced<void>;
  /** The search index, when it is built. */
  builtSearch(): SearchIndex | undefined;
  /**
   * Takes over the built search index of `from`, a listing of the same records in the same places
   * whose columns this one's were copied from, `moved` and `edited` since (SearchIndex.carry): true
   * when it did, false when `from` has none or its index has taken over too many moves (this one
   * builds its own then). `from` must not be searched after.
   */
  carrySearch(from: ListingCore, moved: readonly number[], edited: readonly number[]): boolean;
  /**
   * Writes new values of existing records (same id, same position) into the columns, which must be
   * writable arrays, and brings what is derived from them up to date, so every answer is then what
   * a listing built from the new columns gives. Returns the records whose filter values (masks,
   * 24 h) changed. The API patches its listing from the change feed; the PWA rebuilds instead.
   */
  patch(changes: readonly RecordPatch[]): number[];
  /**
   * Moves existing records (same id, still listed) to new positions, in place: false, with nothing
   * changed, when it cannot (more than MAX_MOVED moved since the build): the caller builds a new
   * listing then. Nearest, the map's single points, search and corridors then answer as a listing
   * built at the new positions would; the map's clusters keep the moved records where they were
   * (their counts hold) until one is built (`movedSinceBuild` says how many wait for that). Their
   * other values are patched as any record's (`patch`).
   */
  move(moved: readonly { i: number; lng: number; lat: number }[]): boolean;
  /** How many records were moved in place since the build (`move`). */
  movedSinceBuild(): number;
}

/** The computed fields of a list item (nearest, search): what the API puts before the record. */
export interface LiveFields {
  /** metres, rounded to 0.1 m */
  distance: number;
  openNow: boolean | null;
  is24h: boolean;
  /** ISO instant of the next open/close change, when there is one within a week */
  nextChange?: string;
}

export interface ListingCoreOptions {
  /** the listing index of the record with an id (the search index finds records by exact id) */
  indexOfId?: (id: string) => number | undefined;
  /** records the search index reads between two yields of its build (data/search-index.ts `slice`) */
  searchSlice?: number;
  /**
   * Whether a nearest query builds the filter tree it wants when it is missing (the default), or
   * searches the tree of all points until `warming` has built it (for a caller that warms in slices
   * after building and after each patch, so that no query waits for a tree).
   */
  buildOnQuery?: boolean;
}

/** Builds the indexes of one listing from its columns. */
export function createListingCore<C extends ListingColumns>(cols: C, kind: ListingKind, options: ListingCoreOptions = {}): ListingCore<C> {
  return finish(listingCoreBuild(cols, kind, options));
}

/**
 * `createListingCore`, a slice at a time (the columns must not change until it returns). What is
 * built on first use (filter trees, clusters, corridor and search indexes) has its own sliced
 * builds: `warming`, `corridorBuilding`, `prepareSearch`.
 */
export function* listingCoreBuild<C extends ListingColumns>(cols: C, kind: ListingKind, options: ListingCoreOptions = {}): Sliced<ListingCore<C>> {
  const size = cols.id.length;
  const is24h = yield* twentyFourHours(cols);
  // typed columns are shared with the caller's, others copied once
  const points = typedColumns({ lng: cols.lng, lat: cols.lat, all: cols.all, any: cols.any, is24h });
  yield;
  const nearestIndex = yield* nearestIndexBuild(points, { buildOnQuery: options.buildOnQuery ?? true });
  const openCaches = perZone(createOpenNowCache);
  const stateCaches = perZone(createOpenStateCache);

  function openNow(i: number, at: Date): boolean | null {
    if (cols.status[i] === 'temporarily_closed') return false;
    if (is24h[i]) return true;
    const hours = cols.hours[i];
    if (!hours) return null;
    return openCaches(cols.tz[i])(hours, at);
  }

  function nextChange(i: number, at: Date): Date | undefined {
    if (cols.status[i] === 'temporarily_closed' || is24h[i] || !cols.hours[i]) return undefined;
    return stateCaches(cols.tz[i])(cols.hours[i]!, at).nextChange;
  }

  const notices = noticeFilter(cols.notices, size);

  let viewport: ViewportIndex | undefined;
  let corridor: CorridorIndex | undefined;
  // the search index, built on first use or a slice at a time by prepareSearch (records patched
  // while it is built are read again when it is done)
  let searchIndex: SearchIndex | undefined;
  let searchBuild: Generator<void, SearchIndex> | undefined;
  const patchedDuringBuild: number[] = [];
  const near = (lng: number, lat: number, limit: number, predicate: (i: number) => boolean) => nearestIndex.query({ lng, lat, limit, predicate });
  const prepareSearch = (slices: number): boolean => {
    if (searchIndex) return true;
    searchBuild ??= searchIndexBuild(cols, near, { indexOfId: options.indexOfId, slice: options.searchSlice });
    for (let k = 0; k < slices; k++) {
      const step = searchBuild.next();
      if (!step.done) continue;
      searchIndex = step.value;
      searchIndex.update(patchedDuringBuild.splice(0));
      // records moved in place (some perhaps after the build read their positions): checked one by one
      if (nearestIndex.moved.length > 0) searchIndex.carry(cols, near, nearestIndex.moved, []);
      return true;
    }
    return false;
  };
  const viewportIndex = () => (viewport ??= createViewportIndex(points, {
    properties: (i) => featureProps(cols, i, is24h[i] === 1, kind),
    allPoints: nearestIndex.allPoints, // one tree of all points for both
    moved: nearestIndex, // the points moved in place: both trees hold them where they were
  }));
  function* searchBuilding(): Sliced<void> {
    while (!prepareSearch(1)) yield;
  }
  let moves = 0; // move() calls: a corridor index built across one read some old positions
  function* corridorBuilding(): Sliced<CorridorIndex> {
    while (!corridor) {
      const before = moves;
      const built = yield* corridorIndexBuild(points); // patches meanwhile reach it (see corridorIndexBuild)
      if (moves === before) corridor ??= built;
    }
    return corridor;
  }
  function* warming(): Sliced<void> {
    yield* nearestIndex.building();
    yield* viewportIndex().building();
  }
  return {
    kind,
    size,
    cols,
    points,
    is24h,
    openNow,
    nextChange,
    nearest(q) {
      const { all, any } = filterMasks(kind, q);
      const query = {
        lng: q.lng, lat: q.lat, limit: q.limit, maxDistance: q.maxDistance, all, any,
        only24h: q.open === '24h',
        predicate: q.open === 'now' ? (i: number) => openNow(i, q.at) === true : undefined,
      };
      // few records have notices: those are searched directly instead of walking the trees
      return q.notices?.length ? notices.nearest(points, query, q.notices, q.at) : nearestIndex.query(query);
    },
    noticeKinds: (i, at) => notices.kinds(i, at),
    noticeTest: (kinds, at) => (kinds?.length ? notices.test(kinds, at) : undefined),
    viewport: viewportIndex,
    corridor: () => finish(corridorBuilding()),
    corridorBuilding,
    hasCorridor: () => corridor !== undefined,
    warm: () => finish(warming()),
    warming,
    mapFilter: (q) => notices.mapFilter(mapFilter(q, cols, is24h, kind), q.notices, q.at ?? new Date()),
    search: (q, at, limit) => (prepareSearch(Infinity), searchIndex!.query(q, at, limit)),
    prepareSearch,
    searchBuilding,
    builtSearch: () => searchIndex,
    carrySearch(from, moved, edited) {
      const index = from.builtSearch();
      if (!index || searchIndex || searchBuild || index.carry(cols, near, moved, edited) > MAX_CARRIED_MOVES) return false;
      searchIndex = index;
      return true;
    },
    patch(changes) {
      const filtered = writeValues(cols, points, changes);
      const changed = changes.map((c) => c.i);
      if (searchIndex) searchIndex.update(changed);
      else if (searchBuild) patchedDuringBuild.push(...changed);
      nearestIndex.update(filtered);
      if (cols.notices) notices.update(changed);
      viewport?.update(changed); // the clusters of all points hold positions only
      corridor?.update(filtered);
      return filtered;
    },
    move(moved) {
      if (moved.length === 0) return true;
      const ids = moved.map((m) => m.i), fresh = ids.filter((i) => !nearestIndex.isMoved(i)).length;
      if (nearestIndex.moved.length + fresh > MAX_MOVED) return false;
      const w = cols as unknown as Record<'lng' | 'lat', WritableColumn>;
      for (const { i, lng, lat } of moved) [w.lng[i], w.lat[i], points.lng[i], points.lat[i]] = [lng, lat, lng, lat];
      nearestIndex.move(ids); // the map's ranges read its list (viewportIndex)
      moves++;
      corridor = undefined; // its tree holds the old positions: built again on first use
      // the search index checks moved records one by one (as after a listing rebuilt for a move); past its limit it is built again
      if (searchIndex && searchIndex.carry(cols, near, ids, []) > MAX_CARRIED_MOVES) searchIndex = searchBuild = undefined;
      return true;
    },
    movedSinceBuild: () => nearestIndex.moved.length,
  };
}

type WritableColumn = { [i: number]: unknown };

/** Writes record i's values into the columns (writable arrays): what a patch writes, its position left as it is. */
export function writeRecordValues(cols: ListingColumns, i: number, v: RecordValues): void {
  const w = cols as unknown as Record<keyof ListingColumns, WritableColumn>;
  w.name[i] = v.name;
  w.all[i] = v.all;
  w.any[i] = v.any;
  w.status[i] = v.status;
  w.hours[i] = v.hours;
  w.tz[i] = v.tz;
  if (cols.notices) w.notices[i] = v.notices ?? null;
  if (cols.text) w.text[i] = v.text ?? '';
}

/** Writes the values into the columns and the points (24 h worked out); returns the records whose filter values changed. */
function writeValues(cols: ListingColumns, points: TypedPointColumns, changes: readonly RecordPatch[]): number[] {
  const memo = new Map<string, boolean>();
  const filtered: number[] = [];
  for (const { i, values: v } of changes) {
    const before = [points.all[i], points.any[i], points.is24h[i]];
    let h24 = v.hours ? memo.get(v.hours) : false;
    if (h24 === undefined) memo.set(v.hours!, (h24 = hoursAre24h(v.hours!)));
    writeRecordValues(cols, i, v);
    points.all[i] = v.all;
    points.any[i] = v.any;
    points.is24h[i] = h24 && v.status !== 'temporarily_closed' ? 1 : 0;
    if (before[0] !== points.all[i] || before[1] !== points.any[i] || before[2] !== points.is24h[i]) filtered.push(i);
  }
  return filtered;
}

/** Distance in metres rounded to 0.1 m, as responses carry it. */
export const roundDistance = (h: NearestHit) => Math.round(h.distance * 10) / 10;

/** Distance, open now, 24 h and next change of hit `h` at instant `at`. */
export function liveFields(core: ListingCore, h: NearestHit, at: Date): LiveFields {
  const next = core.nextChange(h.i, at);
  return {
    distance: roundDistance(h),
    openNow: core.openNow(h.i, at),
    is24h: core.is24h[h.i] === 1,
    ...(next ? { nextChange: next.toISOString() } : {}),
  };
}

/** Stations' and merchants' search matches merged: best rank, then nearest, stations first on ties. */
export function mergeSearch<T extends { h: SearchMatch }>(stations: T[], merchants: T[], limit: number): T[] {
  return [...stations, ...merchants].sort((a, b) => a.h.rank - b.h.rank || a.h.distance - b.h.distance).slice(0, limit);
}

/** The map filter of a query over one listing; no filter → the shared unfiltered index. */
function mapFilter(q: MapFilterQuery, cols: ListingColumns, is24h: Uint8Array, kind: ListingKind): ViewportFilter {
  const { all, any } = filterMasks(kind, q);
  const only24h = q.open === '24h';
  if (!all && !any && !only24h) return { key: 'all' };
  return {
    key: `a${all}-t${any}-${only24h ? '24h' : ''}`,
    test: (i) => (cols.all[i] & all) === all && (!any || (cols.any[i] & any) !== 0) && (!only24h || is24h[i] === 1),
  };
}

/** One cache per time zone, made on first use (records without a zone are in Asia/Shanghai). */
function perZone<C>(make: (tz: string) => C): (tz: string | null) => C {
  const caches = new Map<string, C>();
  return (tz) => {
    const zone = tz ?? DEFAULT_TZ;
    let c = caches.get(zone);
    if (!c) caches.set(zone, (c = make(zone)));
    return c;
  };
}

/** 1 where a record is open around the clock (and not temporarily closed); hours parsed once each. */
function* twentyFourHours(cols: ListingColumns): Sliced<Uint8Array> {
  const memo = new Map<string, boolean>();
  const out = new Uint8Array(cols.id.length);
  // a slice ends after SLICE_ITEMS records or PARSES_PER_SLICE parses (~0.1 ms each, ten times that on a slow phone)
  for (let i = 0, parsed = 0, inSlice = 0; i < out.length; i++) {
    const h = cols.hours[i];
    if (h) {
      let v = memo.get(h);
      if (v === undefined) {
        memo.set(h, (v = hoursAre24h(h)));
        parsed++;
      }
      out[i] = v && cols.status[i] !== 'temporarily_closed' ? 1 : 0;
    }
    if (++inSlice === SLICE_ITEMS || parsed === PARSES_PER_SLICE) {
      inSlice = parsed = 0;
      yield;
    }
  }
  return out;
}
const PARSES_PER_SLICE = 2;

/** Moved records a carried search index checks one by one at every query, at most (more: an index is built afresh). */
const MAX_CARRIED_MOVES = 256;

/**
 * Records moved in place (ListingCore.move) at most, between two builds: each is tested one by one
 * by every nearest query and map range (≈ 50 ns each), and the API builds a new listing soon after
 * the first anyway (api/listings.ts).
 */
const MAX_MOVED = 64;

/** A map point's record index, under a symbol key (JSON leaves it out): data/map-answer.ts reads it. */
export const POINT_INDEX = Symbol('listing index');

/** A map point's properties: enough to label it and open its detail, nothing more. */
function featureProps(cols: ListingColumns, i: number, is24h: boolean, kind: ListingKind) {
  return kind === 'stations'
    ? { id: cols.id[i], name: cols.name[i], type: keysOf(STATION_TYPE_KEYS, cols.any[i])[0], is24h, [POINT_INDEX]: i }
    : { id: cols.id[i], name: cols.name[i], category: keysOf(MERCHANT_CATEGORY_KEYS, cols.any[i])[0], is24h, [POINT_INDEX]: i };
}
