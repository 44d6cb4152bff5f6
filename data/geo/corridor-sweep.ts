/**
 * One corridor question's walk along its route, chunk by chunk, kept between pages. A chunk's
 * walk takes the points of its box that are near its chord (routeChunks: those within the width of
 * the chunk, and a few more); the rest are left for later chunks. After chunk c every hit nearest
 * to the route before c's end is known (a point nearest at `along` is within the width of the
 * chunk holding `along`): those are `done`, in route order; hits found early, nearer to a later
 * part of the route, wait in `pending`. A page reads `done` and walks on only as far as it
 * needs, so paging through a corridor walks each chunk once. Points are marked seen with the
 * sweep's stamp; when another sweep has stamped since, this one takes a new stamp and keeps only
 * hits at or beyond `certain` (the rest are done or will be found again).
 */
import type KDBush from 'kdbush';
import { measureAlongAt, routeChunks, CHUNK, CHUNK_AX, CHUNK_AY, CHUNK_BX, CHUNK_BY, CHUNK_END, CHUNK_FAR2, CHUNK_MAX_LAT, CHUNK_MAX_LNG, CHUNK_MIN_LAT, CHUNK_MIN_LNG, type Route } from './corridor-route';
import { inverseLength2, M, M_LAT, M_OUT, M_T } from './corridor-segment';
import { RAD } from './haversine';
import { SegmentFinder, type Closest } from './corridor-finder';
import { HitColumns, moveBefore } from './corridor-order';

/** The index's points in kd-tree order, and the seen stamps its sweeps share. */
export interface SweepSpace {
  kd: KDBush;
  ids: Uint32Array | Uint16Array;
  coords: Float64Array;
  y: Float64Array;
  cos: Float64Array;
  all: Uint32Array;
  any: Uint32Array;
  is24h: Uint8Array;
  seen: Uint32Array;
  /** the last stamp taken, and how many times the stamps wrapped */
  stamp: number;
  epoch: number;
  stack: number[];
  /** the tree positions of the points in the box being walked (grown as needed) */
  inBox: Int32Array;
}

/** What a sweep finds: points within `width` metres passing the masks. */
export interface SweepFilter {
  width: number;
  all: number;
  any: number;
  only24h: boolean;
  /** whether any of the three asks for something */
  masked: boolean;
}

/** A place in route order: metres along, metres off, and whether a point exactly there (index i) comes after it. */
export interface RoutePlace {
  along: number;
  offset: number;
  tieAfter(i: number): boolean;
}

export class Sweep {
  /** hits nearest before `certain` metres along (and from `base` on), in route order, by point index (pending holds tree positions) */
  readonly done = new HitColumns();
  /** metres along from which this sweep knows every hit (−∞: the whole route) */
  base: number;
  private readonly pending = new HitColumns();
  private readonly chunks: Float64Array;
  private readonly nearest: SegmentFinder;
  private readonly at: Closest = { s: 0, t: 0, offset: 0, φ: 0 };
  /** the chunk being walked: its chord's start (x, y) and direction (x, y), 1 / its length², and CHUNK_FAR2 (all Mercator) */
  private readonly tube = new Float64Array(6);
  private next: number;
  private certain: number;
  private stamp = -1;
  private epoch = -1;

  /** A sweep from the first chunk that can hold a hit at or after `from` metres along. */
  constructor(readonly space: SweepSpace, readonly route: Route, readonly filter: SweepFilter, chunkM: number, reuseM: number, from: number) {
    this.chunks = routeChunks(route, filter.width, chunkM);
    this.nearest = new SegmentFinder(route, filter.width, reuseM, space);
    let c = 0;
    while (c + 1 < this.chunks.length / CHUNK && this.chunks[CHUNK * c + CHUNK_END] < from) c++;
    this.next = c;
    this.base = this.certain = c === 0 ? -Infinity : this.chunks[CHUNK * (c - 1) + CHUNK_END];
  }

