/**
 * The nearest records among a search's candidates, nearest first, without checking far ones.
 *
 * Records are numbered by their cell of a 1024 × 1024 grid over the listing's bounding box, in
 * quadtree (Morton) order, so each quadtree node is one run of these positions — and so is its part
 * of a posting list that holds positions in ascending order. A scan descends from the root into the
 * nodes holding candidates, nearest first, checks a node's candidates once it holds few, and stops
 * when the best `limit` found are nearer than every node left. Matches near the person are found
 * after a few nodes however many candidates there are, and candidates clustered far away (乌鲁木齐
 * asked from 广州) cost a few nodes to reach, not a walk over the records in between.
 *
 * Candidates are alternatives, each the records in every one of its groups (a group: the records
 * of any of its lists): "驿站 动者" is the records in both pairs' lists, and a node where one is empty
 * is skipped whole. Intersecting sorted runs costs a few comparisons a record, an exact check
 * (pinyin above all) a microsecond or more.
 *
 * Common words are everywhere, so their intersection is not found by descending: "服务站 会驿站"
 * (two kinds of station, no name both) reached every leaf of the tree, 60 ms. An alternative whose
 * every group holds many records is first intersected whole, as bitsets of the positions (a
 * word of 32 positions at a time, the common lists' bitsets kept), and the descent runs over the
 * exact intersection.
 */
import { boxLower, haversine, havToMetres, RAD } from './geo/haversine';
import type { NearestHit } from './geo/nearest';
import { plainList, type PostingList } from './postings';
import type { Sliced } from './slices';

const BITS = 10; // the grid has 2^BITS cells a side
const LEAF = 24; // a node holding at most this many candidates (summed over the lists) is checked, not split
const CHUNK = 256; // entries of a list read at once
const SLACK = 1e-7; // degrees a cell's box is widened by, so rounding never leaves a record outside it
const DENSE = 2048; // an alternative whose every group holds more records than this is intersected whole first
const KEPT_BITSETS = 64; // bitsets of common lists kept (n / 8 bytes each: 3.2 MB at 400 k)
const INTERSECTED = -3; // the key of an intersection's list
const GIVE_UP = 256; // nodes a descent visits before it starts again over the intersections

/** Records in any of the lists (positions, ascending in each). */
export type Group = readonly PostingList[];
/** Records in every group. */
export type Alternative = readonly Group[];

/** How many records the alternatives may hold at most (each its smallest group). */
export function candidateCount(alts: readonly Alternative[]): number {
  let total = 0;
  for (const alt of alts) {
    let least = Infinity;
    for (const group of alt) least = Math.min(least, group.reduce((s, l) => s + l.length, 0));
    total += alt.length === 0 ? 0 : least;
  }
  return total;
}

/**
 * The alternatives that can add a record: without those having an empty group, and those asking for
 * every group another asks for and more (spellings of a pinyin word share most of their lists).
 */
export function essential(alts: readonly Alternative[]): Alternative[] {
  const listKey = (l: PostingList) => String(l.key);
  const keyed = alts
    .filter((alt) => alt.every((g) => g.some((l) => l.length > 0)))
    .map((alt) => {
      const groups = new Map<string, Group>();
      for (const g of alt) groups.set(g.map(listKey).sort().join(' '), g);
      return { keys: new Set(groups.keys()), groups: [...groups.values()] };
    });
  const within = (a: Set<string>, b: Set<string>) => [...a].every((k) => b.has(k)); // a's groups all in b: b's records ⊆ a's
  return keyed
    .filter((b, k) => !keyed.some((a, j) => j !== k && within(a.keys, b.keys) && (a.keys.size < b.keys.size || j < k)))
    .map((alt) => alt.groups);
}

export interface NearScan {
  /** The record at each position (postings hold positions). */
  readonly rec: Uint32Array;
  /** The nearest `limit` records of `alts` passing `test`, nearest first, ties by index. */
  scan(alts: readonly Alternative[], at: { lng: number; lat: number }, limit: number, test: (i: number) => boolean): NearestHit[];
  /** The records of any of the lists as one list (with its own `key`). */
  union(lists: readonly PostingList[], key: number): PostingList;
  /** The same, checking every candidate in list order (the cheaper way for a few). */
  checkAll(alts: readonly Alternative[], at: { lng: number; lat: number }, limit: number, test: (i: number) => boolean): NearestHit[];
}

