/**
 * List items as nearest, search (and corridor) return them: the record plus distance, open-now,
 * 24 h and next change. An item is its ASCII `head` (`{`, the caller's extra members, the
 * distance) and its UTF-8 `tail` (everything after). A station's tail — the computed fields
 * other than distance and its stored document — is the same for every request in the same
 * minute (data/hours.ts evaluates opening hours once a minute), so it is built and encoded once
 * a minute per served station instead of once per response: serialising, splicing and encoding
 * the (mostly Chinese) documents for every response was the largest cost of the nearest route.
 */
import type { NearestHit } from '../data/geo/nearest';
import { liveFields, roundDistance } from '../data/listing-core';
import { localDate, publicMerchant } from '../data/merchants';
import { listStation } from '../data/station-view';
import type { Listing } from './listing';
import type { Store } from './store/port';
import { isStoreOutage } from './store/errors';
import { AMENITY_KEYS, STATION_TYPE_KEYS, keysOf } from '../data/catalog';
import { stationRow } from '../data/list-item';
import type { Station } from '../data/schema';

/** One list item as JSON: `head` + `tail`, where head is ASCII and starts with `{`. */
export interface Item {
  head: string;
  /** UTF-8: one run of bytes, or runs that follow one another (written once, into the answer) */
  tail: Uint8Array | readonly Uint8Array[];
}

/** What listStation adds to a station without notices or confirmations. */
const PLAIN_LIST_FIELDS = '"noticeKinds":[],"confirmations":{"count":0}';
const TAIL_CACHE_ENTRIES = 10_000; // station tails kept per listing (≈ 1 KB each)
const MINUTE_MS = 60_000;

interface Tail {
  minute: number; // minutes since the epoch the live fields hold for
  stamp: number; // the record's stamp (listing.stamp) it was made from: a patched record's tail is stale
  bytes: Buffer;
}
/** Station tails by listing index; a rebuilt listing (new data) starts with an empty cache, a patched record with no tail. */
const tailCaches = new WeakMap<Listing, Map<number, Tail>>();

/** The live fields of hit h at `at` as JSON members, without braces: distance first. */
function liveMembers(listing: Listing, h: NearestHit, at: Date): string {
  return JSON.stringify(liveFields(listing, h, at)).slice(1, -1);
}

/** The live members after distance (which leads, so the rest starts at its comma). */
function liveRest(listing: Listing, h: NearestHit, at: Date): string {
  const live = liveMembers(listing, h, at);
  return live.slice(live.indexOf(',') + 1);
}

/**
 * A station as its index row holds it, for when the database cannot be reached: no address, phone
 * or notes (`partial: true`), but a rider still gets the nearest stations, what works there and
 * when they are open — reads keep being answered from memory.
 */
function indexedStation(listing: Listing, i: number, at: Date): string {
  const r = listing.row(i);
  return JSON.stringify({
    id: r.id, name: r.name, type: keysOf(STATION_TYPE_KEYS, r.any)[0], lat: r.lat, lng: r.lng,
    amenities: keysOf(AMENITY_KEYS, r.all), status: r.status,
    ...(r.hours ? { opening_hours: r.hours } : {}), ...(r.tz ? { timezone: r.tz } : {}),
    partial: true, noticeKinds: listing.noticeKinds(i, at), confirmations: { count: 0 },
  });
}

/** The tails of hits at `at`, by hit (undefined for records deleted since the index was built). */
async function stationTails(listing: Listing, store: Store, hits: NearestHit[], at: Date): Promise<(Buffer | undefined)[]> {
  let cache = tailCaches.get(listing);
  if (!cache) tailCaches.set(listing, (cache = new Map()));
  const minute = Math.floor(at.getTime() / MINUTE_MS);
  const fresh = (t: Tail | undefined, i: number): t is Tail => t?.minute === minute && t.stamp === listing.stamp(i);
  const stale = hits.filter((h) => !fresh(cache.get(h.i), h.i));
  if (stale.length > 0) {
    const stamps = stale.map((h) => listing.stamp(h.i)); // before the read: a patch meanwhile makes these tails stale
    const docs = await listing.docs(stale.map((h) => h.i), store.stationDocs).catch((err) => {
      if (isStoreOutage(err)) return undefined; // the database is gone: answer from the index (below), never cached
      throw err;
    });
    if (!docs) return hits.map((h) => cache.get(h.i)?.bytes ?? Buffer.from(`${liveRest(listing, h, at)},${indexedStation(listing, h.i, at).slice(1)}`));
    stale.forEach((h, k) => {
      const doc = docs[k];
      if (doc === undefined) return cache.delete(h.i);
      const rest = liveRest(listing, h, at);
      if (cache.size >= TAIL_CACHE_ENTRIES && !cache.has(h.i)) cache.delete(cache.keys().next().value!);
      // the record as lists show it: its current notice kinds and confirmations (data/station-view.ts);
      // most stations have neither notices nor confirmations, and their document is spliced as it is
      const plain = !doc.includes('"notices":') && !doc.includes('"confirmed_on":');
      const record = plain ? `${doc.slice(0, -1)},${PLAIN_LIST_FIELDS}}` : JSON.stringify(listStation(JSON.parse(doc), at));
      cache.set(h.i, { minute, stamp: stamps[k], bytes: Buffer.from(`${rest},${record.slice(1)}`) });
    });
  }
  return hits.map((h) => cache.get(h.i)?.bytes);
}

