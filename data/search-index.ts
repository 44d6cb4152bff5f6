/**
 * Name search over one listing, for the API and the offline copy alike: Chinese by character
 * n-grams, pinyin by whole readings or initials (data/pinyin.ts), every word of a multi-word query
 * ("鼓楼 工会"), ranked: the name starts with the query (or the id equals it) > the name holds every
 * word; nearer first within a rank, then listing index.
 *
 * Postings list the records holding each gram: name bigrams, name characters, initials bigrams of
 * consecutive characters, and each name's first bigram and first two and three initials (the
 * prefix rank). They hold records by their position in quadtree order (data/search-near.ts),
 * packed as gaps (data/postings.ts). A query's candidates are the records holding every gram of a
 * word: when they are few (`direct`) each is checked exactly; when they are many (驿站, gonghui)
 * they are scanned nearest first until the best `limit` are nearer than any left. Each rank asks
 * only for the places the ranks above left. Answers are what checking every record would give.
 *
 * A word in Latin letters is read as a run of characters spelt by whole readings, then initials
 * (data/pinyin.ts): its possible spellings give the initials the characters must have ("gulou":
 * g·l, or g·u·l·o·u as five initials). Those sequences choose the postings (the
 * rarest initials pair of each) and make a cheap test before the exact one: a name whose
 * characters' initials (one byte array for all records) hold none of them cannot match — the
 * exact pinyin check costs microseconds, and a walk over a sparse spelling would otherwise make
 * it for nearly every record.
 */
import { haversine } from './geo/haversine';
import type { NearestHit } from './geo/nearest';
import { createKeySlots } from './key-slots';
import { initialsAt, initialsOf, pinyinAt, pinyinIndex, readingsOf } from './pinyin';
import { createPostingsPacker, plainList, type PostingList, type PostingsPacker } from './postings';
import { candidateCount, nearScanBuild, type Alternative, type IntersectOptions } from './search-near';

export interface SearchMatch extends NearestHit {
  /** 0: name starts with the query, or id equals it; 1: the name holds every word; 2: the name and the other text (address, offers) do */
  rank: number;
}

export interface SearchColumns {
  id: ArrayLike<string>;
  name: ArrayLike<string>;
  /** what else a record is found by (merchants: address, offers), ranked below its name */
  text?: ArrayLike<string>;
  lng: ArrayLike<number>;
  lat: ArrayLike<number>;
}

/** The nearest `limit` records passing `predicate`, nearest first (the listing's nearest index: a query without a selective gram walks it). */
export type NearWalk = (lng: number, lat: number, limit: number, predicate: (i: number) => boolean) => NearestHit[];

export interface SearchIndex {
  /** The best `limit` matches of `q` (see the file comment). */
  query(q: string, at: { lng: number; lat: number }, limit: number): SearchMatch[];
  /** Records i were patched in place (data/listing-core.ts): their names are read again. */
  update(changed: readonly number[]): void;
  /**
   * Serves a listing built from other columns of the same records in the same places, some
   * `moved` and some `edited` (api/listings.ts rebuilds a listing so for a move): reads their
   * columns and walks their nearest index from now on, reads the edited records' names again, and
   * checks the moved ones (their postings place them where they were) at every query, outside the
   * scans. Answers are then what an index built from those columns gives. The records moved so far.
   */
  carry(cols: SearchColumns, near: NearWalk, moved: readonly number[], edited: readonly number[]): number;
}

export interface SearchOptions {
  /** candidates checked one by one up to this many; more: scanned nearest first (tests set 0 to scan always) */
  direct?: number;
  /** @deprecated no effect: above `direct` candidates are always scanned nearest first (it used to choose a walk of the nearest index by cost) */
  costed?: boolean;
  /** the record with an id (a map the caller has); without it ids are looked up one by one */
  indexOfId?: (id: string) => number | undefined;
  /** when a scan intersects alternatives of common words whole (data/search-near.ts; tests: always) */
  intersect?: IntersectOptions;
  /** slots of distinct names kept while postings are built (4 bytes each): beyond, a name's grams are found again (tests set a few) */
  keptSlots?: number;
  /** records read between two of a build's yields: a few milliseconds' work on a server (a phone's page asks for fewer) */
  slice?: number;
}
const defaultOptions: Required<Omit<SearchOptions, 'indexOfId' | 'intersect'>> = {
  direct: 512, // candidates checked in list order up to this many: below it a scan's descent costs more than it saves
  costed: true,
  keptSlots: 4_000_000,
  slice: 2048,
};
const SPACE = 2 ** 32; // gram kinds live in separate key ranges
const [BIGRAM, CHAR, INITIALS, FIRST_PAIR, FIRST_CHAR, FIRST_INITIALS, FIRST_INITIALS3, TEXT_PAIR, TEXT_CHAR] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => k * SPACE);
const LATIN = /^[a-z0-9]+$/; // a word spelled in pinyin (or Latin letters and digits, which read as themselves)

