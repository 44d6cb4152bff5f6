/**
 * What a listing holds of one record besides its id and position — the values of its index
 * columns — computed from the record. The store adapters write their index columns from these
 * and the PWA's offline copy builds its chunks from them, so a listing built from SQLite, from
 * PostgreSQL, from the offline copy or patched from the change feed holds the same values.
 */
import { merchantMasks, stationMasks } from './listing-query';
import type { NoticeSpan } from './notices';
import type { Merchant, Station } from './schema';
import { noticeSpans } from './station-view';

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
  /** merchants: what search finds them by besides the name (data/merchants.ts merchantSearchText; listings only, not stored) */
  text?: string;
}

/** A station's index values. */
export function stationValues(s: Station): RecordValues {
  return { name: s.name, ...stationMasks(s), status: s.status, hours: s.opening_hours ?? null, tz: s.timezone ?? null, notices: noticeSpans(s) };
}

/** An approved merchant's index values. */
export function merchantValues(m: Merchant): RecordValues {
  return { name: m.name, ...merchantMasks(m), status: m.status, hours: m.opening_hours ?? null, tz: m.timezone ?? null };
}
