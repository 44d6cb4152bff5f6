/**
 * Coordinate systems used by Chinese maps: WGS-84 (GPS, OSM; what we store), GCJ-02 (Amap, Tencent)
 * and BD-09 (Baidu). Conversion follows the *declared* system only — never a guess from the
 * position. (GCJ-02 is, by definition, the identity outside China; gcoord applies that with a
 * rough bounding box of China.) Positions are GeoJSON order: [lng, lat] in degrees.
 */
import gcoord from 'gcoord';
import type { Crs } from './catalog';

export type LngLat = [number, number];

const GCOORD: Record<Crs, typeof gcoord.WGS84 | typeof gcoord.GCJ02 | typeof gcoord.BD09> = {
  wgs84: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
};

function convert(p: LngLat, from: Crs, to: Crs): LngLat {
  if (from === to) return [p[0], p[1]];
  const [lng, lat] = gcoord.transform([p[0], p[1]], GCOORD[from], GCOORD[to]) as number[];
  return [lng, lat];
}

/** A position given in `crs` as WGS-84 (imports declare their system; we store WGS-84). */
export function toWgs84(p: LngLat, crs: Crs): LngLat {
  return convert(p, crs, 'wgs84');
}

/** A WGS-84 position in `crs` (markers drawn on a GCJ-02 or BD-09 tile layer). */
export function fromWgs84(p: LngLat, crs: Crs): LngLat {
  return convert(p, 'wgs84', crs);
}
