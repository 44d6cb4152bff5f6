/**
 * What the app remembers on this phone (localStorage): language, last position, filters.
 * Every read survives missing or corrupt values; every write survives a full or blocked storage.
 */
import { AMENITY_KEYS, NOTICE_KIND_KEYS, STATION_TYPE_KEYS } from '../../data/catalog';
import { POSITION_HINT_COOKIE } from '../../data/wire';
import type { Locale } from '../i18n';
import { pickLocale } from '../i18n';

export type PositionSource = 'gps' | 'city' | 'map';

/** A position the lists are computed from (WGS-84). */
export interface Position {
  lng: number;
  lat: number;
  source: PositionSource;
  /** when source is 'city': a big city's key (CITIES) or a gazetteer code (320583) */
  city?: string;
  /** a gazetteer place's name in both languages */
  place?: { zh: string; en: string };
  /** metres, from the GPS */
  accuracy?: number;
  /** ms since epoch */
  at: number;
}

export interface Filters {
  openNow: boolean;
  only24h: boolean;
  amenities: string[];
  types: string[];
  /** notice kinds: stations with a current job post, legal aid, relief… */
  notices: string[];
  merchants: boolean;
}

export const NO_FILTERS: Filters = { openNow: false, only24h: false, amenities: [], types: [], notices: [], merchants: false };

const KEYS = { locale: 'yizhan.locale', position: 'yizhan.position', filters: 'yizhan.filters', seenFailedSignIn: 'yizhan.seenFailedSignIn', offlineDb: 'yizhan.offlineDb' };

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked (e.g. storage disabled)
  }
}

function read<T>(key: string): T | null {
  try {
    const raw = storage()?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // full or blocked: the app works without remembering
  }
}

/** The language chosen last time, else zh-CN. */
/** The stored language, else (when given) the browser's languages decide; see pickLocale. */
export const loadLocale = (browser?: readonly string[]): Locale => pickLocale(read<string>(KEYS.locale), browser);
export const saveLocale = (l: Locale) => write(KEYS.locale, l);

/** The last position, if it is a sane WGS-84 point. */
export function loadPosition(): Position | null {
  const p = read<Position>(KEYS.position);
  if (!p || !Number.isFinite(p.lng) || !Number.isFinite(p.lat) || Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180) return null;
  return p;
}
export function savePosition(p: Position): void {
  write(KEYS.position, p);
  // for the server: a visit that starts here needs no tiles of the whole country (a year, renewed with each position)
  if (typeof document !== 'undefined') document.cookie = `${POSITION_HINT_COOKIE}=1; Max-Age=31536000; Path=/; SameSite=Lax`;
}

/** The filters used last time (a rider who needs e-bike charging needs it every day). */
export function loadFilters(): Filters {
  const f = read<Partial<Filters>>(KEYS.filters);
  if (!f) return NO_FILTERS;
  return {
    openNow: f.openNow === true,
    only24h: f.only24h === true,
    amenities: known(f.amenities, AMENITY_KEYS),
    types: known(f.types, STATION_TYPE_KEYS),
    notices: known(f.notices, NOTICE_KIND_KEYS),
    merchants: f.merchants === true,
  };
}
/** Keys still in the catalogue (a stored key may have been renamed since). */
function known(v: unknown, keys: readonly string[]): string[] {
  return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string' && keys.includes(k)) : [];
}
export const saveFilters = (f: Filters) => write(KEYS.filters, f);

/** The newest wrong-password time the business app's owner has dismissed (a notice is not shown twice). */
export const loadSeenFailedSignIn = (): string | null => {
  const v = read<unknown>(KEYS.seenFailedSignIn);
  return typeof v === 'string' ? v : null;
};
export const saveSeenFailedSignIn = (at: string) => write(KEYS.seenFailedSignIn, at);

/** This browser has opened the offline side's database before (a copy, reports or routes may wait in it). */
export const loadOfflineDbSeen = (): boolean => read<unknown>(KEYS.offlineDb) === true;
export const saveOfflineDbSeen = () => write(KEYS.offlineDb, true);