/** Lower case without spaces (so "中山 路" is "中山路"). */
export const normalise = (s: string) => (plain(s) ? s : s.toLowerCase().replace(/[\s\u3000]+/g, ''));

/**
 * Whether s is its own normal form: only characters without case that are not spaces (CJK,
 * digits, lower-case letters, punctuation). Most names are: a build reads 400 k of them, and
 * lower-casing a CJK string is slow and makes a copy.
 */
function plain(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 128 ? (c >= 65 && c <= 90) || c === 32 || (c >= 9 && c <= 13) : !((c >= 0x3400 && c <= 0x9fff) || (c > 0x3000 && c <= 0x303f))) return false;
  }
  return true;
}
const pair = (s: string, k: number) => s.charCodeAt(k) * 65536 + s.charCodeAt(k + 1);

/** The gram keys of the name or text read last (`gramsOf`, `textGramsOf`): doubles in a typed array, never boxed. */
let grams = new Float64Array(256);
const NO_INITIALS: readonly number[] = [];

/** Makes room in `grams` for `more` keys after the first `used`. */
function room(used: number, more: number): void {
  if (used + more <= grams.length) return;
  const bigger = new Float64Array(2 * (used + more));
  bigger.set(grams.subarray(0, used));
  grams = bigger;
}

/** Reads every gram key of a normalised name into `grams`; returns how many. */
function gramsOf(n: string): number {
  let c = 0;
  for (let k = 0; k < n.length; k++) {
    const as = initialsAt(n, k), bs = k + 1 < n.length ? initialsAt(n, k + 1) : NO_INITIALS;
    room(c, 2 + as.length * bs.length);
    grams[c++] = CHAR + n.charCodeAt(k);
    if (k + 1 < n.length) {
      grams[c++] = BIGRAM + pair(n, k);
      for (let x = 0; x < as.length; x++) for (let y = 0; y < bs.length; y++) grams[c++] = INITIALS + as[x] * 256 + bs[y];
    }
  }
  if (n.length === 0) return c;
  room(c, 1);
  grams[c++] = FIRST_CHAR + n.charCodeAt(0);
  if (n.length < 2) return c;
  const as = initialsAt(n, 0), bs = initialsAt(n, 1), cs = n.length >= 3 ? initialsAt(n, 2) : NO_INITIALS;
  room(c, 1 + as.length * bs.length * (1 + cs.length));
  grams[c++] = FIRST_PAIR + pair(n, 0);
  for (let x = 0; x < as.length; x++) {
    for (let y = 0; y < bs.length; y++) {
      grams[c++] = FIRST_INITIALS + as[x] * 256 + bs[y];
      for (let z = 0; z < cs.length; z++) grams[c++] = FIRST_INITIALS3 + as[x] * 65536 + bs[y] * 256 + cs[z];
    }
  }
  return c;
}

/** Reads the gram keys of a record's other text (characters and pairs, spaces left out) into `grams`; returns how many. */
function textGramsOf(t: string): number {
  let c = 0;
  room(0, 2 * t.length);
  for (let k = 0; k < t.length; k++) {
    if (t.charCodeAt(k) === 32) continue;
    grams[c++] = TEXT_CHAR + t.charCodeAt(k);
    if (k + 1 < t.length && t.charCodeAt(k + 1) !== 32) grams[c++] = TEXT_PAIR + pair(t, k);
  }
  return c;
}

/** A record's other text as search compares it: lower case, words apart. */
const textOf = (cols: SearchColumns, i: number) => (cols.text?.[i] ?? '').toLowerCase().replace(/[\s\u3000]+/g, ' ');

/** Builds the index over a listing's columns at once; `near` answers the dense queries. */
export function createSearchIndex(cols: SearchColumns, near: NearWalk, options?: SearchOptions): SearchIndex {
  const build = searchIndexBuild(cols, near, options);
  for (;;) {
    const step = build.next();
    if (step.done) return step.value;
  }
}

/**
 * Calls `work` with 0…n−1, yielding after every `size`: the loop runs in a plain function, which
 * the engine compiles as it runs (a loop in a generator stays interpreted between resumptions).
 */
