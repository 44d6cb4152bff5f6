/**
 * Douglas–Peucker simplification in metres, measured with the corridor's own distance primitive
 * (corridor-segment.ts), for long imported or routed geometries.
 *
 * Guarantee: the first and last positions are kept, kept positions are original ones in their
 * order, and every dropped position lies within `toleranceM` of the simplified segment that
 * replaced it. So the corridor of the simplified line at width w holds every point within
 * w − tolerance of the original, and nothing farther than w + tolerance. Yizhan simplifies only
 * below the accuracy of the data (a few metres: station positions themselves are no better), so
 * corridor answers stay those of the route as driven; see api/routes/route.ts.
 */
import { RAD } from './haversine';
import { footT, mercY, offsetAt } from './corridor-segment';
import type { Line } from './corridor-route';

/** The line with fewer positions, every dropped one within `toleranceM` metres of the result. */
export function simplifyLine(line: Line, toleranceM: number): [number, number][] {
  const n = line.length;
  const out = (ks: ArrayLike<number>) => Array.from(ks, (k) => [+line[k][0], +line[k][1]] as [number, number]);
  if (n <= 2 || !(toleranceM >= 0)) return out(Array.from({ length: n }, (_, k) => k));
  const [x, y, φ, cos] = Array.from({ length: 4 }, () => new Float64Array(n));
  for (let k = 0; k < n; k++) {
    [x[k], y[k], φ[k]] = [+line[k][0] * RAD, mercY(+line[k][1]), +line[k][1] * RAD];
    cos[k] = Math.cos(φ[k]);
  }
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack = [0, n - 1]; // ranges still to check, as (first, last) pairs
  while (stack.length > 0) {
    const last = stack.pop()!, first = stack.pop()!;
    let worst = -1, worstM = toleranceM;
    for (let k = first + 1; k < last; k++) {
      const t = footT(x[first], y[first], x[last], y[last], x[k], y[k]);
      const m = offsetAt(x[first], y[first], x[last], y[last], t, x[k], φ[k], cos[k]);
      if (m > worstM) {
        worstM = m;
        worst = k;
      }
    }
    if (worst < 0) continue; // everything between is within tolerance
    keep[worst] = 1;
    stack.push(first, worst, worst, last);
  }
  const kept: number[] = [];
  for (let k = 0; k < n; k++) if (keep[k]) kept.push(k);
  return out(kept);
}
