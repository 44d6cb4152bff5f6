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
 * Hits as growable columns: the point (its index among the points in a page; its kd-tree position
 * while a sweep holds it), metres along, metres off.
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

/** Levels of counting sorts before a comparison sort takes over (keys that keep crowding into one bucket). */
const MAX_DEPTH = 4;

const batch = new HitColumns(); // scratch of moveBefore (one at a time)
// the batch's hits (by number) in the making of their order, a second buffer, and bucket ends per level of `sortRun`
let order = new Int32Array(256), spare = new Int32Array(256);
const ends = Array.from({ length: MAX_DEPTH + 1 }, () => new Uint32Array(256));
// what `precedes` compares: the batch being ordered and the point index of each tree position
let keyIds: ArrayLike<number> = [];

/**
 * Moves the hits of `from` that lie before `before` metres along (all when it is Infinity) to the
 * end of `to`, in route order (`ids` maps a tree position to the point index, the last key); the
 * rest stay in `from`. Every hit already in `to` must come before them.
 */
export function moveBefore(from: HitColumns, before: number, ids: ArrayLike<number>, to: HitColumns): void {
  let kept = 0;
  batch.size = 0;
  for (let k = 0; k < from.size; k++) {
    const a = from.along[k];
    if (a < before) batch.push(from.i[k], a, from.offset[k]);
    else {
      from.i[kept] = from.i[k];
      from.along[kept] = a;
      from.offset[kept++] = from.offset[k];
    }
  }
  from.size = kept;
  const m = batch.size;
  if (m === 0) return;
  if (order.length < m) [order, spare] = [new Int32Array(m * 2), new Int32Array(m * 2)];
  for (let k = 0; k < m; k++) order[k] = k;
  keyIds = ids;
  sortRun(0, m, 0);
  to.reserve(m);
  const A = batch.along, O = batch.offset, J = batch.i;
  for (let k = 0; k < m; k++) {
    const h = order[k];
    to.i[to.size] = J[h];
    to.along[to.size] = A[h];
    to.offset[to.size++] = O[h];
  }
}

/**
 * Puts the batch hits order[start, stop) in route order: a counting sort into about one bucket per
 * hit on along (hits arrive chunk by chunk, so it does most of the work), or on offset where they
 * share one along (a vertex nearest to a crowd: the points beyond a turn), then each bucket by
 * insertion, or the same way again when it is large.
 */
function sortRun(start: number, stop: number, depth: number): void {
  const m = stop - start;
  if (m <= 32) { // insertion sort: buckets are small
    for (let k = start + 1; k < stop; k++) {
      const h = order[k];
      let p = k;
      for (; p > start && precedes(h, order[p - 1]); p--) order[p] = order[p - 1];
      order[p] = h;
    }
    return;
  }
  const key = spans(batch.along, start, stop) ? batch.along : spans(batch.offset, start, stop) ? batch.offset : null;
  if (!key || depth === MAX_DEPTH) { // the same along and offset (points at one place), or a rare crowd of keys: by comparison
    order.subarray(start, stop).sort(compare);
    return;
  }
  let lo = Infinity, hi = -Infinity;
  for (let k = start; k < stop; k++) {
    const v = key[order[k]];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const scale = (m - 1e-9 * m) / (hi - lo);
  let end = ends[depth];
  if (end.length < m) end = ends[depth] = new Uint32Array(m * 2);
  end.fill(0, 0, m);
  for (let k = start; k < stop; k++) end[((key[order[k]] - lo) * scale) | 0]++;
  for (let b = 0, sum = start; b < m; b++) { // end[b]: bucket b's start
    const count = end[b];
    end[b] = sum;
    sum += count;
  }
  for (let k = start; k < stop; k++) { // end[b] moves from bucket b's start to its end
    const h = order[k];
    spare[end[((key[h] - lo) * scale) | 0]++] = h;
  }
  order.set(spare.subarray(start, stop), start);
  for (let b = 0, from = start; b < m; from = end[b++]) if (end[b] - from > 1) sortRun(from, end[b], depth + 1);
}

/** Whether the batch hits order[start, stop) differ in `key`. */
function spans(key: Float64Array, start: number, stop: number): boolean {
  const first = key[order[start]];
  for (let k = start + 1; k < stop; k++) if (key[order[k]] !== first) return true;
  return false;
}

/** Whether batch hit p comes before batch hit q in route order. */
function precedes(p: number, q: number): boolean {
  const A = batch.along, O = batch.offset;
  return A[p] < A[q] || (A[p] === A[q] && (O[p] < O[q] || (O[p] === O[q] && keyIds[batch.i[p]] < keyIds[batch.i[q]])));
}

const compare = (p: number, q: number) => (precedes(p, q) ? -1 : precedes(q, p) ? 1 : 0);
