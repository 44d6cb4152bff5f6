/**
 * Name search over one listing, for the API and the offline copy alike: Chinese by character
 * n-grams, pinyin by whole readings or initials (data/pinyin.ts), every word of a multi-word query
 * ("鼓楼 工会"), ranked: the name starts with the query (or the id equals it) > the name holds every
 * word; nearer first within a rank, then listing index.
 *
 * Postings (one typed array, CSR) list the records holding each gram: name bigrams, name
 * characters, initials bigrams of consecutive characters, and each name's first bigram and first
 * initials (the prefix rank). A query takes its rarest gram's records when they are few
 * (`direct`), checks each exactly and sorts by distance; when they are many (驿站, gonghui), the
 * nearest index walks outward with the exact check as its predicate and stops at `limit` — dense
 * matches are near everywhere. Answers are what checking every record would give.
 */
import { haversine } from './geo/haversine';
import type { NearestHit } from './geo/nearest';
import { initialsOf, pinyinAt, pinyinIndex, readingsOf } from './pinyin';

export interface SearchMatch extends NearestHit {
  /** 0: name starts with the query, or id equals it; 1: the name holds every word */
  rank: number;
}

export interface SearchColumns {
  id: ArrayLike<string>;
  name: ArrayLike<string>;
  lng: ArrayLike<number>;
  lat: ArrayLike<number>;
}

/** The nearest `limit` records passing `predicate`, nearest first (the listing's nearest index). */
export type NearWalk = (lng: number, lat: number, limit: number, predicate: (i: number) => boolean) => NearestHit[];

export interface SearchIndex {
  /** The best `limit` matches of `q` (see the file comment). */
  query(q: string, at: { lng: number; lat: number }, limit: number): SearchMatch[];
  /** Records i were patched in place (data/listing-core.ts): their names are read again. */
  update(changed: readonly number[]): void;
}

export interface SearchOptions {
  /** candidates checked one by one at most; more: walk the nearest index instead */
  direct?: number;
}
const defaultOptions: Required<SearchOptions> = {
  direct: 4096, // a few thousand exact checks and distances cost about what a dense walk does
};
const SPACE = 2 ** 32; // gram kinds live in separate key ranges
const [BIGRAM, CHAR, INITIALS, FIRST_PAIR, FIRST_CHAR, FIRST_INITIALS] = [0, 1, 2, 3, 4, 5].map((k) => k * SPACE);
const LATIN = /^[a-z0-9]+$/; // a word spelled in pinyin (or Latin letters and digits, which read as themselves)

/** Lower case without spaces (so "中山 路" is "中山路"). */
export const normalise = (s: string) => s.toLowerCase().replace(/[\s\u3000]+/g, '');
const pair = (s: string, k: number) => s.charCodeAt(k) * 65536 + s.charCodeAt(k + 1);
const initials = initialsOf;

/** Calls `emit` with every gram key of a normalised name. */
function gramsOf(n: string, emit: (key: number) => void): void {
  for (let k = 0; k < n.length; k++) {
    emit(CHAR + n.charCodeAt(k));
    if (k + 1 < n.length) emit(BIGRAM + pair(n, k));
    if (k + 1 < n.length) for (const a of initials(n[k])) for (const b of initials(n[k + 1])) emit(INITIALS + a * 256 + b);
  }
  if (n.length > 0) emit(FIRST_CHAR + n.charCodeAt(0));
  if (n.length >= 2) emit(FIRST_PAIR + pair(n, 0));
  if (n.length >= 2) for (const a of initials(n[0])) for (const b of initials(n[1])) emit(FIRST_INITIALS + a * 256 + b);
}

