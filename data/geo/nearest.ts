/**
 * Nearest points with filters, over generic points (stations or merchants), on kdbush kd-trees.
 *
 * One kd-tree holds every point; each selective filter (24 h, a mask bit few points have) gets its
 * own smaller tree, and a query searches the smallest tree that already guarantees one of its
 * filters, testing the rest per point (masks before distances, the caller's predicate last).
 * The filter trees are built on first use (or all at once by `build()`), so the index is ready to
 * answer as soon as the tree of all points is.
 * The search walks kdbush's tree depth first, the query's side of each split first, with a bounded
 * heap and trigonometry-free lower bounds: a half is passed over by the bounding box of its own
 * points (kept per tree, float32), not by its share of the split plane, which in a sparse region
 * reaches far beyond its points; and a point by its distance's lower bound before the haversine.
 * For a random place's ten at 100 k stations that took nodes from 132 to 70, points from 357 to
 * 192 and haversines from 234 to 47. geokdbush's `around` (a queue of objects per node) was about
 * twice as slow at 1 M points.
 * Hits are exact: the brute-force order by `haversine` metres, ties by index.
 */
import type KDBush from 'kdbush';
import { finish, SLICE_ITEMS, sliced, type Sliced } from '../slices';
import { boxLower, hav, havLower, havToMetres, metresToHav, RAD } from './haversine';
import { kdBuild, pointCount, typedColumns, type Points, type TypedPointColumns } from './points';

export type { NearestPoint, PointColumns, Points } from './points';

export interface NearestQuery {
  lng: number;
  lat: number;
  /** most hits returned */
  limit: number;
  /** metres, inclusive; absent or Infinity: unbounded */
  maxDistance?: number;
  /** every bit required */
  all?: number;
  /** at least one bit required; 0/undefined: no constraint */
  any?: number;
  only24h?: boolean;
  /** extra per-point test (e.g. open now), evaluated last and only for would-be hits */
  predicate?: (i: number) => boolean;
}

export interface NearestHit {
  /** index into the points array */
  i: number;
  /** haversine metres from the query position */
  distance: number;
}

export interface NearestOptions {
  /** kd-tree leaf size, in points */
  nodeSize?: number;
  /** share of points (0..1) at or below which a mask bit gets its own kd-tree */
  maxShare?: number;
  /** share of points (0..1) at or below which the 24 h filter gets its own kd-tree */
  maxShare24h?: number;
  /**
   * Whether a query builds the filter tree it wants when it is not built yet (true), or searches a
   * built tree meanwhile (false: for a caller that builds them a slice at a time with `building`,
   * so that no query waits for a build).
   */
  buildOnQuery?: boolean;
}

export interface NearestIndex {
  /** number of points indexed */
  readonly size: number;
  /** The kd-tree of every point (its items are the points' indexes), for ranges over them all (the map's, viewport.ts). */
  readonly allPoints: KDBush;
  /** Hits nearest first, ties by index: what filtering, sorting and cutting every point would give. */
  query(q: NearestQuery): NearestHit[];
  /** Builds the filter trees not built yet (each is otherwise built by the first query that uses it). */
  build(): void;
  /** `build`, a slice at a time. */
  building(): Sliced<void>;
  /**
   * Takes in new filter values (masks, 24 h) of the points `changed`, already written to the
   * columns the index was built over (their positions unchanged): the trees' copies are refreshed,
   * and the filter trees whose membership changed are dropped, to be rebuilt on first use.
   */
  update(changed: readonly number[]): void;
  /**
   * Points `moved`: their new positions are already written to the columns the index was built
   * over. The trees hold them where they were, so from now on searches pass them over and test
   * them one by one, from the columns (a handful, between two builds of the index): hits stay
   * what a new index would give, and a move costs no tree build.
   */
  move(moved: readonly number[]): void;
  /** The points moved since the build (`move`), each once; `isMoved` tells one of them. */
  readonly moved: readonly number[];
  isMoved(i: number): boolean;
}