/** When a scan intersects alternatives whole (tests set both 0: always). */
export interface IntersectOptions {
  /** alternatives whose every group holds more records than this */
  groupsOver: number;
  /** once the descent has visited this many nodes */
  afterNodes: number;
}

/**
 * Numbers the records in quadtree order of their cells (positions as built: records never move), a
 * pass over them at a time (at 400 k the whole was one step of 70–150 ms: on a server, a request's
 * wait; on a phone, four times that). The passes are plain functions: a loop in a generator stays
 * interpreted between resumptions.
 */
export function* nearScanBuild(lng: ArrayLike<number>, lat: ArrayLike<number>, n: number, intersectWhen: IntersectOptions = { groupsOver: DENSE, afterNodes: GIVE_UP }): Sliced<NearScan> {
  const [minLng, minLat, maxLng, maxLat] = boundsOf(lng, lat, n);
  yield;
  const side = 1 << BITS, w = (maxLng - minLng) / side || 1, h = (maxLat - minLat) / side || 1;
  const codeOf = cellCodes(lng, lat, n, minLng, minLat, w, h);
  yield;
  const rec = yield* sortByCode(codeOf, n), codes = codesAt(codeOf, rec, n);

  const seen = new Uint32Array(n); // records met by this scan: those marked with its round
  const chunk = new Uint32Array(CHUNK); // a list's entries being read
  let round = 0;
  // per depth: each list's run in each of a node's four children (bounds 0…4), the children's runs
  // of positions, and their order
  let bounds = new Int32Array(0);
  const nodeBounds = new Int32Array((BITS + 1) * 5), order = new Int32Array((BITS + 1) * 4), lower = new Float64Array((BITS + 1) * 4);

  /** The lists of `alts` in one row (group by group, alternative by alternative), where their groups and alternatives start. */
  function flatten(alts: readonly Alternative[]) {
    const lists: PostingList[] = [], groupStart = [0], altStart = [0];
    for (const alt of alts) {
      for (const group of alt) (lists.push(...group), groupStart.push(lists.length));
      altStart.push(groupStart.length - 1);
    }
    return { lists, groupStart, altStart };
  }

  /** Offers each record of every alternative within the runs at `from` (see scan) to `best`. */
  function check(f: ReturnType<typeof flatten>, from: number, at: { lng: number; lat: number }, best: Best, mark: number, test: (i: number) => boolean) {
    const { lists, groupStart, altStart } = f;
    const inGroup = (g: number, p: number) => {
      for (let l = groupStart[g]; l < groupStart[g + 1]; l++) if (lists[l].has(p, bounds[from + l * 5], bounds[from + l * 5 + 1])) return true;
      return false;
    };
    for (let a = 0; a + 1 < altStart.length; a++) {
      // the smallest group's records, each looked for in the others
      let least = -1, fewest = Infinity;
      for (let g = altStart[a]; g < altStart[a + 1]; g++) {
        const c = groupCount(groupStart, g, from);
        if (c < fewest) (fewest = c), (least = g);
      }
      for (let l = least < 0 ? 0 : groupStart[least]; least >= 0 && l < groupStart[least + 1]; l++) {
        for (let lo = bounds[from + l * 5], end = bounds[from + l * 5 + 1]; lo < end; lo += CHUNK) {
          const count = Math.min(CHUNK, end - lo);
          lists[l].read(lo, lo + count, chunk);
          for (let k = 0; k < count; k++) {
            const p = chunk[k], i = rec[p];
            if (seen[i] === mark) continue;
            let every = true;
            for (let g = altStart[a]; every && g < altStart[a + 1]; g++) if (g !== least && !inGroup(g, p)) every = false;
            if (!every) continue;
            seen[i] = mark;
            best.offer(i, lng[i], lat[i], at, test);
          }
        }
      }
    }
  }

  /** How many records of group g lie in the runs at `from`. */
  function groupCount(groupStart: readonly number[], g: number, from: number): number {
    let c = 0;
    for (let l = groupStart[g]; l < groupStart[g + 1]; l++) c += bounds[from + l * 5 + 1] - bounds[from + l * 5];
    return c;
  }

  /** Records the alternatives may hold within the runs at `from`: each alternative's smallest group. */
  function nodeCount(f: ReturnType<typeof flatten>, from: number): number {
    let total = 0;
    for (let a = 0; a + 1 < f.altStart.length; a++) {
      let least = Infinity;
      for (let g = f.altStart[a]; g < f.altStart[a + 1]; g++) least = Math.min(least, groupCount(f.groupStart, g, from));
      if (least !== Infinity) total += least;
    }
    return total;
  }

  /** Bounds of every list's whole run at 0 (its run in a node: bounds[from + l·5], bounds[from + l·5 + 1]). */
  function rootRuns(lists: readonly PostingList[]): void {
    if (bounds.length < (BITS + 2) * 5 * lists.length) bounds = new Int32Array((BITS + 2) * 5 * lists.length);
    for (let l = 0; l < lists.length; l++) (bounds[l * 5] = 0), (bounds[l * 5 + 1] = lists[l].length);
  }

  const words = (n + 31) >>> 5;
  const kept = new Map<number, Uint32Array>(); // bitsets of lists by key, the last used last
  let acc: Uint32Array | null = null, unionBits: Uint32Array | null = null; // scratch bitsets

  /** The bitset of a list's positions: a common list's kept. */
  function bitsOf(list: PostingList): Uint32Array {
    const own = kept.get(list.key);
    if (own) {
      kept.delete(list.key);
      kept.set(list.key, own);
      return own;
    }
    const bits = new Uint32Array(words);
    setBits(list, bits);
    if (list.key >= 0) {
      if (kept.size >= KEPT_BITSETS) kept.delete(kept.keys().next().value!);
      kept.set(list.key, bits);
    }
    return bits;
  }

  function setBits(list: PostingList, bits: Uint32Array): void {
    for (let lo = 0; lo < list.length; lo += CHUNK) {
      const count = Math.min(CHUNK, list.length - lo);
      list.read(lo, lo + count, chunk);
      for (let k = 0; k < count; k++) bits[chunk[k] >>> 5] |= 1 << (chunk[k] & 31);
    }
  }

  /** The positions set in `bits` as a list. */
  function listOf(bits: Uint32Array, any: boolean, key: number): PostingList {
    let count = 0;
    if (any) for (let w = 0; w < words; w++) count += popcount(bits[w]);
    const out = new Uint32Array(count);
    for (let w = 0, o = 0; o < count; w++) {
      for (let x = bits[w]; x !== 0; x &= x - 1) out[o++] = (w << 5) | (31 - Math.clz32(x & -x));
    }
    return plainList(out, key);
  }

  /** Sets the bits of the records in any of the lists (a few records set one by one, a common list's kept bitset or'ed in). */
  function unite(lists: readonly PostingList[], bits: Uint32Array): void {
    for (const l of lists) {
      if (l.length * 8 < words) setBits(l, bits);
      else {
        const b = bitsOf(l);
        for (let w = 0; w < words; w++) bits[w] |= b[w];
      }
    }
  }

  function union(lists: readonly PostingList[], key: number): PostingList {
    unionBits ??= new Uint32Array(words);
    unionBits.fill(0);
    unite(lists, unionBits);
    return listOf(unionBits, true, key);
  }

  /** The records in every group of `alt`, as one list. */
  function intersect(alt: Alternative): PostingList {
    acc ??= new Uint32Array(words);
    unionBits ??= new Uint32Array(words);
    const sized = alt.map((g) => ({ g, total: g.reduce((s, l) => s + l.length, 0) })).sort((a, b) => a.total - b.total);
    let any = true;
    for (let j = 0; any && j < sized.length; j++) {
      const g = sized[j].g;
      // the group's bitset: a list's own, or the union of its lists' (a few records each set one by one)
      let bits: Uint32Array;
      if (g.length === 1) bits = bitsOf(g[0]);
      else {
        unionBits.fill(0);
        unite(g, unionBits);
        bits = unionBits;
      }
      any = false;
      if (j === 0) acc.set(bits), (any = true);
      else for (let w = 0; w < words; w++) if ((acc[w] &= bits[w]) !== 0) any = true;
    }
    return listOf(acc, any, INTERSECTED);
  }

  /** Whether every group of the alternative (two or more) holds many records. */
  const common = (alt: Alternative) => alt.length > 1 && alt.every((g) => g.reduce((s, l) => s + l.length, 0) > intersectWhen.groupsOver);
  /** The alternatives, those of common groups replaced by their intersection. */
  const intersectCommon = (alts: readonly Alternative[]): Alternative[] => alts.map((alt) => (common(alt) ? [[intersect(alt)]] : alt));

  function scan(alts: readonly Alternative[], at: { lng: number; lat: number }, limit: number, test: (i: number) => boolean): NearestHit[] {
    const kept = essential(alts);
    // a descent that has not found enough after many nodes starts again over the intersections
    return descend(kept, at, limit, test, kept.some(common) ? intersectWhen.afterNodes : Infinity) ?? descend(intersectCommon(kept), at, limit, test, Infinity)!;
  }

  /** The scan of `alts`, or null once it has visited more than `budget` nodes. */
  function descend(alts: readonly Alternative[], at: { lng: number; lat: number }, limit: number, test: (i: number) => boolean, budget: number): NearestHit[] | null {
    const f = flatten(alts), { lists } = f, L = lists.length;
    const best = new Best(limit), mark = ++round, cosQ = Math.cos(at.lat * RAD);
    let steps = 0;
    rootRuns(lists);
    nodeBounds[0] = 0;
    nodeBounds[1] = n;
    /** Node of `level` at cell (gx, gy), code prefix `c`, its runs at `from` (lists) and `nodeFrom` (positions). */
    const visit = (level: number, gx: number, gy: number, c: number, from: number, nodeFrom: number) => {
      if (steps++ >= budget) return;
      const count = nodeCount(f, from);
      if (count === 0) return;
      if (count <= LEAF || level === BITS) return check(f, from, at, best, mark, test);
      const d = level + 1, base = d * 5 * L, half = 1 << (BITS - d), shift = 2 * (BITS - d);
      const pLo = nodeBounds[nodeFrom], pHi = nodeBounds[nodeFrom + 1];
      nodeBounds[d * 5] = pLo;
      nodeBounds[d * 5 + 4] = pHi;
      for (let q = 1; q < 4; q++) nodeBounds[d * 5 + q] = lowerBound(codes, (c * 4 + q) << shift >>> 0, nodeBounds[d * 5 + q - 1], pHi);
      for (let l = 0; l < L; l++) {
        const list = lists[l], at0 = base + l * 5, lo = bounds[from + l * 5], hi = bounds[from + l * 5 + 1];
        bounds[at0] = lo;
        bounds[at0 + 4] = hi;
        for (let q = 1; q < 4; q++) bounds[at0 + q] = list.lowerBound(nodeBounds[d * 5 + q], bounds[at0 + q - 1], hi);
      }
      // the children by their lower bound of distance, nearest first
      let m = 0;
      for (let q = 0; q < 4; q++) {
        const x = gx + (q & 1) * half, y = gy + (q >> 1) * half;
        const lb = havToMetres(boxLower(at.lng, at.lat, cosQ, minLng + x * w - SLACK, minLat + y * h - SLACK, minLng + (x + half) * w + SLACK, minLat + (y + half) * h + SLACK));
        let j = m++;
        for (; j > 0 && lower[d * 4 + j - 1] > lb; j--) (lower[d * 4 + j] = lower[d * 4 + j - 1]), (order[d * 4 + j] = order[d * 4 + j - 1]);
        lower[d * 4 + j] = lb;
        order[d * 4 + j] = q;
      }
      for (let j = 0; j < 4; j++) {
        if (best.beyond(lower[d * 4 + j])) return;
        const q = order[d * 4 + j];
        visit(d, gx + (q & 1) * half, gy + (q >> 1) * half, c * 4 + q, base + q, d * 5 + q);
      }
    };
    visit(0, 0, 0, 0, 0, 0);
    return steps > budget ? null : best.hits;
  }

  function checkAll(alts: readonly Alternative[], at: { lng: number; lat: number }, limit: number, test: (i: number) => boolean): NearestHit[] {
    const f = flatten(essential(alts)), best = new Best(limit);
    rootRuns(f.lists);
    check(f, 0, at, best, ++round, test);
    return best.hits;
  }
  return { rec, scan, union, checkAll };
}