/** Builds the index over a listing's columns; `near` answers the dense queries. */
export function createSearchIndex(cols: SearchColumns, near: NearWalk, options?: SearchOptions): SearchIndex {
  const { direct } = { ...defaultOptions, ...options };
  const n = cols.id.length, names = Array.from({ length: n }, (_, i) => normalise(cols.name[i]));
  // two passes: count each key's records (once per record), then fill one array of postings
  const slot = new Map<number, number>(), counts: number[] = [], last: number[] = [];
  for (let i = 0; i < n; i++) {
    gramsOf(names[i], (key) => {
      let s = slot.get(key);
      if (s === undefined) slot.set(key, (s = counts.push(0) - 1)), last.push(-1);
      if (last[s] !== i) (last[s] = i), counts[s]++;
    });
  }
  const start = new Uint32Array(counts.length + 1);
  for (let s = 0; s < counts.length; s++) start[s + 1] = start[s] + counts[s];
  const postings = new Uint32Array(start[counts.length]), fill = start.slice(0, counts.length);
  last.fill(-1);
  for (let i = 0; i < n; i++) {
    gramsOf(names[i], (key) => {
      const s = slot.get(key)!;
      if (last[s] !== i) (last[s] = i), (postings[fill[s]++] = i);
    });
  }
  const chars = [...slot.keys()].filter((key) => key >= CHAR && key < CHAR + SPACE).map((key) => String.fromCharCode(key - CHAR));
  const syllables = new Set(chars.flatMap((c) => readingsOf(c))); // every reading in the names: where a query's first one may end
  const list = (key: number) => {
    const s = slot.get(key);
    return s === undefined ? postings.subarray(0, 0) : postings.subarray(start[s], start[s + 1]);
  };
  // records renamed since the build: their postings are of the old name, so they are candidates of
  // every query (checked exactly, like the others); an edit renames few, a rebuild starts afresh
  const renamed = new Set<number>();
  let renamedList = new Uint32Array(0);
  return {
    query: (q, at, limit) => search(q, at, limit),
    update(changed) {
      for (const i of changed) {
        const name = normalise(cols.name[i]);
        if (name !== names[i]) (names[i] = name), renamed.add(i);
      }
      renamedList = Uint32Array.from(renamed);
    },
  };

  /** candidates() with the renamed records added. */
  function candidatesOf(w: string, first: boolean): ArrayLike<number>[] | null {
    const lists = candidates(w, first);
    return lists && renamedList.length > 0 ? [...lists, renamedList] : lists;
  }

  /** The records that may hold word w (a superset), or null when w has no selective gram. */
  function candidates(w: string, first: boolean): ArrayLike<number>[] | null {
    if (LATIN.test(w)) {
      if (w.length < 2) return null; // one letter: any initial
      // one character spelling all of w, or the first two characters' initials wherever the second may start (after an initial or a whole reading)
      const single = chars.filter((c) => readingsOf(c).some((r) => r.startsWith(w))).map((c) => list((first ? FIRST_CHAR : CHAR) + c.charCodeAt(0)));
      const ends = [1, ...Array.from({ length: Math.min(6, w.length - 1) }, (_, k) => k + 1).filter((p) => syllables.has(w.slice(0, p)))];
      const seconds = new Set(ends.map((p) => w.charCodeAt(p)));
      return [...single, ...[...seconds].map((b) => list((first ? FIRST_INITIALS : INITIALS) + w.charCodeAt(0) * 256 + b))];
    }
    if (w.length === 1) return [list((first ? FIRST_CHAR : CHAR) + w.charCodeAt(0))];
    if (first) return [list(FIRST_PAIR + pair(w, 0))];
    let best = list(BIGRAM + pair(w, 0));
    for (let k = 1; k + 1 < w.length; k++) {
      const l = list(BIGRAM + pair(w, k));
      if (l.length < best.length) best = l;
    }
    return [best];
  }

  function search(q: string, at: { lng: number; lat: number }, limit: number): SearchMatch[] {
    const words = q.toLowerCase().split(/[\s\u3000]+/).filter(Boolean), whole = words.join('');
    if (words.length === 0 || limit < 1) return [];
    const has = (i: number, w: string) => names[i].includes(w) || (LATIN.test(w) && pinyinIndex(names[i], w) >= 0);
    const matches = (i: number) => words.every((w) => has(i, w));
    const prefix = (i: number) => names[i].startsWith(whole) || (LATIN.test(whole) && pinyinAt(names[i], 0, whole));
    const id = /^[\x21-\x7e]+$/.test(q) ? Array.prototype.indexOf.call(cols.id, q) : -1;
    const idHit = id >= 0 ? [{ i: id, rank: 0, distance: haversine(at.lng, at.lat, cols.lng[id], cols.lat[id]) }] : [];
    // rank 0: names starting with the query; rank 1: the other names holding every word
    // names starting with the query are few, so their lists are always checked one by one (a walk would look far for them)
    const first = pick(candidatesOf(whole, true), at, limit, (i) => i !== id && prefix(i) && matches(i), 0, Infinity);
    const rarest = words.map((w) => candidatesOf(w, false)).filter((c) => c !== null).sort((a, b) => size(a) - size(b))[0] ?? null;
    const rest = pick(rarest, at, limit, (i) => i !== id && !prefix(i) && matches(i), 1, direct);
    return [...idHit, ...first, ...rest].sort((a, b) => a.rank - b.rank || a.distance - b.distance || a.i - b.i).slice(0, limit);
  }

  /** The nearest `limit` records of `lists` (null: all) passing `test`, as matches of `rank`. */
  function pick(
    lists: ArrayLike<number>[] | null, at: { lng: number; lat: number }, limit: number, test: (i: number) => boolean, rank: number, most: number,
  ): SearchMatch[] {
    if (lists === null || size(lists) > most) return near(at.lng, at.lat, limit, test).map((h) => ({ ...h, rank }));
    const seen = new Set<number>(), out: SearchMatch[] = [];
    for (const l of lists) {
      for (let k = 0; k < l.length; k++) {
        const i = l[k];
        if (seen.has(i) || (seen.add(i), !test(i))) continue;
        out.push({ i, rank, distance: haversine(at.lng, at.lat, cols.lng[i], cols.lat[i]) });
      }
    }
    return out.sort((a, b) => a.distance - b.distance || a.i - b.i).slice(0, limit);
  }
}

const size = (lists: ArrayLike<number>[]) => lists.reduce((s, l) => s + l.length, 0);