const defaultOptions: Required<NearestOptions> = {
  nodeSize: 16, // kd-tree leaf size in points: small leaves answer nearest-10 fastest
  maxShare: 0.25, // a mask bit held by at most this share of points (0..1) gets its own kd-tree
  maxShare24h: 0.5, // the same for the 24 h filter, the one people flip most
  buildOnQuery: true,
};

/** A kd-tree over some of the points; per item j, in tree order: point index, cos(lat) and filter columns. */
interface Tree {
  kd: KDBush;
  /** per node (heap order: root 0, children of k at 2k + 1 and 2k + 2): minLng, minLat, maxLng, maxLat of a box holding its points (nodeBoxes) */
  boxes: Float32Array;
  /** the point of each tree item */
  ids: Uint32Array;
  cos: Float64Array;
  all: Uint32Array;
  any: Uint32Array;
  is24h: Uint8Array;
}
/** A query's filters, tested per tree item; `skipAny` drops points another tree of the plan owns. */
interface Filter {
  all: number;
  any: number;
  skipAny: number;
  only24h: boolean;
  extra: ((i: number) => boolean) | undefined;
}
/** The tree of the points having one filter bit: its size now, the tree itself on first use. */
interface Subtree {
  size: number;
  tree(): Tree;
  /** Re-reads the marked points' filter columns into the tree, if it is built (membership unchanged). */
  refresh(marked: Uint8Array, c: Columns): void;
  /** Builds the tree a slice at a time, if it is not built yet. */
  building(): Sliced<void>;
  built(): boolean;
}
type Columns = TypedPointColumns;

/** Build the index: one kd-tree of all points plus (on first use) one per selective filter. */
export function createNearestIndex(points: Points, options?: NearestOptions): NearestIndex {
  return finish(nearestIndexBuild(points, options));
}

