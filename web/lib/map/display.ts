/**
 * Display coordinates: data and queries are WGS-84; a tile layer drawn in GCJ-02 (Amap, Tencent)
 * or BD-09 needs markers shifted into its system so they sit on the right street.
 */
import type { Crs } from '../../../data/catalog';
import { fromWgs84, toWgs84 } from '../../../data/crs';
import type { BBox, LngLat } from '../api';

/** A WGS-84 position as the tile layer draws it. */
export function toDisplay(p: LngLat, crs: Crs): LngLat {
  return crs === 'wgs84' ? p : (fromWgs84(p, crs) as LngLat);
}

/** A position on the tile layer (a tap, a corner of the view) back in WGS-84. */
export function fromDisplay(p: LngLat, crs: Crs): LngLat {
  return crs === 'wgs84' ? p : (toWgs84(p, crs) as LngLat);
}

/** A view's bounds in display coordinates as a WGS-84 bbox, clamped to valid ranges. */
export function displayBoundsToBbox(sw: LngLat, ne: LngLat, crs: Crs): BBox {
  const a = fromDisplay(sw, crs);
  const b = fromDisplay(ne, crs);
  const clampLat = (v: number) => Math.max(-85, Math.min(85, v));
  const clampLng = (v: number) => Math.max(-180, Math.min(180, v));
  return [clampLng(Math.min(a[0], b[0])), clampLat(Math.min(a[1], b[1])), clampLng(Math.max(a[0], b[0])), clampLat(Math.max(a[1], b[1]))];
}
