/**
 * A station as public answers show it at an instant: only its current notices, its visitor
 * confirmations over the last 30 days as `{ count, last }` (not the raw instants). The detail
 * carries the notices; list items (nearest, search, corridor) carry only their kinds. The API and
 * the PWA's offline copy both shape stations here, so online and offline answers agree.
 */
import type { Amenity, NoticeKind } from './catalog';
import { confirmationsAt, type Confirmations } from './freshness';
import { currentKinds, currentNotices, noticeSpan, type Notice, type NoticeSpan } from './notices';
import type { Station } from './schema';

export type PublicStation = Omit<Station, 'confirmed_on' | 'notices'> & { notices: Notice[]; confirmations: Confirmations };
export type StationListFields = Omit<Station, 'confirmed_on' | 'notices'> & { noticeKinds: NoticeKind[]; confirmations: Confirmations };

/** The station's detail at `at`: current notices (soonest first) and confirmations. */
export function publicStation(s: Station, at: Date): PublicStation {
  const { confirmed_on: _c, notices, ...rest } = s;
  return { ...rest, notices: currentNotices(notices, s.timezone, at), confirmations: confirmationsAt(s, at) };
}

/** The station as a list item shows it at `at`: the kinds of its current notices instead of the notices. */
export function listStation(s: Station, at: Date): StationListFields {
  const { confirmed_on: _c, notices, ...rest } = s;
  return { ...rest, noticeKinds: currentKinds(noticeSpans(s), at.getTime()), confirmations: confirmationsAt(s, at) };
}

/** The windows of a station's notices (null when it has none): what the listing indexes keep. */
export function noticeSpans(s: Pick<Station, 'notices' | 'timezone'>): NoticeSpan[] | null {
  return s.notices?.length ? s.notices.map((n) => noticeSpan(n, s.timezone)) : null;
}

/** The amenities that work now (those out of order left out): what the amenity filters match. */
export function workingAmenities(s: Pick<Station, 'amenities' | 'amenities_unavailable'>): Amenity[] {
  const off = s.amenities_unavailable ?? [];
  return off.length ? s.amenities.filter((a) => !off.includes(a)) : s.amenities;
}
