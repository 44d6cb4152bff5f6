/**
 * Route order for corridor hits — along, then offset, then index. Hits are columns, no object per
 * hit (a corridor of 40 k hits would make 120 k objects, two of them boxed numbers), while a query
 * runs and in the pages it returns; they are put in order a batch at a time: they arrive chunk by
 * chunk, so a counting sort on along does most of it.
 */

export interface CorridorHit {
  /** index into the points array */
  i: number;
  /** metres along the route to the point of the route nearest to this one */
  along: number;
  /** haversine metres from the route */
  offset: number;
}

/** Route order: along, then offset, then index. */
export function byRouteOrder(a: CorridorHit, b: CorridorHit): number {
  return a.along - b.along || a.offset - b.offset || a.i - b.i;
}

/**
 * Hits as growable columns: the point (its index among the points; its kd-tree position while a
 * sweep's walk holds it as pending), metres along, metres off.
 */
export class HitColumns {
  i: Int32Array;
  along: Float64Array;
  offset: Float64Array;
  size = 0;

  constructor(capacity = 256) {
    [this.i, this.along, this.offset] = [new Int32Array(capacity), new Float64Array(capacity), new Float64Array(capacity)];
  }

  push(i: number, along: number, offset: number): void {
    if (this.size === this.i.length) this.reserve(1);
    this.i[this.size] = i;
    this.along[this.size] = along;
    this.offset[this.size++] = offset;
  }

  /** Forgets the first `count` hits. */
  drop(count: number): void {
    this.i.copyWithin(0, count, this.size);
    this.along.copyWithin(0, count, this.size);
    this.offset.copyWithin(0, count, this.size);
    this.size -= count;
  }

  /** Makes room for `more` hits beyond `size`. */
  reserve(more: number): void {
    if (this.size + more <= this.i.length) return;
    const { i, along, offset } = this, capacity = Math.max(this.size + more, 2 * i.length);
    [this.i, this.along, this.offset] = [new Int32Array(capacity), new Float64Array(capacity), new Float64Array(capacity)];
    this.i.set(i);
    this.along.set(along);
    this.offset.set(offset);
  }

  /** Hit k as an object. */
  at(k: number): CorridorHit {
    return { i: this.i[k], along: this.along[k], offset: this.offset[k] };
  }

  /** The hits as objects. */
  toArray(): CorridorHit[] {
    return Array.from({ length: this.size }, (_, k) => this.at(k));
  }
}

/** Buckets larger than this are put in order by a counting sort of their own (on along, or on offset where they share one along); smaller ones by insertion. */
const INSERTION_MAX = 32;
/** Levels of counting sorts before a comparison sort takes over (keys that keep crowding into one bucket). */
const MAX_DEPTH = 4;

// scratch of moveBefore (one at a time): bucket ends per level, and where a bucket's hits are scattered
const ends = Array.from({ length: MAX_DEPTH + 1 }, () => new Uint32Array(256));
let spare = new HitColumns(256);

/**
 * Moves the hits of `from` that lie before `before` metres along (all when it is Infinity) to the
 * end of `to`, in route order; `from` holds tree positions, `to` gets point indices (`ids` maps the
 * one to the other, once per hit: the sorts below and the pages then compare and copy point indices
 * with no lookup). The rest stay in `from`. Every hit already in `to` must come before them.
 *
 * A counting sort on along straight into `to`, about one bucket per hit (hits arrive chunk by
 * chunk, so it does most of the work), then each bucket by insertion, or the same way again when
 * it is large (a vertex nearest to a crowd: the points beyond a turn share its along).
 */
export function moveBefore(from: HitColumns, before: number, ids: ArrayLike<number>, to: HitColumns): void {
  const m = span(from, before);
  if (m === 0) return;
  const lo = spanOf[0], hi = spanOf[1];
  const scale = hi > lo ? (m - 1e-9 * m) / (hi - lo) : 0; // the bucket of hi is below m (a span so small that scale is infinite: all in bucket 0, as NaN | 0 and Infinity | 0 are 0)
  const end = bucketEnds(0, m);
  count(from, before, lo, scale, end);
  to.reserve(m);
  const first = to.size;
  starts(end, m, first);
  scatter(from, before, lo, scale, end, ids, to);
  to.size = first + m;
  eachBucket(to, end, m, first, 1);
}

/**
 * How many hits of `from` lie before `before` metres along, their least and greatest along into
 * spanOf. (Each pass is a function of its own: V8 optimizes a long first loop on the stack, and
 * code made so, with no feedback yet for the loops after it, was entered again and again only to
 * be left at the next loop.)
 */
function span(from: HitColumns, before: number): number {
  const A = from.along;
  let m = 0, lo = Infinity, hi = -Infinity;
  for (let k = 0; k < from.size; k++) {
    const a = A[k];
    if (a < before) {
      m++;
      if (a < lo) lo = a;
      if (a > hi) hi = a;
    }
  }
  spanOf[0] = lo;
  spanOf[1] = hi;
  return m;
}
const spanOf = new Float64Array(2);

