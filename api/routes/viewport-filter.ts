/**
 * The map's filters as a viewport filter: a key (the cache key of its cluster index) and a test
 * over the listing's rows. No filter → the shared unfiltered index.
 */
import { AMENITY_KEYS, MERCHANT_CATEGORY_KEYS, STATION_TYPE_KEYS, maskOf } from '../../data/catalog';
import type { ViewportFilter } from '../../data/geo/viewport';
import type { Listing } from '../listing';

export interface MapFilterQuery {
  open?: '24h';
  amenities?: string[];
  types?: string[];
  categories?: string[];
}

/** Builds the filter for one listing ('types' apply to stations, 'categories' to merchants). */
export function viewportFilter(q: MapFilterQuery, listing: Listing, kind: 'stations' | 'merchants'): ViewportFilter {
  const all = maskOf(AMENITY_KEYS, kind === 'stations' ? (q.amenities ?? []) : []);
  const any = kind === 'stations' ? maskOf(STATION_TYPE_KEYS, q.types ?? []) : maskOf(MERCHANT_CATEGORY_KEYS, q.categories ?? []);
  const only24h = q.open === '24h';
  if (!all && !any && !only24h) return { key: 'all' };
  const { cols, is24h } = listing;
  return {
    key: `a${all}-t${any}-${only24h ? '24h' : ''}`,
    test: (i) => (cols.all[i] & all) === all && (!any || (cols.any[i] & any) !== 0) && (!only24h || is24h[i] === 1),
  };
}
