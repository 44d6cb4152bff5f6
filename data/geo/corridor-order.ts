/**
 * Route order for corridor hits — along, then offset, then index — and the sort into it: hits
 * arrive nearly in that order (chunk by chunk), so a counting sort on along does most of it.
 */

export interface CorridorHit {
  /** index into the points array */
  i: number;
  /** metres along the route to the point of the route nearest to this one */
  along: number;
  /** haversine metres from the route */
  offset: number;
}

/** How many hits lie before `along` metres. */
export function countBefore(hits: CorridorHit[], along: number): number {
  let count = 0;
  for (const h of hits) if (h.along < along) count++;
  return count;
}

/** Route order: along, then offset, then index. */
export function byRouteOrder(a: CorridorHit, b: CorridorHit): number {
  return a.along - b.along || a.offset - b.offset || a.i - b.i;
}

/** Sorts hits into route order: a counting sort into about one bucket of along per 4 hits, then each bucket. */
export function inRouteOrder(hits: CorridorHit[], length: number): CorridorHit[] {
  const n = hits.length, buckets = Math.max(1, n >> 2), scale = length > 0 ? buckets / length : 0;
  const bucket = (h: CorridorHit) => Math.min(buckets - 1, Math.floor(h.along * scale));
  const end = new Uint32Array(buckets + 1), out = new Array<CorridorHit>(n);
  for (const h of hits) end[bucket(h) + 1]++;
  for (let b = 0; b < buckets; b++) end[b + 1] += end[b];
  for (const h of hits) out[end[bucket(h)]++] = h; // end[b] moves from bucket b's start to its end
  for (let b = 0, lo = 0; b < buckets; lo = end[b++]) {
    if (end[b] - lo > 16) {
      const sorted = out.slice(lo, end[b]).sort(byRouteOrder);
      for (let j = lo; j < end[b]; j++) out[j] = sorted[j - lo];
      continue;
    }
    for (let j = lo + 1; j < end[b]; j++) { // insertion sort: buckets are small
      const h = out[j];
      let k = j;
      for (; k > lo && byRouteOrder(out[k - 1], h) > 0; k--) out[k] = out[k - 1];
      out[k] = h;
    }
  }
  return out;
}
