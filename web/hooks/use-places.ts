/**
 * What the lists show: the nearest stations for the position and filters, the nearest partner
 * merchants when asked for, and search results. Each reloads when its inputs change.
 */
import type { Api, NearMerchant, NearStation, SearchHit, StationFilters } from '../lib/api';
import { CHINA_VIEW } from '../lib/cities';
import type { Filters, Position } from '../lib/prefs';
import { useLoad, type Load } from './use-load';

/** Search radii, metres: the first is the default; "widen" steps through the rest. */
export const RADII = [20_000, 100_000, 500_000, 2_000_000];
/** Rows in the nearest list. */
export const LIST_LIMIT = 20;
const MERCHANT_LIMIT = 10;

/** The API's form of the filters (24 h implies open now). */
export function apiFilters(f: Filters): StationFilters {
  return { open: f.only24h ? '24h' : f.openNow ? 'now' : undefined, amenities: f.amenities, types: f.types, notices: f.notices };
}

export interface Places {
  stations: Load<NearStation[]>;
  merchants: Load<NearMerchant[]> | null;
  search: Load<SearchHit[]> | null;
}

export function usePlaces(api: Api, pos: Position | null, filters: Filters, radius: number, query: string): Places {
  const at = pos ? { lng: pos.lng, lat: pos.lat } : null;
  const f = apiFilters(filters);
  const key = JSON.stringify([at, f, radius]);
  const stations = useLoad(
    at ? (signal) => api.nearestStations({ ...at, ...f, limit: LIST_LIMIT, maxDistance: radius }, signal) : null,
    key,
  );
  const merchants = useLoad(
    at && filters.merchants ? (signal) => api.nearestMerchants({ ...at, open: f.open, limit: MERCHANT_LIMIT, maxDistance: radius }, signal) : null,
    `${key}|${filters.merchants}`,
  );
  const around = at ?? { lng: CHINA_VIEW.lng, lat: CHINA_VIEW.lat };
  const search = useLoad(query ? (signal) => api.search(query, around, signal) : null, `${query}|${JSON.stringify(around)}`);
  return { stations, merchants: filters.merchants ? merchants : null, search: query ? search : null };
}
