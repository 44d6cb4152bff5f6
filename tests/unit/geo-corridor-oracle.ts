/**
 * The corridor's brute-force oracle: every point against every segment with the shared distance
 * primitive (data/geo/corridor-segment.ts) and no spatial index. Used by unit, API and bench runs.
 */
import { EARTH_RADIUS_M, RAD } from '../../data/geo/haversine';
import { alongSegment, footT, mercY, offsetAt, rhumbLength } from '../../data/geo/corridor-segment';
import type { CorridorHit, CorridorQuery, Line } from '../../data/geo/corridor';
import type { NearestPoint } from '../../data/geo/nearest';

/** Every point within q.width of the line, with along and offset, in route order. */
export function corridorOracle(points: ArrayLike<NearestPoint>, line: Line, q: CorridorQuery): CorridorHit[] {
  const v = Array.from(line.length === 1 ? [line[0], line[0]] : Array.from(line), (p) => ({
    x: +p[0] * RAD, y: mercY(+p[1]), φ: +p[1] * RAD,
  }));
  const cum = [0];
  for (let k = 1; k < v.length; k++) cum.push(cum[k - 1] + rhumbLength(v[k - 1].x, v[k - 1].y, v[k - 1].φ, v[k].x, v[k].y, v[k].φ));
  const all = (q.all ?? 0) >>> 0, any = (q.any ?? 0) >>> 0;
  const hits: CorridorHit[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if ((p.all & all) !== all || (any !== 0 && (p.any & any) === 0) || (q.only24h && !p.is24h)) continue;
    const px = p.lng * RAD, py = mercY(p.lat), φ = p.lat * RAD, cos = Math.cos(φ);
    let best = Infinity, bestS = -1, bestT = 0;
    for (let s = 0; s + 1 < v.length; s++) {
      const a = v[s], b = v[s + 1];
      // a cheap skip that needs no index: haversine ≥ R·|Δφ|, and the segment spans [φa, φb]
      if (Math.min(Math.abs(φ - a.φ), Math.abs(φ - b.φ)) * EARTH_RADIUS_M > q.width * 1.001 + 1 && (φ - a.φ) * (φ - b.φ) > 0) continue;
      const t = footT(a.x, a.y, b.x, b.y, px, py);
      const h = offsetAt(a.x, a.y, b.x, b.y, t, px, φ, cos);
      if (h < best) [best, bestS, bestT] = [h, s, t];
    }
    if (!(best <= q.width) || (q.predicate && !q.predicate(i))) continue;
    const a = v[bestS], b = v[bestS + 1];
    hits.push({ i, along: cum[bestS] + alongSegment(cum[bestS + 1] - cum[bestS], a.y, a.φ, b.y, b.φ, bestT), offset: best });
  }
  return hits.sort((a, b) => a.along - b.along || a.offset - b.offset || a.i - b.i);
}
