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
import { stationRow, stationRowText } from '../data/list-item';
import { rowTimesOf } from './row-times';
import type { Station } from '../data/schema';
import { makeRoom } from '../data/bounded-map';

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
      if (!cache.has(h.i)) makeRoom(cache, TAIL_CACHE_ENTRIES);
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
 * time it is served — into 1 MB slabs, ≈ 200 B a station, 40 of them (then a fresh memo; so
 * does a rebuilt listing) — and its live class: status, zone and hours, what its live members
 * depend on (a few hundred classes nationally), whose members are encoded once a minute. A random
 * place's ten stations then cost no document read, parse or JSON building once each has been served.
 */
interface RowMemo {
  slabs: Buffer[];
  used: number; // bytes used in the last slab
  at: Uint32Array; // where the row is: slab × ROW_SLAB_BYTES + offset
  len: Uint32Array; // its bytes; 0: not encoded
  stamp: Uint32Array; // the record's stamp it was encoded from
  cls: Uint32Array; // the station's live class + 1, set with its row
  classes: Map<string, number>; // live class by status, zone and hours
  minute: number; // minutes since the epoch `runs` hold for
  runs: (Buffer | undefined)[]; // by live class: `,"openNow":…,"noticeKinds":`
}
const rowMemos = new WeakMap<Listing, RowMemo>();
// slabs, not one arena grown by doubling: that reached 64 MB for 40 MB of rows, with the 32 MB
// it was copied from alive meanwhile (the 300 MB budget at 400 k)
const ROW_SLAB_BYTES = 1 << 20;
const ROW_SLABS_MAX = 40;

function newRowMemo(n: number): RowMemo {
  return {
    slabs: [Buffer.allocUnsafe(ROW_SLAB_BYTES)], used: 0, at: new Uint32Array(n), len: new Uint32Array(n), stamp: new Uint32Array(n),
    cls: new Uint32Array(n), classes: new Map(), minute: -1, runs: [],
  };
}

/**
 * The listing's memo. A full one is replaced by a fresh memo (rarely: ≈ 200 k stations served), never
 * overwritten in place: a request that was waiting for documents still reads its rows from the old one.
 */
function rowMemo(listing: Listing): RowMemo {
  let m = rowMemos.get(listing);
  if (!m || m.slabs.length >= ROW_SLABS_MAX) rowMemos.set(listing, (m = newRowMemo(listing.size)));
  return m;
}

/** Station i's live class (the same live members for every station in it, in any one minute). */
function liveClass(listing: Listing, memo: RowMemo, i: number): number {
  const { status, tz, hours } = listing.cols;
  const key = `${status[i]}\u0000${tz[i] ?? ''}\u0000${hours[i] ?? ''}`;
  let c = memo.classes.get(key);
  if (c === undefined) memo.classes.set(key, (c = memo.classes.size));
  return c;
}

/**
 * Encodes the row members of the hits not encoded yet: spelt from the listing's columns where the
 * station's row times are read (api/row-times.ts), the rest from their documents (one read for
 * all). Returns the rows not kept in the slabs: undefined for records gone since the index was
 * built, and while the database cannot be read, the index row (`partial: true`).
 */
async function encodeRows(listing: Listing, store: Store, memo: RowMemo, hits: NearestHit[]): Promise<Map<number, Buffer | undefined>> {
  const transient = new Map<number, Buffer | undefined>();
  const todo: NearestHit[] = []; // the rows to read from their documents
  for (const h of hits) {
    if (memo.len[h.i] !== 0 && memo.stamp[h.i] === listing.stamp(h.i)) continue;
    const t = rowTimesOf(listing, h.i);
    if (t) keepRow(listing, memo, h.i, stationRowText(listing.cols, h.i, t), listing.stamp(h.i), transient);
    else todo.push(h);
  }
  if (todo.length === 0) return transient;
  const stamps = todo.map((h) => listing.stamp(h.i)); // before the read: a patch meanwhile makes these stale
  // past the listing's document cache: a row is encoded once and its document not needed again;
  // kept in that cache, each document lived long enough to reach the old heap before it was
  // dropped (random places at 400 k: ~30 MB more heap every 8 s until a full collection)
  const docs = await store.stationDocs(todo.map((h) => listing.cols.rowid[h.i])).catch((err) => {
    if (isStoreOutage(err)) return undefined;
    throw err;
  });
  todo.forEach((h, k) => {
    if (!docs) return transient.set(h.i, Buffer.from(indexedRow(listing, h.i)));
    const doc = docs[k];
    if (doc === undefined) return transient.set(h.i, undefined);
    keepRow(listing, memo, h.i, JSON.stringify(stationRow(JSON.parse(doc) as Station)).slice(1), stamps[k], transient);
  });
  return transient;
}

