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

const batch = new HitColumns(); // scratch of moveBefore (one at a time)
let order = new Int32Array(256), end = new Uint32Array(256);
// what `precedes` compares: the batch being ordered and the point index of each tree position
let keyIds: ArrayLike<number> = [];

/**
 * Moves the hits of `from` that lie before `before` metres along (all when it is Infinity) to the
 * end of `to`, in route order (`ids` maps a tree position to the point index, the last key); the
 * rest stay in `from`. Every hit already in `to` must come before them.
 */
export function moveBefore(from: HitColumns, before: number, ids: ArrayLike<number>, to: HitColumns): void {
  let kept = 0, lo = Infinity, hi = -Infinity;
  batch.size = 0;
  for (let k = 0; k < from.size; k++) {
    const a = from.along[k];
    if (a < before) {
      batch.push(from.i[k], a, from.offset[k]);
      if (a < lo) lo = a;
      if (a > hi) hi = a;
    } else {
      from.i[kept] = from.i[k];
      from.along[kept] = a;
      from.offset[kept++] = from.offset[k];
    }
  }
  from.size = kept;
  const m = batch.size;
  if (m === 0) return;
  // a counting sort on along into about one bucket per hit, then each bucket in order
  const buckets = m, scale = hi > lo ? (buckets - 1e-9 * buckets) / (hi - lo) : 0;
  if (order.length < m) order = new Int32Array(m * 2);
  if (end.length < buckets) end = new Uint32Array(buckets * 2);
  end.fill(0, 0, buckets);
  const A = batch.along;
  for (let k = 0; k < m; k++) end[((A[k] - lo) * scale) | 0]++;
  for (let b = 0, sum = 0; b < buckets; b++) { // end[b]: bucket b's start
    const count = end[b];
    end[b] = sum;
    sum += count;
  }
  for (let k = 0; k < m; k++) order[end[((A[k] - lo) * scale) | 0]++] = k; // end[b] moves from bucket b's start to its end
  keyIds = ids;
  for (let b = 0, start = 0; b < buckets; start = end[b++]) {
    if (end[b] - start > 32) { // many hits at one along (a vertex nearest to many points): a comparison sort
      order.subarray(start, end[b]).sort(compare);
      continue;
    }
    for (let k = start + 1; k < end[b]; k++) { // insertion sort: buckets are small
      const h = order[k];
      let p = k;
      for (; p > start && precedes(h, order[p - 1]); p--) order[p] = order[p - 1];
      order[p] = h;
    }
  }
  to.reserve(m);
  const O = batch.offset, J = batch.i;
  for (let k = 0; k < m; k++) {
    const h = order[k];
    to.i[to.size] = J[h];
    to.along[to.size] = A[h];
    to.offset[to.size++] = O[h];
  }
}

/** Whether batch hit p comes before batch hit q in route order. */
function precedes(p: number, q: number): boolean {
  const A = batch.along, O = batch.offset;
  return A[p] < A[q] || (A[p] === A[q] && (O[p] < O[q] || (O[p] === O[q] && keyIds[batch.i[p]] < keyIds[batch.i[q]])));
}

const compare = (p: number, q: number) => (precedes(p, q) ? -1 : precedes(q, p) ? 1 : 0);