  /** The first `limit` hits after `after` (if given) passing `predicate` (evaluated in route order, until the page is full), into `out`. */
  page(after: RoutePlace | undefined, predicate: ((i: number) => boolean) | undefined, limit: number, out: HitColumns): HitColumns {
    const d = this.done;
    if (after) while (this.certain <= after.along && this.walk());
    let k = after ? firstFrom(d, after.along, after.offset) : 0;
    for (;;) {
      // pages go forward: hits before the along of the last one read are forgotten (an earlier page is a new sweep),
      // so a sweep holds about a page and a chunk, and a long page keeps reusing the memory of its columns
      if (k > DROP_AFTER) {
        const gone = firstFrom(d, (this.base = d.along[k - 1]), -Infinity);
        d.drop(gone);
        k -= gone;
      }
      for (; k < d.size && out.size < limit; k++) {
        const i = d.i[k], along = d.along[k], offset = d.offset[k];
        if (after && along === after.along && offset === after.offset && !after.tieAfter(i)) continue;
        if (predicate && !predicate(i)) continue;
        out.push(i, along, offset);
      }
      if (out.size >= limit || !this.walk()) return out;
    }
  }

  /** Walks the next chunk, moving what became certain to `done`; false when the route is done. */
  private walk(): boolean {
    const chunks = this.chunks, c = this.next, s = this.space, o = CHUNK * c, tube = this.tube;
    if (o >= chunks.length) return false;
    if (s.stamp !== this.stamp || s.epoch !== this.epoch) this.restamp();
    const ax = chunks[o + CHUNK_AX], ay = chunks[o + CHUNK_AY], bx = chunks[o + CHUNK_BX], by = chunks[o + CHUNK_BY];
    tube[0] = ax;
    tube[1] = ay;
    tube[2] = bx - ax;
    tube[3] = by - ay;
    tube[4] = inverseLength2(ax, ay, bx, by);
    tube[5] = chunks[o + CHUNK_FAR2];
    this.visitAll(pointsNear(s, chunks[o + CHUNK_MIN_LNG], chunks[o + CHUNK_MIN_LAT], chunks[o + CHUNK_MAX_LNG], chunks[o + CHUNK_MAX_LAT], tube, this.stamp));
    this.next = c + 1;
    this.certain = o + CHUNK >= chunks.length ? Infinity : chunks[o + CHUNK_END];
    moveBefore(this.pending, this.certain, s.ids, this.done);
    return true;
  }

  /**
   * Visits the first `found` points of `space.inBox`: the loop alone, and each point a call. (V8
   * compiles a long loop while it runs; code so made, with no feedback yet for what follows the
   * loop, was entered and left again at each call, up to hundreds of times a run, in `walk` as in
   * `moveBefore`.)
   */
  private visitAll(found: number): void {
    const inBox = this.space.inBox, finder = this.nearest;
    for (let k = 0; k < found; k += GROUP) {
      const parts = finder.group(inBox, k, Math.min(k + GROUP, found), this.tube[2], this.tube[3]), { order, starts } = finder;
      for (let part = 0; part < parts; part++) {
        if (starts[part] === starts[part + 1]) continue;
        finder.narrow(part);
        for (let u = starts[part]; u < starts[part + 1]; u++) this.visit(order[u]);
      }
    }
  }

  /** A point near the chunk, not seen yet (tree position j): a hit nearest to the route at or after `certain` is kept in `pending`. */
  private visit(j: number): void {
    const s = this.space, f = this.filter, at = this.at;
    s.seen[j] = this.stamp;
    if (f.masked && ((s.all[j] & f.all) !== f.all || (f.any !== 0 && (s.any[j] & f.any) === 0) || (f.only24h && !s.is24h[j]))) return;
    if (!this.nearest.find(j, at)) return;
    // the metres along through M, and pending's columns written here: no double passed to or returned from a call (boxed if V8 does not inline it)
    M[M_T] = at.t;
    M[M_LAT] = at.φ;
    measureAlongAt(this.route, at.s);
    const along = M[M_OUT], p = this.pending;
    if (!(along >= this.certain)) return;
    if (p.size === p.i.length) p.reserve(1);
    p.i[p.size] = j;
    p.along[p.size] = along;
    p.offset[p.size++] = at.offset;
  }

