/**
 * What a listing holds of one record besides its id and position — the values of its index
 * columns — computed from the record as the store adapters compute them when they write it
 * (api/store/sqlite.ts `stationRow`, sqlite-merchants.ts, pg-stations.ts), so a listing patched
 * from the change feed holds what a listing built from the store would.
 */
import { MERCHANT_CATEGORY_KEYS, STATION_TYPE_KEYS, maskOf } from './catalog';
import type { NoticeSpan } from './notices';
import type { Merchant, Station } from './schema';
import { noticeSpans, workingAmenityMask } from './station-view';

/** One record's index values (ListingColumns without id and position). */
export interface RecordValues {
  name: string;
  /** all-of mask: working amenities (0 for merchants) */
  all: number;
  /** any-of mask: the station type's or merchant category's bit */
  any: number;
  status: string;
  hours: string | null;
  tz: string | null;
  /** stations: notice windows, null when it has none; absent for merchants */
  notices?: NoticeSpan[] | null;
}

/** A station's index values. */
export function stationValues(s: Station): RecordValues {
  return {
    name: s.name, all: workingAmenityMask(s), any: maskOf(STATION_TYPE_KEYS, [s.type]), status: s.status,
    hours: s.opening_hours ?? null, tz: s.timezone ?? null, notices: noticeSpans(s),
  };
}

/** An approved merchant's index values. */
export function merchantValues(m: Merchant): RecordValues {
  return { name: m.name, all: 0, any: maskOf(MERCHANT_CATEGORY_KEYS, [m.category]), status: m.status, hours: m.opening_hours ?? null, tz: m.timezone ?? null };
}
