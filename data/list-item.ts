/**
 * A station as the nearest list carries it by default: what a list row shows (name, distance, open
 * state, type, status, amenities and those out of order, hours, time zone, a temporary closure's
 * end, when it was last verified or updated, its current notice kinds) and where it is — not the whole record,
 * which the detail loads (`/api/stations/{id}`) and `fields=full` asks for. The API writes it as
 * bytes (api/items.ts: a station's own members encoded once per listing, the live ones once a minute
 * per hours string), the offline copy builds it as an object here; the equality test holds them to
 * the same answer.
 *
 * To add a field: add it to `StationRow` and to `stationRow` (both sides take it from there).
 */
import type { NoticeKind } from './catalog';
import type { NearestHit } from './geo/nearest';
import { liveFields, type ListingCore, type LiveFields } from './listing-core';
import type { Station } from './schema';

/** The record's members of a list item, in the order they are written. */
export type StationRow = Pick<Station, 'id' | 'name' | 'lat' | 'lng' | 'type' | 'status' | 'amenities' | 'updated_at'> &
  Partial<Pick<Station, 'amenities_unavailable' | 'opening_hours' | 'timezone' | 'closed_until' | 'verified_at'>>;

export interface StationListItem extends LiveFields, StationRow {
  /** kinds of the station's current notices (data/station-view.ts), in catalogue order */
  noticeKinds: NoticeKind[];
}

/** The `fields` values nearest accepts: absent, the row's fields; `full`, whole records. */
export const ITEM_FIELDS = ['full'] as const;

/** A station's row members (absent ones left out). */
export function stationRow(s: Station): StationRow {
  return {
    id: s.id, name: s.name, lat: s.lat, lng: s.lng, type: s.type, status: s.status, amenities: s.amenities,
    ...(s.amenities_unavailable?.length ? { amenities_unavailable: s.amenities_unavailable } : {}),
    ...(s.opening_hours ? { opening_hours: s.opening_hours } : {}),
    ...(s.timezone ? { timezone: s.timezone } : {}),
    ...(s.closed_until ? { closed_until: s.closed_until } : {}),
    ...(s.verified_at ? { verified_at: s.verified_at } : {}),
    updated_at: s.updated_at, // with verified_at: whether it may be out of date (data/freshness.ts)
  };
}

/** Station record `s` (listing index h.i) as a list item at instant `at`, members in the API's order. */
export function stationListItem(core: ListingCore, h: NearestHit, at: Date, s: Station): StationListItem {
  return { ...liveFields(core, h, at), noticeKinds: core.noticeKinds(h.i, at), ...stationRow(s) };
}