/** Station items by hit (undefined for records deleted since the index was built): one read for all. */
export async function stationItems(listing: Listing, store: Store, hits: NearestHit[], at: Date, extra = ''): Promise<(Item | undefined)[]> {
  const tails = await stationTails(listing, store, hits, at);
  return hits.map((h, k) => {
    const tail = tails[k];
    return tail && { head: `{${extra}"distance":${roundDistance(h)},`, tail };
  });
}

/**
 * Per listing: each served station's row members (data/list-item.ts) as UTF-8, encoded the first
 * time it is served — one growing arena, ≈ 200 B a station, at most 40 MB (then it starts afresh;
 * so does a rebuilt listing) — and the live members per status, zone and hours string, once a
 * minute (a few hundred strings nationally). A random place's ten stations then cost no document
 * read, parse or JSON building once each has been served.
 */
interface RowMemo {
  minute: number;
  live: Map<string, Buffer>;
  arena: Buffer;
  used: number;
  start: Uint32Array;
  end: Uint32Array; // 0: not encoded (or stale)
  stamp: Uint32Array; // the record's stamp it was encoded from
}
const rowMemos = new WeakMap<Listing, RowMemo>();
const ARENA_START_BYTES = 1 << 20; // grows by doubling…
const ARENA_MAX_BYTES = 40 << 20; // …up to this (the 300 MB budget at 400 k), then starts afresh

function rowMemo(listing: Listing, minute: number): RowMemo {
  let m = rowMemos.get(listing);
  if (!m) {
    const n = listing.size;
    const arena = Buffer.allocUnsafe(ARENA_START_BYTES);
    rowMemos.set(listing, (m = { minute, live: new Map(), arena, used: 0, start: new Uint32Array(n), end: new Uint32Array(n), stamp: new Uint32Array(n) }));
  }
  if (m.minute !== minute) [m.minute, m.live] = [minute, new Map()];
  return m;
}

/** `,"openNow":…` up to the notice kinds: the same for every station with this status, zone and hours this minute. */
function liveRun(listing: Listing, memo: RowMemo, h: NearestHit, at: Date): Buffer {
  const { status, tz, hours } = listing.cols;
  const key = `${status[h.i]}\u0000${tz[h.i] ?? ''}\u0000${hours[h.i] ?? ''}`;
  let run = memo.live.get(key);
  if (run === undefined) memo.live.set(key, (run = Buffer.from(`,${liveRest(listing, h, at)}`)));
  return run;
}

/**
 * Encodes the row members of the hits not encoded yet (one document read for all). Returns each
 * hit's members, undefined for records gone since the index was built; while the database cannot
 * be read, the index row (`partial: true`), never kept.
 */
async function rowsOf(listing: Listing, store: Store, memo: RowMemo, hits: NearestHit[]): Promise<(Buffer | undefined)[]> {
  const fresh = (i: number) => memo.end[i] !== 0 && memo.stamp[i] === listing.stamp(i);
  if (memo.used > ARENA_MAX_BYTES) [memo.used, memo.end] = [0, new Uint32Array(memo.end.length)]; // full: start afresh (rarely: ≈ 200 k stations served)
  const todo = hits.filter((h) => !fresh(h.i));
  const transient = new Map<number, Buffer | undefined>();
  if (todo.length > 0) {
    const stamps = todo.map((h) => listing.stamp(h.i)); // before the read: a patch meanwhile makes these stale
    const docs = await listing.docs(todo.map((h) => h.i), store.stationDocs).catch((err) => {
      if (isStoreOutage(err)) return undefined;
      throw err;
    });
    todo.forEach((h, k) => {
      if (!docs) return transient.set(h.i, Buffer.from(indexedRow(listing, h.i)));
      const doc = docs[k];
      if (doc === undefined) return transient.set(h.i, undefined);
      const text = JSON.stringify(stationRow(JSON.parse(doc) as Station)).slice(1);
      const bytes = Buffer.byteLength(text);
      if (memo.used + bytes > memo.arena.length) {
        const bigger = Buffer.allocUnsafe(Math.max(memo.arena.length * 2, memo.used + bytes));
        memo.arena.copy(bigger, 0, 0, memo.used);
        memo.arena = bigger;
      }
      memo.start[h.i] = memo.used;
      memo.used += memo.arena.write(text, memo.used);
      memo.end[h.i] = memo.used;
      memo.stamp[h.i] = stamps[k];
    });
  }
  return hits.map((h) => (transient.has(h.i) ? transient.get(h.i) : memo.arena.subarray(memo.start[h.i], memo.end[h.i])));
}