function* inSlices(n: number, size: number, work: (i: number) => void): Generator<void, void> {
  const run = (from: number, to: number) => {
    for (let i = from; i < to; i++) work(i);
  };
  for (let from = 0; from < n; from += size) {
    run(from, Math.min(n, from + size));
    yield;
  }
}

/**
 * The postings of every gram, packed (data/postings.ts), list s the positions in `order` holding
 * slot s's key, ascending. Names repeat (驿站 chains, roads by the thousand), so each distinct
 * name's grams are found once and their slots kept (one flat array, up to `most`) for the two
 * passes in position order the packer needs; a name beyond the cap has its grams found again in
 * each. Other text is read per record.
 */
function* postingsOf(names: readonly string[], texts: readonly string[] | undefined, order: Uint32Array, most: number, slice: number) {
  const n = names.length, slot = createKeySlots(1 << 16), last: number[] = [];
  let stamp = 0; // the name or text being read: a slot is taken once each
  // the slots slotsOf found last (an array emptied by its length for every name gave its store back, and grew
  // a new one a push at a time: 60 MB of garbage a build at 400 k)
  let found = new Int32Array(256);
  /** The slots of a name's (or text's) grams, each once, into found[0…count); returns count. */
  const slotsOf = (text: string, read: typeof gramsOf): number => {
    stamp++;
    const count = read(text), slots = slot.slotsFor(grams, count);
    if (count > found.length) found = new Int32Array(Math.max(count, 2 * found.length));
    let m = 0;
    for (let k = 0; k < count; k++) {
      const s = slots[k];
      if (s === last.length) last.push(-1); // a slot made just now: slots are numbered in order
      if (last[s] !== stamp) (last[s] = stamp), (found[m++] = s);
    }
    return m;
  };
  // each record's distinct name (by number), and each name's first record
  const idOf = new Map<string, number>(), nameOf = new Int32Array(n), firstOf: number[] = [];
  yield* inSlices(n, slice, (i) => {
    let d = idOf.get(names[i]);
    if (d === undefined) idOf.set(names[i], (d = firstOf.length)), firstOf.push(i);
    nameOf[i] = d;
  });
  idOf.clear();
  // name d's slots at kept[keptFrom[d]…keptFrom[d + 1]], or found `again` (past the cap)
  const distinct = firstOf.length, keptFrom = new Uint32Array(distinct + 1), again = new Uint8Array(distinct);
  let kept = new Int32Array(1 << 16), used = 0;
  yield* inSlices(distinct, slice, (d) => {
    const m = slotsOf(names[firstOf[d]], gramsOf);
    if (used + m <= most) {
      if (used + m > kept.length) {
        const more = new Int32Array(Math.min(most, Math.max(kept.length * 2, used + m)));
        more.set(kept.subarray(0, used));
        kept = more;
      }
      for (let k = 0; k < m; k++) kept[used++] = found[k];
    } else again[d] = 1;
    keptFrom[d + 1] = used;
  });
  // every slot is known once the names are read, but other text may add some: read it first
  if (texts) yield* inSlices(n, slice, (i) => void slotsOf(texts[i], textGramsOf));
  const packer = createPostingsPacker(slot.size);
  // each position's distinct name, read once in position order: both passes then go through it in sequence
  // (order is by place, so nameOf[order[p]] jumps about: a cache miss a record, in each pass)
  const nameAt = new Int32Array(n);
  yield* inSlices(n, 4 * slice, (p) => void (nameAt[p] = nameOf[order[p]]));
  const pass = (put: PostingsPacker['add']) =>
    inSlices(n, slice, (p) => {
      const d = nameAt[p];
      if (again[d] === 1) {
        const m = slotsOf(names[order[p]], gramsOf); // (before `found` is read: it may grow)
        put(found, 0, m, p);
      } else put(kept, keptFrom[d], keptFrom[d + 1], p);
      if (texts) {
        const m = slotsOf(texts[order[p]], textGramsOf);
        put(found, 0, m, p);
      }
    });
  yield* pass(packer.count);
  yield* pass(packer.add);
  return { slot, packed: packer.done(), nameOf, firstOf };
}

/** Lists not of the packed postings: none, and the records renamed since the build (their keys are no slot's). */
const NO_RECORDS = plainList(new Uint32Array(0), -1), RENAMED = -2;

/**
 * Builds the index a slice at a time: each `next()` does a few milliseconds' work, the last returns
 * the index. A server drives it between requests (a national listing's index takes seconds); names
 * changed while it runs must be passed to `update` once it is done.
 */