/** The best `limit` hits so far, best first (kept sorted: a sort of every match would cost more than the checks). */
class Best {
  readonly hits: NearestHit[] = [];
  constructor(readonly limit: number) {}
  /**
   * Takes record i if it is among the best so far and passes `test`. While the list is short every
   * match enters, so the test comes first (most candidates fail it); once full, the distance comes
   * first, and only a record nearer than the worst is tested (the test is the costly part).
   */
  offer(i: number, lng: number, lat: number, at: { lng: number; lat: number }, test: (i: number) => boolean): void {
    const hits = this.hits, limit = this.limit, full = hits.length === limit;
    let distance = 0;
    if (full) {
      distance = haversine(at.lng, at.lat, lng, lat);
      if (!before(distance, i, hits[limit - 1]) || !test(i)) return;
    } else {
      if (!test(i)) return;
      distance = haversine(at.lng, at.lat, lng, lat);
    }
    let j = full ? limit - 1 : hits.length;
    for (; j > 0 && before(distance, i, hits[j - 1]); j--) hits[j] = hits[j - 1];
    hits[j] = { i, distance };
  }
  /** Whether nothing at `metres` or farther can be among the best. */
  beyond(metres: number): boolean {
    return this.hits.length === this.limit && metres > this.hits[this.limit - 1].distance;
  }
}

