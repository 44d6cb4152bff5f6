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
import { AMENITY_KEYS, STATION_TYPE_KEYS, keysOf, type NoticeKind } from './catalog';
import type { NearestHit } from './geo/nearest';
import { liveFields, type ListingColumns, type ListingCore, type LiveFields } from './listing-core';
import { stationMasks } from './listing-query';
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

/**
 * What a station's row holds besides its listing's columns, as numbers (16 bytes a station, where
 * the row's text takes ~200): when it was updated and last verified, in milliseconds since the
 * epoch (verified NaN: never verified).
 */
export interface RowTimes {
  updated: number;
  verified: number;
}

/**
 * Station s's row times, when its row is its listing columns' values (`cols`, record i) and those
 * times: undefined when the columns hold other values (the record changed since they were read),
 * when it has more (amenities out of order, a closure's last day), or when it is written other
 * than as canonical records are (data/records.ts: amenities in catalogue order, times as
 * toISOString writes them), which the columns and numbers would not give back.
 */
export function rowTimes(s: Station, cols: ListingColumns, i: number): RowTimes | undefined {
  if (s.amenities_unavailable?.length || s.closed_until || s.id !== cols.id[i] || s.lat !== cols.lat[i] || s.lng !== cols.lng[i]) return undefined;
  const m = stationMasks(s); // the index values, as data/listing-record.ts has them
  if (s.name !== cols.name[i] || m.all !== cols.all[i] || m.any !== cols.any[i] || s.status !== cols.status[i] || (s.opening_hours ?? null) !== cols.hours[i] || (s.timezone ?? null) !== cols.tz[i]) return undefined;
  // the mask spells the amenities in catalogue order, once each, as canonical records list them
  if (s.amenities.some((a, k) => k > 0 && AMENITY_KEYS.indexOf(a) <= AMENITY_KEYS.indexOf(s.amenities[k - 1]))) return undefined;
  const updated = isoMs(s.updated_at), verified = s.verified_at ? isoMs(s.verified_at) : NaN;
  return Number.isNaN(updated) || (s.verified_at && Number.isNaN(verified)) ? undefined : { updated, verified };
}

/** Milliseconds since the epoch of a time toISOString wrote, else NaN. */
function isoMs(time: string): number {
  const ms = Date.parse(time);
  return Number.isFinite(ms) && new Date(ms).toISOString() === time ? ms : NaN;
}

/**
 * Record i's row members as JSON after the opening brace, from its listing columns and row times
 * (rowTimes): the text `JSON.stringify(stationRow(s)).slice(1)` gives for the station they came from.
 */
export function stationRowText(cols: ListingColumns, i: number, t: RowTimes): string {
  const hours = cols.hours[i], tz = cols.tz[i], q = JSON.stringify;
  return `"id":${q(cols.id[i])},"name":${q(cols.name[i])},"lat":${q(cols.lat[i])},"lng":${q(cols.lng[i])},` +
    `"type":${q(keysOf(STATION_TYPE_KEYS, cols.any[i])[0])},"status":${q(cols.status[i])},"amenities":${q(keysOf(AMENITY_KEYS, cols.all[i]))}` +
    `${hours ? `,"opening_hours":${q(hours)}` : ''}${tz ? `,"timezone":${q(tz)}` : ''}` +
    `${Number.isNaN(t.verified) ? '' : `,"verified_at":"${new Date(t.verified).toISOString()}"`},"updated_at":"${new Date(t.updated).toISOString()}"}`;
}