export function* searchIndexBuild(cols: SearchColumns, near: NearWalk, options?: SearchOptions): Generator<void, SearchIndex> {
  const { direct, indexOfId, intersect } = { ...defaultOptions, ...options };
  // (an explicit undefined is the default too)
  const keptSlots = options?.keptSlots ?? defaultOptions.keptSlots, slice = options?.slice ?? defaultOptions.slice;
  const n = cols.id.length, names = new Array<string>(n), texts = cols.text ? new Array<string>(n) : undefined;
  const scanner = yield* nearScanBuild(cols.lng, cols.lat, n, intersect), order = scanner.rec;
  yield;
  yield* inSlices(n, 4 * slice, (i) => {
    const name = normalise(cols.name[i]);
    names[i] = name === cols.name[i] ? cols.name[i] : name; // the column's own string when equal, not a copy
    if (texts) texts[i] = textOf(cols, i);
  });
  const { slot, packed, nameOf, firstOf } = yield* postingsOf(names, texts, order, keptSlots, slice);
  const chars = Array.from(slot.keys()).filter((key) => key >= CHAR && key < CHAR + SPACE).map((key) => String.fromCharCode(key - CHAR));
  const syllables = new Set<string>(), starts = new Set<string>(); // every reading in the names, and every start of one
  const addReadings = (c: string) => {
    for (const r of readingsOf(c)) {
      syllables.add(r);
      for (let k = 1; k <= r.length; k++) starts.add(r.slice(0, k));
    }
  };
  chars.forEach(addReadings);
  // each distinct name's characters by initial (one letter each; ' ' for a character without a
  // reading), all in one byte array (a string each was ≈ 40 bytes of overhead a record), and per
  // record whether a character has readings of different initials (重: z, c), which one letter cannot say
  const distinct = firstOf.length, from = new Uint32Array(distinct + 1), polyName = new Uint8Array(distinct), poly = new Uint8Array(n);
  for (let d = 0; d < distinct; d++) from[d + 1] = from[d] + names[firstOf[d]].length;
  const letters = new Uint8Array(from[distinct]);
  const renamedLetters = new Map<number, Uint8Array>(); // records renamed since: their own
  yield* inSlices(distinct, 2 * slice, (d) => {
    writeInitials(names[firstOf[d]], letters, from[d]);
    polyName[d] = hasPolyInitials(names[firstOf[d]]) ? 1 : 0;
  });
  for (let i = 0; i < n; i++) poly[i] = polyName[nameOf[i]];
  /** Where record i's initials are in `seq`'s terms: the first index ≥ `at` where they hold `seq`, or -1 (`anchored`: only at `at`). */
  const initialsIndex = (i: number, seq: string, at: number, anchored: boolean): number => {
    const own = renamedLetters.get(i), d = nameOf[i];
    const bytes = own ?? letters, base = own ? 0 : from[d], end = own ? own.length : from[d + 1] - from[d];
    for (let k = at; k + seq.length <= end; k++) {
      let j = 0;
      while (j < seq.length && bytes[base + k + j] === seq.charCodeAt(j)) j++;
      if (j === seq.length) return k;
      if (anchored) return -1;
    }
    return -1;
  };
  const list = (key: number) => {
    const s = slot.find(key);
    return s < 0 ? NO_RECORDS : packed.list(s);
  };
  // records renamed (or given other text) since the build: their postings are of the old, so they are candidates of
  // every query (checked exactly, like the others); an edit renames few, a rebuild starts afresh
  const renamed = new Set<number>();
  let renamedList = NO_RECORDS; // their positions, ascending
  // records moved since the build (see carry): the scans' cells hold them where they were, so the scans pass them over
  const moved = new Set<number>();
  const readingGroups = new Map<string, PostingList[] | null>(); // by reading (see readingGroup)
  const pairGroups = new Map<string, PostingList[] | null>(); // by pair of characters (see pairGroup), a few thousand kept
  const charsBySpec = new Map<string, number[]>();
  let pairsIndexMade: PairsIndex | undefined, firstPairsIndex: PairsIndex | undefined;
  let unionKey = -16; // keys of the lists made by union, each its own (below the packed lists' and the special ones)
  let unitedEntries = 0; // in the unions kept
  return {
    query: (q, at, limit) => search(q, at, limit),
    update(changed) {
      for (const i of changed) {
        const name = normalise(cols.name[i]);
        if (texts && texts[i] !== textOf(cols, i)) (texts[i] = textOf(cols, i)), renamed.add(i);
        if (name === names[i]) continue;
        names[i] = name;
        poly[i] = hasPolyInitials(name) ? 1 : 0;
        const own = new Uint8Array(name.length);
        writeInitials(name, own, 0);
        renamedLetters.set(i, own);
        for (const c of name) addReadings(c);
        renamed.add(i);
      }
      if (renamed.size === renamedList.length) return;
      const positions: number[] = [];
      for (let p = 0; p < n; p++) if (renamed.has(order[p])) positions.push(p);
      renamedList = plainList(Uint32Array.from(positions), RENAMED);
    },
    carry(next, walk, movedNow, edited) {
      [cols, near] = [next, walk];
      for (const i of movedNow) moved.add(i);
      this.update(edited);
      return moved.size;
    },
  };

  /** Records that may hold every word (null: any record): the product of their alternatives, the rarest word's alone when that grows large. */
  function everyWord(perWord: (Alternative[] | null)[]): Alternative[] | null {
    const known = perWord.filter((c) => c !== null).sort((a, b) => candidateCount(a) - candidateCount(b));
    if (known.length === 0) return null;
    let out = known[0];
    for (const c of known.slice(1)) if (out.length * c.length <= MOST_ALTERNATIVES) out = out.flatMap((a) => c.map((b) => [...a, ...b]));
    return out;
  }

  /**
   * The character runs Latin word w may spell (see pinyinAt: whole readings, then initials, the last
   * character also by the start of a reading): each run's initials, and the readings it names —
   * whole ("zheng") or begun ("shang*", the last character; one letter says no more than its initial).
   */
  function spelledRuns(w: string): Spelling[] {
    const out = new Map<string, Spelling>();
    const add = (seq: string, reads: readonly string[]) => {
      const key = `${seq} ${reads.join(' ')}`; // readings by character, in order ("haohao": hao twice)
      if (!out.has(key)) out.set(key, { seq, reads: [...reads] });
    };
    const walk = (p: number, seq: string, reads: readonly string[]) => {
      if (p === w.length) return add(seq, reads);
      // from here on initials, the last character perhaps by the start of a reading
      for (let t = p; t < w.length; t++) if (starts.has(w.slice(t))) add(seq + w.slice(p, t + 1), t + 1 < w.length ? [...reads, `${w.slice(t)}*`] : reads);
      add(seq + w.slice(p), reads);
      for (let len = 2; len <= 6 && p + len <= w.length; len++) if (syllables.has(w.slice(p, p + len))) walk(p + len, seq + w[p], [...reads, w.slice(p, p + len)]);
    };
    walk(0, '', []);
    return [...out.values()];
  }

  /** The initials of the character runs Latin word w may spell (see spelledRuns). */
  function spellings(w: string): string[] {
    return [...new Set(spelledRuns(w).map((r) => r.seq))];
  }

  /** Lists of the characters having reading r (`r*`: a reading starting so), the most common first, or null when they hold half the names or are many (little to intersect, much to scan). */
  function readingGroup(r: string): PostingList[] | null {
    let group = readingGroups.get(r);
    if (group === undefined) {
      const begun = r.endsWith('*'), text = begun ? r.slice(0, -1) : r;
      const lists = chars.filter((c) => readingsOf(c).some((x) => (begun ? x.startsWith(text) : x === text))).map((c) => list(CHAR + c.charCodeAt(0)));
      const total = lists.reduce((s, l) => s + l.length, 0);
      group = total > n / 2 || lists.length > 16 ? null : lists.sort((a, b) => b.length - a.length);
      readingGroups.set(r, group);
    }
    return group;
  }

  /**
   * The names' pairs of characters (BIGRAM, or `first`: FIRST_PAIR) the two may be: lists of the
   * pairs whose characters have their readings (or initial), one list when they are many, null
   * when they hold a quarter of the records or more (little to intersect).
   */
  function pairGroup(first: boolean, a: CharSpec, b: CharSpec): PostingList[] | null {
    const key = `${first ? 'f' : 'b'} ${specKey(a)} ${specKey(b)}`;
    let group = pairGroups.get(key);
    if (group !== undefined) return group;
    const index = pairsIndex(first), keys = slot.keys(), base = first ? FIRST_PAIR : BIGRAM;
    const lists: PostingList[] = [];
    // from the read side (few characters) to the pairs, the other side checked
    const [from, other, by, otherOf] = a.reading !== undefined
      ? [a, b, index.byFirst, (k: number) => (k - base) % 65536] as const
      : [b, a, index.bySecond, (k: number) => Math.floor((k - base) / 65536)] as const;
    for (const c of charsOf(from)) for (const s of by.get(c) ?? []) if (fits(other, otherOf(keys[s]))) lists.push(packed.list(s));
    const total = lists.reduce((sum, l) => sum + l.length, 0);
    const united = total * 4 < n && lists.length > 8;
    group = total * 4 >= n ? null : united ? [scanner.union(lists, unionKey--)] : lists;
    // kept: up to a few thousand groups, their unions' entries a few MB
    if (pairGroups.size >= 4096 || unitedEntries > MOST_UNITED) (pairGroups.clear(), (unitedEntries = 0));
    if (united) unitedEntries += total;
    pairGroups.set(key, group);
    return group;
  }

  /** The pair slots of the names (BIGRAM, or FIRST_PAIR) by their first character and by their second, made when first asked. */
  function pairsIndex(first: boolean) {
    let index = first ? firstPairsIndex : pairsIndexMade;
    if (!index) {
      index = { byFirst: new Map<number, number[]>(), bySecond: new Map<number, number[]>() };
      const keys = slot.keys(), base = first ? FIRST_PAIR : BIGRAM;
      for (let s = 0; s < keys.length; s++) {
        if (keys[s] < base || keys[s] >= base + SPACE) continue;
        const c1 = Math.floor((keys[s] - base) / 65536), c2 = (keys[s] - base) % 65536;
        (index.byFirst.get(c1) ?? index.byFirst.set(c1, []).get(c1)!).push(s);
        (index.bySecond.get(c2) ?? index.bySecond.set(c2, []).get(c2)!).push(s);
      }
      if (first) firstPairsIndex = index;
      else pairsIndexMade = index;
    }
    return index;
  }

  /** The characters of the names a read character may be. */
  function charsOf(spec: CharSpec): number[] {
    const key = specKey(spec);
    let out = charsBySpec.get(key);
    if (!out) charsBySpec.set(key, (out = chars.filter((c) => fits(spec, c.charCodeAt(0))).map((c) => c.charCodeAt(0))));
    return out;
  }

  /** The records whose other text may hold word w (those with each of its character pairs; its character when it is one). */
  function textCandidates(w: string): Alternative {
    if (w.length === 1) return [[list(TEXT_CHAR + w.charCodeAt(0))]];
    return pairsOf(w, 0).map((k) => [list(TEXT_PAIR + pair(w, k))]);
  }

  /** Whether Latin word w spells a run of record i's name: tried only where its initials start one of `seqs`. */
  function spelt(i: number, w: string, seqs: readonly string[] | null): boolean {
    if (seqs === null || poly[i] === 1) return pinyinIndex(names[i], w) >= 0;
    for (const sq of seqs) {
      for (let k = initialsIndex(i, sq, 0, false); k >= 0; k = initialsIndex(i, sq, k + 1, false)) if (pinyinAt(names[i], k, w)) return true;
    }
    return false;
  }

  /**
   * The records that may hold word w (`first`: start with it), a superset, or null when w has no
   * selective gram: those with each of its grams — every pair of characters (or of the initials a
   * spelling gives, one alternative per spelling), the first ones by the name's first grams.
   */
  function candidates(w: string, first: boolean): Alternative[] | null {
    if (LATIN.test(w)) {
      if (w.length < 2) return null; // one letter: any initial
      const alts: Alternative[] = [];
      for (const { seq, reads } of dominant(spelledRuns(w), first)) {
        if (seq.length === 1) {
          // one character spelling all of w
          const lists: PostingList[] = [];
          for (const c of chars) if (readingsOf(c).some((r) => r.startsWith(w))) lists.push(list((first ? FIRST_CHAR : CHAR) + c.charCodeAt(0)));
          alts.push([lists]);
          continue;
        }
        const initials = (kind: number, k: number) => [list(kind + seq.charCodeAt(k) * 256 + seq.charCodeAt(k + 1))];
        const head = !first ? [] : seq.length >= 3
          ? [[list(FIRST_INITIALS3 + seq.charCodeAt(0) * 65536 + seq.charCodeAt(1) * 256 + seq.charCodeAt(2))]]
          : [initials(FIRST_INITIALS, 0)];
        // adjacent characters one of which is read: the names' pairs of such characters (a
        // reading each, not the initials only), and the read ones need no group of their own
        const specs = charSpecs(seq, reads), covered = new Set<number>();
        const pairs = pairsOf(seq, 0).map((k) => {
          const g = specs[k].reading !== undefined || specs[k + 1].reading !== undefined ? pairGroup(first && k === 0, specs[k], specs[k + 1]) : null;
          if (g) covered.add(k).add(k + 1);
          return g;
        });
        const byPair = pairsOf(seq, 0).map((k) => pairs[k] ?? (first && k < 2 ? null : initials(INITIALS, k))).filter((g) => g !== null);
        const named = specs.flatMap((c, k) => (c.reading === undefined || covered.has(k) ? [] : [readingGroup(c.begun ? `${c.reading}*` : c.reading)])).filter((g) => g !== null);
        alts.push([...head, ...byPair, ...named]);
      }
      return alts;
    }
    if (w.length === 1) return [[[list((first ? FIRST_CHAR : CHAR) + w.charCodeAt(0))]]];
    const head = first ? [[list(FIRST_PAIR + pair(w, 0))]] : [];
    return [[...head, ...pairsOf(w, first ? 1 : 0).map((k) => [list(BIGRAM + pair(w, k))])]];
  }

  function search(q: string, at: { lng: number; lat: number }, limit: number): SearchMatch[] {
    const words = q.toLowerCase().split(/[\s\u3000]+/).filter(Boolean), whole = words.join('');
    if (words.length === 0 || limit < 1) return [];
    // per Latin word: the initials its characters may start with (null: not Latin)
    const seqsOf = new Map(words.map((w) => [w, LATIN.test(w) ? weakest(spellings(w), false) : null] as const));
    const wholeSeqs = LATIN.test(whole) ? weakest(spellings(whole), true) : null;
    const may = (i: number, seqs: readonly string[] | null, at0: boolean) =>
      seqs === null || poly[i] === 1 || seqs.some((sq) => initialsIndex(i, sq, 0, at0) >= 0);
    const latin = words.map((w) => LATIN.test(w)), seqs = words.map((w) => seqsOf.get(w)!), wholeLatin = LATIN.test(whole);
    const has = (i: number, k: number) => names[i].includes(words[k]) || (latin[k] && spelt(i, words[k], seqs[k]));
    const matches = (i: number) => {
      for (let k = 0; k < words.length; k++) if (!has(i, k)) return false;
      return true;
    };
    const prefix = (i: number) => names[i].startsWith(whole) || (wholeLatin && may(i, wholeSeqs, true) && pinyinAt(names[i], 0, whole));
    const id = /^[\x21-\x7e]+$/.test(q) ? (indexOfId ? indexOfId(q) ?? -1 : Array.prototype.indexOf.call(cols.id, q)) : -1;
    const idHit = id >= 0 ? [{ i: id, rank: 0, distance: haversine(at.lng, at.lat, cols.lng[id], cols.lat[id]) }] : [];
    // rank 0: names starting with the query; rank 1: the other names holding every word
    // (all `limit` of them: the id's record may be farther than some)
    const first = pick(candidates(whole, true), at, limit, (i) => i !== id && prefix(i) && matches(i), 0);
    // the others rank below: only as many as the names starting with the query leave room for
    const room = limit - idHit.length - first.length;
    const rest = room <= 0 ? [] : pick(everyWord(words.map((w) => candidates(w, false))), at, room, (i) => i !== id && !prefix(i) && matches(i), 1);
    // rank 2: every word in the name or the other text (address, offers: "洗车 8折"), the name alone not enough
    let other: SearchMatch[] = [];
    if (texts && room - rest.length > 0) {
      const anywhere = (i: number) => {
        for (let k = 0; k < words.length; k++) if (!texts[i].includes(words[k]) && !has(i, k)) return false;
        return true;
      };
      // per word, the records that may hold it in either
      const either = words.map((w) => {
        const byName = candidates(w, false);
        return byName && [...byName, textCandidates(w)];
      });
      other = pick(everyWord(either), at, room - rest.length, (i) => i !== id && !matches(i) && anywhere(i), 2);
    }
    return [...idHit, ...first, ...rest, ...other].sort((a, b) => a.rank - b.rank || a.distance - b.distance || a.i - b.i).slice(0, limit);
  }

  /**
   * The nearest `limit` records of `alts` (null: all, by a walk of the nearest index) or renamed
   * since the build passing `test`, as matches of `rank`: a few candidates checked one by one, more
   * scanned nearest first.
   */
  function pick(alts: Alternative[] | null, at: { lng: number; lat: number }, limit: number, test: (i: number) => boolean, rank: number): SearchMatch[] {
    if (alts && renamedList.length > 0) alts = [...alts, [[renamedList]]];
    const scanned = moved.size === 0 || alts === null ? test : (i: number) => !moved.has(i) && test(i);
    let hits = alts === null ? near(at.lng, at.lat, limit, test)
      : candidateCount(alts) <= direct ? scanner.checkAll(alts, at, limit, scanned) : scanner.scan(alts, at, limit, scanned);
    if (alts !== null && moved.size > 0) { // each test is the whole match: a moved record passing it is a candidate
      const found = [...moved].filter(test).map((i) => ({ i, distance: haversine(at.lng, at.lat, cols.lng[i], cols.lat[i]) }));
      if (found.length) hits = [...hits, ...found].sort((a, b) => a.distance - b.distance || a.i - b.i).slice(0, limit);
    }
    return hits.map((h) => ({ i: h.i, rank, distance: h.distance }));
  }
}