/** `createNearestIndex`, a slice at a time. */
export function* nearestIndexBuild(points: Points, options?: NearestOptions): Sliced<NearestIndex> {
  const { nodeSize, maxShare, maxShare24h, buildOnQuery } = { ...defaultOptions, ...options };
  const usable = buildOnQuery ? (t: Subtree | null) => t : (t: Subtree | null) => (t?.built() ? t : null);
  const c = typedColumns(points);
  const n = pointCount(points), maxCount = n * maxShare;
  const treeOf = (src: Uint32Array | null) => treeBuild(c, src, nodeSize);
  const full = yield* treeOf(null);
  const counts24 = new Uint32Array(1), allCounts = new Uint32Array(32), anyCounts = new Uint32Array(32);
  yield* sliced(n, (i) => {
    counts24[0] += c.is24h[i];
    countBits(allCounts, c.all[i]);
    countBits(anyCounts, c.any[i]);
  });
  const h24s = subtrees(n, c.is24h, counts24, n * maxShare24h, treeOf);
  const allTrees = subtrees(n, c.all, allCounts, maxCount, treeOf);
  const anyTrees = subtrees(n, c.any, anyCounts, maxCount, treeOf);

  // the points moved since the build (see move), flagged by index once the first moves
  const moved: number[] = [];
  let movedFlag: Uint8Array | null = null;

  function query(q: NearestQuery): NearestHit[] {
    const limit = Math.min(Math.floor(q.limit), n);
    const maxM = q.maxDistance ?? Infinity;
    if (!(limit > 0) || !(maxM >= 0) || !Number.isFinite(q.lng) || !Number.isFinite(q.lat)) return [];
    const qAll = (q.all ?? 0) >>> 0, qAny = (q.any ?? 0) >>> 0, only24h = q.only24h === true;
    // widened a hair so rounding never drops a point at exactly maxDistance; cut exactly below
    const top = TopK.take(limit, maxM === Infinity ? Infinity : metresToHav(maxM) * (1 + 1e-9));
    const flag = movedFlag, predicate = q.predicate;
    const extra = flag === null ? predicate : (i: number) => flag[i] === 0 && (predicate === undefined || predicate(i));
    if (qAll === 0 && qAny === 0 && !only24h) search(full, q.lng, q.lat, top, { all: 0, any: 0, skipAny: 0, only24h, extra });
    else {
      for (const { tree, skipAny } of plan(full, only24h ? usable(h24s[0]) : null, qAll, allTrees, qAny, anyTrees, usable)) {
        search(tree, q.lng, q.lat, top, { all: qAll, any: qAny, skipAny, only24h, extra });
      }
    }
    if (moved.length > 0) searchMoved(q.lng, q.lat, top, { all: qAll, any: qAny, skipAny: 0, only24h, extra: predicate });
    return top.hits(maxM);
  }
  /** The moved points into `top`, as `search` would offer them from a tree built where they are now (the same h, bit for bit). */
  function searchMoved(qLng: number, qLat: number, top: TopK, f: Filter): void {
    const cosQ = Math.cos(qLat * RAD);
    for (const i of moved) {
      const any = c.any[i];
      if ((c.all[i] & f.all) !== f.all || (f.any !== 0 && (any & f.any) === 0) || (f.only24h && c.is24h[i] !== 1)) continue;
      const lat = c.lat[i], dLat = (qLat - lat) * RAD, dLng = (qLng - c.lng[i]) * RAD;
      const h = cosQ * Math.cos(lat * RAD) * hav(dLng) + hav(dLat);
      if (top.accepts(h, i) && (!f.extra || f.extra(i))) top.push(h, i);
    }
  }
  function* building(): Sliced<void> {
    for (const t of [...h24s, ...allTrees, ...anyTrees]) if (t) yield* t.building();
  }
  function update(changed: readonly number[]): void {
    if (changed.length === 0) return;
    const marked = new Uint8Array(n);
    for (const i of changed) marked[i] = 1;
    // the full tree's copies are the old values: the bits whose membership changed
    let dirtyAll = 0, dirtyAny = 0, dirty24 = 0;
    for (let j = 0; j < n; j++) {
      const i = full.ids[j];
      if (!marked[i]) continue;
      const a = full.all[j] ^ c.all[i], y = full.any[j] ^ c.any[i], h = full.is24h[j] ^ c.is24h[i];
      recount(allCounts, a, c.all[i]);
      recount(anyCounts, y, c.any[i]);
      recount(counts24, h, c.is24h[i]);
      dirtyAll |= a;
      dirtyAny |= y;
      dirty24 |= h;
    }
    refresh(full, marked, c);
    const renew = (trees: (Subtree | null)[], dirty: number, mask: ArrayLike<number>, counts: Uint32Array, max: number) => {
      trees.forEach((t, b) => {
        if ((dirty >>> b) & 1) trees[b] = subtree(n, mask, b, counts[b], max, treeOf);
        else t?.refresh(marked, c);
      });
    };
    renew(h24s, dirty24, c.is24h, counts24, n * maxShare24h);
    renew(allTrees, dirtyAll, c.all, allCounts, maxCount);
    renew(anyTrees, dirtyAny, c.any, anyCounts, maxCount);
  }
  function move(ids: readonly number[]): void {
    if (ids.length === 0) return;
    const flag = (movedFlag ??= new Uint8Array(n));
    for (const i of ids) if (flag[i] === 0) (flag[i] = 1), moved.push(i);
  }
  return {
    size: n, allPoints: full.kd, query, build: () => finish(building()), building, update, move, moved,
    isMoved: (i) => movedFlag !== null && movedFlag[i] === 1,
  };
}

/** Counts per bit: `flipped` bits of a point whose mask is now `now` went up (set now) or down. */
function recount(counts: Uint32Array, flipped: number, now: number): void {
  for (let b = 0; flipped >>> b !== 0; b++) if ((flipped >>> b) & 1) counts[b] += (now >>> b) & 1 ? 1 : -1;
}

