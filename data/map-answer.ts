/**
 * The map's answer for a view, online and offline alike: the listing's clusters and points, each
 * single point carrying its state now (`open`: true / false / null when the hours are unknown; a
 * station's `status` when it is not "open"), so pins can differ by state. With `open: 'now'` closed
 * points are left out; clusters count every station of the other filters (open-now changes by the
 * minute, clusters are built once).
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { POINT_INDEX, type ListingCore, type MapFilterQuery } from './listing-core';
import type { ViewportFilter } from './geo/viewport';

export interface MapQuery extends Omit<MapFilterQuery, 'open'> {
  open?: 'now' | '24h';
}

/** The view's features with each point's state at `at`; why: the map must agree with the list's filters. */
export function mapAnswer(core: ListingCore, bbox: [number, number, number, number], zoom: number, q: MapQuery, at: Date): FeatureCollection<Point> {
  const fc = core.viewport().query(bbox, zoom, mapAnswerFilter(core, q, at));
  const features: Feature<Point>[] = [];
  for (const f of fc.features) {
    const i = (f.properties as Record<symbol, unknown> | null)?.[POINT_INDEX];
    if (typeof i !== 'number') {
      features.push(f);
      continue;
    }
    const open = core.openNow(i, at);
    if (q.open === 'now' && open !== true) continue;
    const status = core.kind === 'stations' ? core.cols.status[i] : 'open';
    features.push({ ...f, properties: { ...f.properties, open, ...(status !== 'open' ? { status } : {}) } });
  }
  return { ...fc, features };
}

/** The clusters' filter of a map answer (open now is applied to points after): its viewport index can be built ahead (`building`). */
export function mapAnswerFilter(core: ListingCore, q: MapQuery, at: Date): ViewportFilter {
  return core.mapFilter({ ...q, open: q.open === '24h' ? '24h' : undefined, at });
}