/** A run of characters a Latin word may spell: their initials, and the readings it names (see spelledRuns). */
interface Spelling {
  seq: string;
  reads: string[];
}

/** What one character of a spelling must be: read so (`begun`: a reading starting so), or of this initial. */
interface CharSpec {
  initial: number;
  reading?: string;
  begun?: boolean;
}

interface PairsIndex {
  byFirst: Map<number, number[]>;
  bySecond: Map<number, number[]>;
}

/** The characters of a spelling: its whole readings are its first characters', a begun reading is its last's, the others are initials. */
function charSpecs(seq: string, reads: readonly string[]): CharSpec[] {
  const whole = reads.filter((r) => !r.endsWith('*')), begun = reads.find((r) => r.endsWith('*'));
  return Array.from(seq, (letter, k): CharSpec =>
    k < whole.length ? { initial: letter.charCodeAt(0), reading: whole[k] }
    : begun !== undefined && k === seq.length - 1 ? { initial: letter.charCodeAt(0), reading: begun.slice(0, -1), begun: true }
    : { initial: letter.charCodeAt(0) });
}

const specKey = (c: CharSpec) => (c.reading === undefined ? String.fromCharCode(c.initial) : c.begun ? `${c.reading}*` : c.reading);

/** Whether the character (a code unit) may be as the spec says. */
function fits(spec: CharSpec, code: number): boolean {
  if (spec.reading === undefined) return initialsOf(String.fromCharCode(code)).includes(spec.initial);
  const r = spec.reading;
  return readingsOf(String.fromCharCode(code)).some((x) => (spec.begun ? x.startsWith(r) : x === r));
}