/** Keeps station i's row text, made from the record at `stamp`, in the memo's slabs (in `transient` if it could never fit one). */
function keepRow(listing: Listing, memo: RowMemo, i: number, text: string, stamp: number, transient: Map<number, Buffer | undefined>): void {
  const bytes = Buffer.byteLength(text);
  if (bytes > ROW_SLAB_BYTES) return void transient.set(i, Buffer.from(text)); // never (a station is a few hundred bytes)
  if (memo.used + bytes > ROW_SLAB_BYTES) {
    memo.slabs.push(Buffer.allocUnsafe(ROW_SLAB_BYTES));
    memo.used = 0;
  }
  memo.at[i] = (memo.slabs.length - 1) * ROW_SLAB_BYTES + memo.used;
  memo.len[i] = memo.slabs[memo.slabs.length - 1].write(text, memo.used);
  memo.used += bytes;
  memo.stamp[i] = stamp;
  memo.cls[i] = liveClass(listing, memo, i) + 1;
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
 * `{"items":[…]}` of station list items (data/list-item.ts, the row's fields), leaving out records
 * deleted since the index was built: written straight into the answer from each station's row
 * bytes and its live class's bytes for this minute (as items and itemsJson, this was half the
 * nearest route's own time at random places).
 */
export async function stationRowsJson(listing: Listing, store: Store, hits: NearestHit[], at: Date): Promise<Uint8Array<ArrayBuffer>> {
  const memo = rowMemo(listing);
  const transient = await encodeRows(listing, store, memo, hits);
  const minute = Math.floor(at.getTime() / MINUTE_MS);
  if (memo.minute !== minute) [memo.minute, memo.runs] = [minute, []];
  const heads: string[] = [], runs: Buffer[] = [], kindLists: string[] = [], rows: number[] = [];
  let size = ROWS_BEFORE.length + 2;
  for (const h of hits) {
    const kept = !transient.has(h.i);
    if (!kept && transient.get(h.i) === undefined) continue;
    // the class found when the row was encoded, unless the record was patched since (while this waited for documents)
    const c = kept && memo.stamp[h.i] === listing.stamp(h.i) ? memo.cls[h.i] - 1 : liveClass(listing, memo, h.i);
    const run = (memo.runs[c] ??= Buffer.from(`,${liveRest(listing, h, at)},"noticeKinds":`));
    const kinds = listing.noticeKinds(h.i, at);
    const head = `${rows.length > 0 ? ',' : ''}{"distance":${roundDistance(h)}`;
    const kindList = kinds.length ? `${JSON.stringify(kinds)},` : '[],';
    heads.push(head);
    runs.push(run);
    kindLists.push(kindList);
    rows.push(h.i);
    size += head.length + run.length + kindList.length + (kept ? memo.len[h.i] : transient.get(h.i)!.length);
  }
  const out = answerBuffer(size);
  let o = out.write(ROWS_BEFORE, 0, 'latin1');
  rows.forEach((i, k) => {
    o += out.write(heads[k], o, 'latin1');
    o += runs[k].copy(out, o);
    o += out.write(kindLists[k], o, 'latin1');
    const own = transient.get(i);
    const from = memo.at[i] % ROW_SLAB_BYTES;
    o += own ? own.copy(out, o) : memo.slabs[Math.floor(memo.at[i] / ROW_SLAB_BYTES)].copy(out, o, from, from + memo.len[i]);
  });
  out.write(']}', o, 'latin1');
  return out;
}
const ROWS_BEFORE = '{"items":[';

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
 * `…"items":[item,item,…]}` as UTF-8: `before` (ASCII, as every head is) is everything up to and
 * including `"items":[`. The answer is measured, then written into one buffer: a buffer per item
 * and per head, then their concatenation, cost a nearest answer of ten ~3 µs more (of ~20 µs for its items).
 */
export function itemsJson(items: readonly Item[], before = '{"items":['): Uint8Array<ArrayBuffer> {
  const runs = (item: Item) => (item.tail instanceof Uint8Array ? [item.tail] : item.tail);
  let size = before.length + Math.max(0, items.length - 1) + 2;
  for (const item of items) {
    size += item.head.length;
    for (const run of runs(item)) size += run.length;
  }
  const out = answerBuffer(size);
  let at = out.write(before, 0, 'latin1');
  items.forEach((item, k) => {
    if (k > 0) out[at++] = 0x2c; // ,
    at += out.write(item.head, at, 'latin1');
    for (const run of runs(item)) {
      out.set(run, at);
      at += run.length;
    }
  });
  out.write(']}', at, 'latin1');
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