  /** Takes a new stamp (another sweep stamped since): the pending hits are marked seen again. */
  private restamp(): void {
    const s = this.space;
    if (++s.stamp === 0xffffffff) { // wrapped: forget every old stamp
      s.seen.fill(0);
      s.stamp = 1;
      s.epoch++;
    }
    [this.stamp, this.epoch] = [s.stamp, s.epoch];
    for (let k = 0; k < this.pending.size; k++) s.seen[this.pending.i[k]] = this.stamp;
  }
}

/** Points the segment finder takes as a group (kd-tree order lists neighbours together). */
const GROUP = 256;

/** Hits already read kept at most (then those before the last one's along are dropped, so that a sweep holds about a page and a chunk). */
const DROP_AFTER = 256;

/** The first position in `d` whose (along, offset) is not before (along, offset). */
function firstFrom(d: HitColumns, along: number, offset: number): number {
  let lo = 0, hi = d.size;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (d.along[m] < along || (d.along[m] === along && d.offset[m] < offset)) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/**
 * kdbush's range walk over the chunk's box: into `s.inBox` (grown as needed) the tree positions of
 * the points not seen with `stamp` and within the width of the chunk (`tube`, as Sweep keeps it);
 * returns how many. The rest of the box (most of its corners) is left unseen, for a later chunk
 * it may be near. (Into a buffer, not through a new callback for each chunk, whose call site saw
 * a new target every chunk; and the box's other points never make a call.)
 */
function pointsNear(s: SweepSpace, minX: number, minY: number, maxX: number, maxY: number, tube: Float64Array, stamp: number): number {
  const kd = s.kd, coords = kd.coords, nodeSize = kd.nodeSize, stack = s.stack, seen = s.seen, y = s.y;
  const ax = tube[0], ay = tube[1], ux = tube[2], uy = tube[3], inv = tube[4], far2 = tube[5];
  let sp = push(stack, 0, 0, kd.numItems - 1, 0), n = 0, out = s.inBox;
  while (sp > 0) {
    const axis = stack[--sp], right = stack[--sp], left = stack[--sp];
    const leaf = right - left <= nodeSize, m = (left + right) >> 1;
    for (let j = leaf ? left : m, last = leaf ? right : m; j <= last; j++) {
      const lng = coords[2 * j], lat = coords[2 * j + 1];
      if (lng < minX || lng > maxX || lat < minY || lat > maxY || seen[j] === stamp) continue;
      // the chord's nearest point in Mercator (footAt written out)
      const px = lng * RAD - ax, py = y[j] - ay, u = (px * ux + py * uy) * inv, t = u <= 0 ? 0 : u >= 1 ? 1 : u, dx = t * ux - px, dy = t * uy - py;
      if (dx * dx + dy * dy > far2) continue;
      if (n === out.length) out = grown(s, n);
      out[n++] = j;
    }
    if (leaf) continue;
    const split = coords[2 * m + axis];
    if ((axis === 0 ? minX : minY) <= split) sp = push(stack, sp, left, m - 1, 1 - axis);
    if ((axis === 0 ? maxX : maxY) >= split) sp = push(stack, sp, m + 1, right, 1 - axis);
  }
  return n;
}

/** `s.inBox` twice as long, its first n kept. */
function grown(s: SweepSpace, n: number): Int32Array {
  const bigger = new Int32Array(2 * n);
  bigger.set(s.inBox.subarray(0, n));
  return (s.inBox = bigger);
}

/** Pushes a kd-tree node (left, right, axis) on a stack; returns the new stack size. */
function push(stack: number[], sp: number, left: number, right: number, axis: number): number {
  stack[sp] = left;
  stack[sp + 1] = right;
  stack[sp + 2] = axis;
  return sp + 3;
}