/**
 * The spellings a name must hold one of, without those adding no record: a spelling whose
 * characters are, at some place in it (`atStart`: at its start), each as much as another's or more
 * (the same initial, and the same reading or one the other's begins) — a name holding it holds the
 * other. One of a single character is kept: its lists are by the character's readings, not its initial.
 */
function dominant(runs: Spelling[], atStart: boolean): Spelling[] {
  const specs = runs.map((r) => charSpecs(r.seq, r.reads));
  const looser = (a: CharSpec, b: CharSpec) =>
    a.initial === b.initial && (a.reading === undefined || (b.reading !== undefined && (a.begun ? b.reading.startsWith(a.reading) : !b.begun && a.reading === b.reading)));
  const within = (o: CharSpec[], r: CharSpec[]) => {
    for (let t = 0; t + o.length <= r.length && (t === 0 || !atStart); t++) if (o.every((c, k) => looser(c, r[t + k]))) return true;
    return false;
  };
  // o makes r unneeded; of two that make each other unneeded (the same), the first stays
  const weaker = (o: number, r: number) => o !== r && specs[o].length > 1 && within(specs[o], specs[r]) && (o < r || !within(specs[r], specs[o]));
  return runs.filter((r, k) => r.seq.length === 1 || !runs.some((_, o) => weaker(o, k)));
}