/** A tree's copies of the filter columns, re-read for the marked points. */
function refresh(t: Tree, marked: Uint8Array, c: Columns): void {
  for (let j = 0; j < t.ids.length; j++) {
    const i = t.ids[j];
    if (!marked[i]) continue;
    t.all[j] = c.all[i];
    t.any[j] = c.any[i];
    t.is24h[j] = c.is24h[i];
  }
}

/**
 * Trees to search: the smallest one guaranteeing a filter, or the union of the any-bit trees when
 * smaller (each point is taken only from the tree of its lowest queried bit: `skipAny`).
 */
function plan(
  full: Tree, h24: Subtree | null, qAll: number, allTrees: (Subtree | null)[], qAny: number, anyTrees: (Subtree | null)[],
  usable: (t: Subtree | null) => Subtree | null,
): { tree: Tree; skipAny: number }[] {
  let best: Pick<Subtree, 'size' | 'tree'> = h24 ?? { size: full.ids.length, tree: () => full };
  for (let b = 0; b < 32; b++) {
    const t = usable(allTrees[b]);
    if (t && (qAll >>> b) & 1 && t.size < best.size) best = t;
  }
  const union: { tree: Subtree; skipAny: number }[] = [];
  let size = 0;
  for (let b = 0; b < 32 && qAny !== 0; b++) {
    if (!((qAny >>> b) & 1)) continue;
    const t = usable(anyTrees[b]);
    if (!t) return [{ tree: best.tree(), skipAny: 0 }];
    union.push({ tree: t, skipAny: qAny & ((1 << b) - 1) });
    size += t.size;
  }
  return union.length > 0 && size < best.size
    ? union.map(({ tree, skipAny }) => ({ tree: tree.tree(), skipAny }))
    : [{ tree: best.tree(), skipAny: 0 }];
}

let spareStack: Float64Array | null = null; // reused between searches (a predicate may re-enter)
const FRAME = 4; // left, right, node, lower bound of h

/** Depth-first k-nearest over a kdbush tree (the layout kdbush's range walks), into `top`. */
function search(tree: Tree, qLng: number, qLat: number, top: TopK, f: Filter): void {
  const { kd, ids, cos, boxes } = tree;
  if (ids.length === 0) return;
  const coords = kd.coords, nodeSize = kd.nodeSize, cosQ = Math.cos(qLat * RAD);
  const masked = f.all !== 0 || f.any !== 0 || f.only24h, extra = f.extra;
  const lower = (node: number) => boxLower(qLng, qLat, cosQ, boxes[4 * node], boxes[4 * node + 1], boxes[4 * node + 2], boxes[4 * node + 3]);
  const s = spareStack ?? new Float64Array(FRAME * 128);
  spareStack = null;
  frame(s, 0, 0, ids.length - 1, 0, 0);
  for (let sp = FRAME; sp > 0;) {
    sp -= FRAME;
    if (s[sp + 3] > top.worst) continue;
    const left = s[sp], right = s[sp + 1], node = s[sp + 2], leaf = right - left <= nodeSize;
    const last = leaf ? right : (left + right) >> 1;
    for (let j = leaf ? left : last; j <= last; j++) {
      // cheapest first: the latitude term alone, then masks, then a lower bound, then the haversine
      const dLat = (qLat - coords[2 * j + 1]) * RAD, lowLat = havLower(dLat);
      if (lowLat > top.worst || (masked && !passes(tree, j, f))) continue;
      const dLng = (qLng - coords[2 * j]) * RAD, cc = cosQ * cos[j];
      if (lowLat + cc * havLower(dLng) > top.worst) continue;
      const h = cc * hav(dLng) + hav(dLat), i = ids[j];
      if (top.accepts(h, i) && (!extra || extra(i))) top.push(h, i);
    }
    if (leaf) continue;
    // the halves either side of the middle point: the nearer one is pushed last (searched first),
    // one beyond the best so far not at all
    const lo = 2 * node + 1, hi = lo + 1, bound = s[sp + 3];
    const axis = (31 - Math.clz32(node + 1)) & 1; // kdbush splits on lng at even depths
    if ((axis === 0 ? qLng : qLat) <= coords[2 * last + axis]) {
      const hiH = last < right ? lower(hi) : Infinity;
      if (hiH <= top.worst) sp = frame(s, sp, last + 1, right, hi, hiH);
      if (left < last) sp = frame(s, sp, left, last - 1, lo, bound);
    } else {
      const loH = left < last ? lower(lo) : Infinity;
      if (loH <= top.worst) sp = frame(s, sp, left, last - 1, lo, loH);
      if (last < right) sp = frame(s, sp, last + 1, right, hi, bound);
    }
  }
  spareStack = s;
}