/** Counts the hits of `from` before `before` metres along into their buckets' `end`. */
function count(from: HitColumns, before: number, lo: number, scale: number, end: Uint32Array): void {
  const A = from.along;
  for (let k = 0; k < from.size; k++) if (A[k] < before) end[((A[k] - lo) * scale) | 0]++;
}

/** Moves the hits of `from` before `before` to their buckets' places in `to` (`end`: each bucket's next place) as point indices, keeping the rest in `from`. */
function scatter(from: HitColumns, before: number, lo: number, scale: number, end: Uint32Array, ids: ArrayLike<number>, to: HitColumns): void {
  const A = from.along;
  let kept = 0;
  for (let k = 0; k < from.size; k++) {
    const a = A[k];
    if (a < before) {
      const p = end[((a - lo) * scale) | 0]++; // end[b] moves from bucket b's start to its end
      to.i[p] = ids[from.i[k]];
      to.along[p] = a;
      to.offset[p] = from.offset[k];
    } else {
      from.i[kept] = from.i[k];
      A[kept] = a;
      from.offset[kept++] = from.offset[k];
    }
  }
  from.size = kept;
}

/** Bucket counts of `depth`, m of them, zeroed. */
function bucketEnds(depth: number, m: number): Uint32Array {
  if (ends[depth].length < m) ends[depth] = new Uint32Array(2 * m);
  ends[depth].fill(0, 0, m);
  return ends[depth];
}

/** Turns m bucket counts into their starts, the first at `first`. */
function starts(end: Uint32Array, m: number, first: number): void {
  for (let b = 0, sum = first; b < m; b++) {
    const count = end[b];
    end[b] = sum;
    sum += count;
  }
}

/** Puts each of m buckets of `h` (the first at `first`, `end` their ends) in route order. */
function eachBucket(h: HitColumns, end: Uint32Array, m: number, first: number, depth: number): void {
  for (let b = 0, start = first; b < m; start = end[b++]) {
    const n = end[b] - start;
    if (n > INSERTION_MAX) byCounting(h, start, end[b], depth);
    else if (n > 1) byInsertion(h, start, end[b]);
  }
}

/** Puts hits [start, stop) of `h` in route order by a counting sort on along, or on offset where they share one along. */
function byCounting(h: HitColumns, start: number, stop: number, depth: number): void {
  const key = spans(h.along, start, stop) ? h.along : spans(h.offset, start, stop) ? h.offset : null;
  if (!key || depth === MAX_DEPTH) return byComparison(h, start, stop); // points at one place, or a rare crowd of keys
  const m = stop - start;
  let lo = Infinity, hi = -Infinity;
  for (let k = start; k < stop; k++) {
    if (key[k] < lo) lo = key[k];
    if (key[k] > hi) hi = key[k];
  }
  const scale = (m - 1e-9 * m) / (hi - lo), end = bucketEnds(depth, m);
  for (let k = start; k < stop; k++) end[((key[k] - lo) * scale) | 0]++;
  starts(end, m, 0);
  if (spare.i.length < m) spare = new HitColumns(2 * m);
  const { i: I, along: A, offset: O } = spare;
  for (let k = start; k < stop; k++) {
    const p = end[((key[k] - lo) * scale) | 0]++;
    I[p] = h.i[k];
    A[p] = h.along[k];
    O[p] = h.offset[k];
  }
  h.i.set(I.subarray(0, m), start);
  h.along.set(A.subarray(0, m), start);
  h.offset.set(O.subarray(0, m), start);
  for (let b = 0; b < m; b++) end[b] += start;
  eachBucket(h, end, m, start, depth + 1);
}

/** Whether hits [start, stop) differ in `key`. */
function spans(key: Float64Array, start: number, stop: number): boolean {
  for (let k = start + 1; k < stop; k++) if (key[k] !== key[start]) return true;
  return false;
}

/** Whether hit p of `h` comes before (along, offset, point index `i`) in route order. */
function precedes(h: HitColumns, p: number, a: number, o: number, i: number): boolean {
  return h.along[p] < a || (h.along[p] === a && (h.offset[p] < o || (h.offset[p] === o && h.i[p] < i)));
}

/** Puts hits [start, stop) of `h` in route order by insertion (a few). */
function byInsertion(h: HitColumns, start: number, stop: number): void {
  const I = h.i, A = h.along, O = h.offset;
  for (let k = start + 1; k < stop; k++) {
    const i = I[k], a = A[k], o = O[k];
    let p = k;
    for (; p > start && !precedes(h, p - 1, a, o, i); p--) {
      I[p] = I[p - 1];
      A[p] = A[p - 1];
      O[p] = O[p - 1];
    }
    I[p] = i;
    A[p] = a;
    O[p] = o;
  }
}

/** Puts hits [start, stop) of `h` in route order by comparison (a crowd at one place). */
function byComparison(h: HitColumns, start: number, stop: number): void {
  const crowd = Array.from({ length: stop - start }, (_, k) => h.at(start + k));
  crowd.sort(byRouteOrder).forEach((x, k) => [h.i[start + k], h.along[start + k], h.offset[start + k]] = [x.i, x.along, x.offset]);
}