/** A station's row members as its index row holds them (the database cannot be read): `partial: true`. */
function indexedRow(listing: Listing, i: number): string {
  const r = listing.row(i);
  return JSON.stringify({
    id: r.id, name: r.name, lat: r.lat, lng: r.lng, type: keysOf(STATION_TYPE_KEYS, r.any)[0], status: r.status,
    amenities: keysOf(AMENITY_KEYS, r.all), ...(r.hours ? { opening_hours: r.hours } : {}), ...(r.tz ? { timezone: r.tz } : {}), partial: true,
  }).slice(1);
}

/**
 * Station list items (data/list-item.ts, the row's fields) by hit, undefined for records deleted
 * since the index was built: spliced from bytes prepared per station and per hours string.
 */
export async function stationRowItems(listing: Listing, store: Store, hits: NearestHit[], at: Date): Promise<(Item | undefined)[]> {
  const memo = rowMemo(listing, Math.floor(at.getTime() / MINUTE_MS));
  const rows = await rowsOf(listing, store, memo, hits);
  return hits.map((h, k) => {
    const own = rows[k];
    if (!own) return undefined;
    const kinds = listing.noticeKinds(h.i, at);
    const run = liveRun(listing, memo, h, at);
    const notices = kinds.length ? Buffer.from(`,"noticeKinds":${JSON.stringify(kinds)},`) : NO_NOTICES;
    return { head: `{"distance":${roundDistance(h)}`, tail: [run, notices, own] };
  });
}
const NO_NOTICES = Buffer.from(',"noticeKinds":[],');

/** Approved-merchant items (offers valid today) by hit, as stationItems. */
export async function merchantItems(listing: Listing, store: Store, hits: NearestHit[], at: Date, extra = ''): Promise<(Item | undefined)[]> {
  const merchants = await store.merchantsByRowid(hits.map((h) => listing.cols.rowid[h.i]));
  const day = localDate(at);
  return hits.map((h, k) => {
    const m = merchants[k];
    return m && { head: `{${extra}${liveMembers(listing, h, at)},`, tail: Buffer.from(JSON.stringify(publicMerchant(m, day)).slice(1)) };
  });
}

/** The items that exist, in order. */
export const present = (items: (Item | undefined)[]): Item[] => items.filter((i): i is Item => i !== undefined);

/** The item with more members in front (`"kind":"station",` …; `fields` ends with a comma). */
export function withFields(item: Item, fields: string): Item {
  return { head: `{${fields}${item.head.slice(1)}`, tail: item.tail };
}

/**
 * `…"items":[item,item,…]}` as UTF-8: `before` is everything up to and including `"items":[`. The
 * answer is measured, then written into one buffer: a buffer per item and per head, then their
 * concatenation, cost a nearest answer of ten ~3 µs more (of ~20 µs for its items).
 */
export function itemsJson(items: readonly Item[], before = '{"items":['): Uint8Array<ArrayBuffer> {
  const runs = (item: Item) => (item.tail instanceof Uint8Array ? [item.tail] : item.tail);
  let size = Buffer.byteLength(before) + Math.max(0, items.length - 1) + 2;
  for (const item of items) {
    size += Buffer.byteLength(item.head);
    for (const run of runs(item)) size += run.length;
  }
  const out = answerBuffer(size);
  let at = out.write(before);
  items.forEach((item, k) => {
    if (k > 0) out[at++] = 0x2c; // ,
    at += out.write(item.head, at);
    for (const run of runs(item)) {
      out.set(run, at);
      at += run.length;
    }
  });
  out.write(']}', at);
  return out;
}

/**
 * Answers are cut from slabs, each region handed out once (a slab is freed when its last answer
 * is): Buffer.allocUnsafe pools only sizes under 4 KB, and a nearest answer of ten (≈ 5 KB) got a
 * fresh ArrayBuffer of its own, ≈ 3 µs of the request.
 */
const SLAB_BYTES = 256 << 10;
let slab = Buffer.allocUnsafeSlow(0);
let slabUsed = 0;

function answerBuffer(size: number): Buffer<ArrayBuffer> {
  if (size > SLAB_BYTES >> 3) return Buffer.allocUnsafe(size);
  if (slabUsed + size > slab.length) [slab, slabUsed] = [Buffer.allocUnsafeSlow(SLAB_BYTES), 0];
  const out = slab.subarray(slabUsed, slabUsed + size);
  slabUsed += (size + 7) & ~7; // the next answer starts aligned, as Buffer's own pool does
  return out;
}