/** The mask filters, read from the tree's own columns (the cheap test, made before any distance). */
function passes(t: Tree, j: number, f: Filter): boolean {
  const any = t.any[j];
  return (t.all[j] & f.all) === f.all && (f.any === 0 || (any & f.any) !== 0) && (any & f.skipAny) === 0 &&
    (!f.only24h || t.is24h[j] === 1);
}

/** Writes a stack frame at `at`; returns the stack's new top. */
function frame(s: Float64Array, at: number, left: number, right: number, node: number, bound: number): number {
  s[at] = left;
  s[at + 1] = right;
  s[at + 2] = node;
  s[at + 3] = bound;
  return at + FRAME;
}

/** The k smallest (h, index) pairs offered, as a max-heap; `worst` is the h a newcomer must not exceed. */
class TopK {
  h: Float64Array;
  ids: Uint32Array;
  size = 0;
  k = 0;
  worst = Infinity;
  private constructor(capacity: number) {
    this.h = new Float64Array(capacity);
    this.ids = new Uint32Array(capacity);
  }
  private static spare: TopK | null = null; // reused between queries (a predicate may re-enter)

  /** An empty heap of the k smallest at most hMax: the spare one when it is free and large enough. */
  static take(k: number, hMax: number): TopK {
    const top = TopK.spare !== null && TopK.spare.h.length >= k ? TopK.spare : new TopK(Math.max(k, 16));
    TopK.spare = null;
    [top.k, top.size, top.worst] = [k, 0, hMax];
    return top;
  }

  /**
   * The pairs as hits within `maxM` metres, nearest first (ties by index), taken from the heap
   * largest first; the heap is given back as the spare. Two h a hair apart may round to the same
   * metres: the insertion pass then orders them by index, as sorting by (metres, index) would.
   */
  hits(maxM: number): NearestHit[] {
    const H = this.h, I = this.ids, out = new Array<NearestHit>(this.size);
    for (let n = this.size; n > 0; n--) {
      out[n - 1] = { i: I[0], distance: havToMetres(H[0]) };
      this.pop();
    }
    for (let k = 1; k < out.length; k++) {
      const hit = out[k];
      let j = k;
      for (; j > 0 && out[j - 1].distance === hit.distance && out[j - 1].i > hit.i; j--) out[j] = out[j - 1];
      out[j] = hit;
    }
    if (H.length <= SPARE_MAX) TopK.spare = this;
    let end = out.length;
    while (end > 0 && !(out[end - 1].distance <= maxM)) end--;
    return end === out.length ? out : out.slice(0, end);
  }