/** Entries of the pair groups' unions kept (4 bytes each). */
const MOST_UNITED = 1_000_000;

/** Alternatives kept when a query's words are combined: more cost more than their intersections save. */
const MOST_ALTERNATIVES = 16;

/** Where each pair of consecutive characters of s starts, from `from` on. */
const pairsOf = (s: string, from: number) => Array.from({ length: Math.max(0, s.length - 1 - from) }, (_, k) => from + k);

/**
 * The sequences a name's initials must hold one of, without those that hold (or, `atStart`, start
 * with) another: a name holding the longer one holds the shorter too.
 */
function weakest(seqs: string[], atStart: boolean): string[] {
  const sorted = [...seqs].sort((a, b) => a.length - b.length), out: string[] = [];
  for (const s of sorted) if (!out.some((o) => (atStart ? s.startsWith(o) : s.includes(o)))) out.push(s);
  return out;
}

/** A normalised name's characters by (first) initial letter into `out` from `at` (a space for a character without a reading). */
function writeInitials(name: string, out: Uint8Array, at: number): void {
  for (let k = 0; k < name.length; k++) out[at + k] = initialsAt(name, k)[0] ?? 32;
}

/** Whether a character of the name has readings of more than one initial. */
const hasPolyInitials = (name: string) => {
  for (let k = 0; k < name.length; k++) if (initialsAt(name, k).length > 1) return true;
  return false;
};