const before = (distance: number, i: number, h: NearestHit) => distance < h.distance || (distance === h.distance && i < h.i);

/** The first k in [lo, hi) with a[k] ≥ v (a ascending there). */
function lowerBound(a: Uint32Array, v: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The number of bits set in x. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** The bits of x (< 2^16) spread to the even bit positions (a Morton code's x half). */
function spread(x: number): number {
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  return (x | (x << 1)) & 0x55555555;
}

/** Record indexes ordered by code, then index: a radix sort in two passes of BITS bits. */
function* sortByCode(codeOf: Uint32Array, n: number): Sliced<Uint32Array> {
  let from: Uint32Array = identity(n), to: Uint32Array = new Uint32Array(n);
  for (let shift = 0; shift < 2 * BITS; shift += BITS) {
    yield;
    radixPass(codeOf, n, shift, from, to);
    [from, to] = [to, from];
  }
  return from;
}

/** 0, 1, … n − 1. */
function identity(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i; // (Uint32Array.from with a callback is ten times slower)
  return out;
}

/** The code at each position of `rec`. */
function codesAt(codeOf: Uint32Array, rec: Uint32Array, n: number): Uint32Array {
  const codes = new Uint32Array(n);
  for (let p = 0; p < n; p++) codes[p] = codeOf[rec[p]];
  return codes;
}

/** One pass of the radix sort: `from` stably by the BITS bits of the codes at `shift`, into `to`. */
function radixPass(codeOf: Uint32Array, n: number, shift: number, from: Uint32Array, to: Uint32Array): void {
  const counts = new Uint32Array((1 << BITS) + 1), mask = (1 << BITS) - 1;
  for (let i = 0; i < n; i++) counts[((codeOf[i] >>> shift) & mask) + 1]++;
  for (let b = 1; b <= 1 << BITS; b++) counts[b] += counts[b - 1];
  for (let k = 0; k < n; k++) to[counts[(codeOf[from[k]] >>> shift) & mask]++] = from[k];
}

/** [min lng, min lat, max lng, max lat] of the records. */
function boundsOf(lng: ArrayLike<number>, lat: ArrayLike<number>, n: number): [number, number, number, number] {
  let [minLng, minLat, maxLng, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    if (lng[i] < minLng) minLng = lng[i];
    if (lng[i] > maxLng) maxLng = lng[i];
    if (lat[i] < minLat) minLat = lat[i];
    if (lat[i] > maxLat) maxLat = lat[i];
  }
  return [minLng, minLat, maxLng, maxLat];
}

/** Each record's cell (2^BITS a side over the box from (minLng, minLat), cells w × h degrees) as its Morton code. */
function cellCodes(lng: ArrayLike<number>, lat: ArrayLike<number>, n: number, minLng: number, minLat: number, w: number, h: number): Uint32Array {
  const side = 1 << BITS, codeOf = new Uint32Array(n);
  const cell = (v: number, min: number, size: number) => Math.min(side - 1, Math.max(0, Math.floor((v - min) / size))) || 0;
  for (let i = 0; i < n; i++) codeOf[i] = spread(cell(lng[i], minLng, w)) | (spread(cell(lat[i], minLat, h)) << 1);
  return codeOf;
}
