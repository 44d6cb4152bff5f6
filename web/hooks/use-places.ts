/**
 * What the lists show: the nearest stations for the position and filters, the nearest partner
 * merchants when asked for, and search results. Each reloads when its inputs change.
 */
import type { Api, ListedStation, NearestQuery, NearMerchant, SearchHit, StationFilters } from '../lib/api';
import { CHINA_VIEW } from '../../data/country-view';
import type { Filters, Position } from '../lib/prefs';
import { useLoad, type Load } from './use-load';

/** Metres searched for partner merchants (stations: the nearest whatever the distance). */
export const MERCHANT_RADIUS = 50_000;
/** Rows in the nearest list. */
export const LIST_LIMIT = 20;
/** merchants asked for: enough that those with an offer today fill a list */
const MERCHANT_LIMIT = 30;

/** The API's form of the filters (24 h implies open now). */
export function apiFilters(f: Filters): StationFilters {
  return { open: f.only24h ? '24h' : f.openNow ? 'now' : undefined, amenities: f.amenities, types: f.types, notices: f.notices };
}

/** The nearest list's question at `at` with these filters (the first one is asked for early too: main.tsx). */
export const nearestQuery = (at: { lng: number; lat: number }, filters: Filters): NearestQuery => ({ lng: at.lng, lat: at.lat, ...apiFilters(filters), limit: LIST_LIMIT });

export interface Places {
  stations: Load<ListedStation[]>;
  merchants: Load<NearMerchant[]> | null;
  search: Load<SearchHit[]> | null;
}

/** The lists for a position: the nearest stations have no radius, so a rider far from any is told where the nearest is. */
export function usePlaces(api: Api, pos: Position | null, filters: Filters, query: string): Places {
  const at = pos ? { lng: pos.lng, lat: pos.lat } : null;
  const f = apiFilters(filters);
  const key = JSON.stringify([at, f]);
  const stations = useLoad(at ? (signal) => api.nearestStations(nearestQuery(at, filters), signal) : null, key);
  const merchants = useLoad(
    at && filters.merchants ? (signal) => api.nearestMerchants({ ...at, open: f.open, limit: MERCHANT_LIMIT, maxDistance: MERCHANT_RADIUS }, signal) : null,
    `${key}|${filters.merchants}`,
  );
  const around = at ?? { lng: CHINA_VIEW.lng, lat: CHINA_VIEW.lat };
  const search = useLoad(query ? (signal) => api.search(query, around, signal) : null, `${query}|${JSON.stringify(around)}`);
  return { stations, merchants: filters.merchants ? merchants : null, search: query ? search : null };
}
