/**
 * The filter vocabulary of the listings, in one place: a question's filters as the API states them
 * (key lists, open, notices) and the masks they stand for, a record's masks, which records a
 * listing holds, and the caps of one question. The API, every store adapter and the PWA's offline
 * copy use these, so their answers cannot drift apart.
 */
import { AMENITY_KEYS, MERCHANT_CATEGORY_KEYS, STATION_TYPE_KEYS, maskOf } from './catalog';
import type { Merchant, Station } from './schema';
import { workingAmenities } from './station-view';

export type ListingKind = 'stations' | 'merchants';

/** Honest caps: the most a single request may ask for (the API refuses more with a 400; the offline copy clamps). */
export const LIMITS = {
  nearestMax: 100, // items per nearest request
  nearestDefault: 10,
  maxDistance: 2_000_000, // metres; farther is not "near"
  searchMax: 50, // items per search
  searchDefault: 30,
};

/** A question's filters as the API states them ('amenities' and 'types' apply to stations, 'categories' to merchants). */
export interface ListingFilters {
  open?: 'now' | '24h';
  amenities?: readonly string[];
  types?: readonly string[];
  categories?: readonly string[];
  /** only stations with a current notice of one of these kinds */
  notices?: readonly string[];
}

/** The masks a listing's indexes test: all-of (station amenities; 0 for merchants) and any-of (type or category). */
export interface Masks {
  all: number;
  any: number;
}

/** The masks of a question's key lists over one kind of listing (the other kind's lists are ignored). */
export function filterMasks(kind: ListingKind, f: Omit<ListingFilters, 'open' | 'notices'>): Masks {
  return kind === 'stations'
    ? { all: maskOf(AMENITY_KEYS, f.amenities ?? []), any: maskOf(STATION_TYPE_KEYS, f.types ?? []) }
    : { all: 0, any: maskOf(MERCHANT_CATEGORY_KEYS, f.categories ?? []) };
}

/** A station's masks: its working amenities (those out of order left out) and its type's bit. */
export const stationMasks = (s: Pick<Station, 'type' | 'amenities' | 'amenities_unavailable'>): Masks =>
  ({ all: maskOf(AMENITY_KEYS, workingAmenities(s)), any: maskOf(STATION_TYPE_KEYS, [s.type]) });

/** A merchant's masks: its category's bit. */
export const merchantMasks = (m: Pick<Merchant, 'category'>): Masks => ({ all: 0, any: maskOf(MERCHANT_CATEGORY_KEYS, [m.category]) });

/**
 * The statuses that decide whether a record is listed (what nearest, the map, search and
 * corridors answer with): stations unless permanently closed, merchants once approved. The store
 * adapters' index queries say the same in SQL with these words.
 */
export const LISTED_STATUS = { stationsExcept: 'closed', merchantsOnly: 'approved' } as const;

/** Whether a record of this kind and status is listed (see LISTED_STATUS). */
export function isListed(kind: ListingKind, status: string | null): boolean {
  return kind === 'stations' ? status !== LISTED_STATUS.stationsExcept : status === LISTED_STATUS.merchantsOnly;
}
