/**
 * A tiny seeded PRNG (mulberry32) for the demo dataset: same seed → same sequence on every
 * platform, fast enough for millions of records, no closures per draw.
 */

/** Seeded pseudo-random source; all draws advance one 32-bit state. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1) — mulberry32 step. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal draw (Box–Muller, one value per call for a simple, reproducible stream). */
  gauss(): number {
    const u = 1 - this.next(); // (0, 1]: keeps log finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Index drawn from a cumulative-weight table built by `cumulative`. */
  weighted(cum: Float64Array): number {
    const x = this.next() * cum[cum.length - 1];
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Running sums of weights, so `Random.weighted` picks in O(log n). */
export function cumulative(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) cum[i] = sum += weights[i];
  return cum;
}

/** A weighted table of values: pass pairs [value, weight]; draw with `draw`. */
export interface Weighted<T> {
  values: readonly T[];
  cum: Float64Array;
}

/** Builds a weighted table from [value, weight] pairs. */
export function weightedTable<T>(pairs: readonly (readonly [T, number])[]): Weighted<T> {
  return { values: pairs.map((p) => p[0]), cum: cumulative(pairs.map((p) => p[1])) };
}

/** Draws one value from a weighted table. */
export function draw<T>(rng: Random, table: Weighted<T>): T {
  return table.values[rng.weighted(table.cum)];
}

/** Derives an independent sub-seed from a seed and a stream label (FNV-1a mix). */
export function subSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