  /** Drops the largest pair. */
  private pop(): void {
    const H = this.h, I = this.ids, n = --this.size;
    const h = H[n], i = I[n];
    let at = 0;
    for (let c = 1; c < n; at = c, c = 2 * c + 1) {
      if (c + 1 < n && less(H[c], I[c], H[c + 1], I[c + 1])) c++;
      if (!less(h, i, H[c], I[c])) break;
      H[at] = H[c];
      I[at] = I[c];
    }
    H[at] = h;
    I[at] = i;
  }
  accepts(h: number, i: number): boolean {
    return h < this.worst || (h === this.worst && (this.size < this.k || i < this.ids[0]));
  }
  push(h: number, i: number): void {
    const H = this.h, I = this.ids;
    let at = this.size < this.k ? this.size++ : 0;
    if (at > 0) { // sift a new leaf up
      for (let up = (at - 1) >> 1; at > 0 && less(H[up], I[up], h, i); at = up, up = (at - 1) >> 1) {
        H[at] = H[up];
        I[at] = I[up];
      }
    } else if (this.size === this.k && this.k > 1) { // replace the root, sift down
      for (let c = 1; c < this.size; at = c, c = 2 * c + 1) {
        if (c + 1 < this.size && less(H[c], I[c], H[c + 1], I[c + 1])) c++;
        if (!less(h, i, H[c], I[c])) break;
        H[at] = H[c];
        I[at] = I[c];
      }
    }
    H[at] = h;
    I[at] = i;
    if (this.size === this.k) this.worst = H[0];
  }
}

/** Heaps kept as the spare hold at most this many pairs (the API asks for 100 at most). */
const SPARE_MAX = 1024;

function less(h1: number, i1: number, h2: number, i2: number): boolean {
  return h1 < h2 || (h1 === h2 && i1 < i2);
}

/**
 * Each node's bounding box (see Tree.boxes), a slice at a time. Stored as float32, each point's
 * sides moved out by BOX_PAD degrees first (more than float32's rounding anywhere on the globe), so
 * that a box always holds its points and its lower bound never exceeds a point's distance.
 */
function* nodeBoxes(coords: ArrayLike<number>, size: number, nodeSize: number): Sliced<Float32Array> {
  let height = 0;
  for (let m = size; m > nodeSize + 1; m = m >> 1) height++; // the larger half of m items has ⌊m/2⌋
  const boxes = new Float32Array(4 * (2 ** (height + 1) - 1));
  // a node's box: its middle point's (a leaf's: its points'), padded, then widened to its halves'
  const box = (node: number, left: number, right: number): void => {
    const leaf = right - left <= nodeSize, last = leaf ? right : (left + right) >> 1;
    let minLng = Infinity, minLat = Infinity, maxLng = -Infinity, maxLat = -Infinity;
    for (let j = leaf ? left : last; j <= last; j++) {
      const lng = coords[2 * j], lat = coords[2 * j + 1];
      minLng = Math.min(minLng, lng - BOX_PAD); minLat = Math.min(minLat, lat - BOX_PAD);
      maxLng = Math.max(maxLng, lng + BOX_PAD); maxLat = Math.max(maxLat, lat + BOX_PAD);
    }
    boxes[4 * node] = minLng; // rounded to float32 by at most half the padding: still outside the points
    boxes[4 * node + 1] = minLat;
    boxes[4 * node + 2] = maxLng;
    boxes[4 * node + 3] = maxLat;
    if (leaf) return;
    if (left < last) widen(node, 2 * node + 1, left, last - 1);
    if (last < right) widen(node, 2 * node + 2, last + 1, right);
  };
  const widen = (node: number, half: number, left: number, right: number): void => {
    if (!built[half]) box(half, left, right);
    boxes[4 * node] = Math.min(boxes[4 * node], boxes[4 * half]);
    boxes[4 * node + 1] = Math.min(boxes[4 * node + 1], boxes[4 * half + 1]);
    boxes[4 * node + 2] = Math.max(boxes[4 * node + 2], boxes[4 * half + 2]);
    boxes[4 * node + 3] = Math.max(boxes[4 * node + 3], boxes[4 * half + 3]);
  };
  // slices: the nodes of SLICE_ITEMS points or fewer at the top of their subtree first, then the rest
  const built = new Uint8Array(boxes.length / 4);
  function* slices(node: number, left: number, right: number): Sliced<void> {
    if (left > right) return;
    const last = (left + right) >> 1;
    if (right - left < SLICE_ITEMS) {
      box(node, left, right);
      built[node] = 1;
      yield;
      return;
    }
    yield* slices(2 * node + 1, left, last - 1);
    yield* slices(2 * node + 2, last + 1, right);
  }
  if (size > 0) yield* slices(0, 0, size - 1);
  if (size > 0 && !built[0]) box(0, 0, size - 1); // the nodes above the slices, from theirs
  return boxes;
}
/** Degrees: above float32's spacing at 180° (2^-16 ≈ 1.5e-5), so rounding never moves a side inwards past a point. */
const BOX_PAD = 2e-5;

