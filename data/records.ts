/**
 * Canonical records: one key order, positions rounded, empty text dropped — so that the same
 * station always serialises to the same JSON and "unchanged" on re-import is a string comparison.
 */
import { AMENITY_KEYS, type Amenity } from './catalog';
import type { Merchant, MerchantInput, Offer, Station, StationInput } from './schema';

const STATION_KEYS = [
  'id', 'name', 'type', 'lat', 'lng', 'address', 'province', 'city', 'district', 'phone', 'operator',
  'opening_hours', 'amenities', 'amenities_unavailable', 'notes', 'notices', 'status', 'closed_until', 'timezone', 'verified_at',
  'verified_by', 'confirmed_on', 'updated_at',
] as const;
const MERCHANT_KEYS = [
  'id', 'name', 'category', 'lat', 'lng', 'address', 'province', 'city', 'district', 'phone',
  'opening_hours', 'notes', 'owner_id', 'status', 'reason', 'timezone', 'updated_at', 'offers',
] as const;
const OFFER_KEYS = [
  'id', 'merchant_id', 'title', 'description', 'kind', 'value', 'valid_from', 'valid_to', 'terms',
  'redeem', 'redeem_limit', 'status', 'reason', 'updated_at',
] as const;

/** Rounds degrees to 6 decimals (≈ 0.1 m), the precision we store and serve. */
export function roundDeg(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** An ISO instant in UTC, whole seconds: one spelling per instant. */
function isoSeconds(t: string): string {
  return new Date(Math.floor(Date.parse(t) / 1000) * 1000).toISOString();
}

function pick<T>(src: Record<string, unknown>, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = src[k];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0 && k !== 'amenities' && k !== 'offers')) continue;
    if (k === 'lat' || k === 'lng') out[k] = roundDeg(v as number);
    else if (k === 'verified_at' || k === 'updated_at') out[k] = isoSeconds(v as string);
    else out[k] = v;
  }
  return out as T;
}

/** A station in canonical form (amenities deduplicated in catalogue order). */
export function canonicalStation(s: (StationInput & { id: string }) | Station, updatedAt: string): Station {
  const amenities = AMENITY_KEYS.filter((a) => (s.amenities as Amenity[]).includes(a));
  // out of order only among the amenities it has, in catalogue order
  const amenities_unavailable = amenities.filter((a) => (s.amenities_unavailable ?? []).includes(a));
  const full = { status: 'open', ...s, amenities, amenities_unavailable, updated_at: updatedAt };
  if (full.status !== 'temporarily_closed') delete (full as { closed_until?: string }).closed_until; // an end only for a closure
  return pick<Station>(full, STATION_KEYS);
}

/** An offer in canonical form. */
export function canonicalOffer(o: Offer): Offer {
  return pick<Offer>(o as unknown as Record<string, unknown>, OFFER_KEYS);
}

/** A merchant in canonical form (offers canonical too). */
export function canonicalMerchant(
  m: (MerchantInput & { id: string; offers?: Offer[] }) | Merchant,
  updatedAt: string,
): Merchant {
  const offers = (m.offers ?? []).map(canonicalOffer);
  return pick<Merchant>({ status: 'approved', ...m, offers, updated_at: updatedAt }, MERCHANT_KEYS);
}

/** The same record with its update time removed: two records are "unchanged" when these match. */
export function contentKey(doc: object): string {
  const { updated_at: _ignored, ...rest } = doc as { updated_at?: string };
  return JSON.stringify(rest);
}