/** Adds a point's mask to the counts per bit. */
function countBits(counts: Uint32Array, mask: number): void {
  for (let m = mask, b = 0; m !== 0; m >>>= 1, b++) counts[b] += m & 1;
}

/** For each counted bit of `mask[i]`: the tree of the points having it (see `subtree`). */
function subtrees(
  n: number, mask: ArrayLike<number>, counts: Uint32Array, maxCount: number, build: (src: Uint32Array) => Sliced<Tree>,
): (Subtree | null)[] {
  return Array.from(counts, (count, b) => subtree(n, mask, b, count, maxCount, build));
}

/** The tree of the `count` points having bit `b`, when at most `maxCount` do (else null), built on first use. */
function subtree(
  n: number, mask: ArrayLike<number>, b: number, count: number, maxCount: number, build: (src: Uint32Array) => Sliced<Tree>,
): Subtree | null {
  if (count > maxCount) return null;
  let tree: Tree | undefined;
  // a bit nobody has gets an empty tree: it answers at once
  return {
    size: count,
    tree: () => (tree ??= finish(build(having(n, mask, b, count)))),
    refresh: (marked, c) => tree && refresh(tree, marked, c),
    built: () => tree !== undefined,
    *building() {
      if (tree) return;
      const built = yield* build(having(n, mask, b, count));
      tree ??= built; // a query may have built it meanwhile
    },
  };
}

/** The `count` points whose mask has bit `b`, ascending. */
function having(n: number, mask: ArrayLike<number>, b: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  for (let i = 0, k = 0; i < n; i++) if ((mask[i] >>> b) & 1) out[k++] = i;
  return out;
}

/**
 * kd-tree of the points `src` (null: every point), filled straight from the columns, with per-item
 * columns in tree order, a slice at a time. The filter columns are copied in the last slice: a
 * patch between slices (positions stay, masks change) is then either read here or refreshed into the tree.
 */
function* treeBuild(c: Columns, src: Uint32Array | null, nodeSize: number): Sliced<Tree> {
  const size = src ? src.length : c.lng.length;
  const kd = src
    ? yield* kdBuild(size, nodeSize, (j) => c.lng[src[j]], (j) => c.lat[src[j]])
    : yield* kdBuild(size, nodeSize, (i) => c.lng[i], (i) => c.lat[i]);
  // the tree of every point: kdbush's own item ids are the points (shared, when 32-bit: one type for search)
  const ids = !src && kd.ids instanceof Uint32Array ? kd.ids : new Uint32Array(size);
  const t: Tree = {
    kd, boxes: yield* nodeBoxes(kd.coords, size, kd.nodeSize), ids, cos: new Float64Array(size),
    all: new Uint32Array(size), any: new Uint32Array(size), is24h: new Uint8Array(size),
  };
  yield* sliced(size, (j) => { // kdbush reorders its items
    if (ids !== kd.ids) ids[j] = src ? src[kd.ids[j]] : kd.ids[j];
    t.cos[j] = Math.cos(kd.coords[2 * j + 1] * RAD);
  });
  for (let j = 0; j < size; j++) {
    const i = t.ids[j];
    t.all[j] = c.all[i];
    t.any[j] = c.any[i];
    t.is24h[j] = c.is24h[i];
  }
  return t;
}
