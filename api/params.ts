/**
 * Query-string schemas shared by the read routes. Query values arrive as strings: these parse,
 * range-check and cap them, so handlers see typed, sane values.
 */
import { z } from 'zod';
import { AMENITY_KEYS, MERCHANT_CATEGORY_KEYS, NOTICE_KIND_KEYS, STATION_TYPE_KEYS } from '../data/catalog';
import { ITEM_FIELDS } from '../data/list-item';
import { LIMITS } from '../data/listing-query';

export { LIMITS }; // the caps live with the listings (data/listing-query.ts): the PWA's offline copy keeps them too

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/; // decimal notation only: Number() would take "0x20" as 32

/** A decimal number written as people write them (no hex, binary, "Infinity" or blank), else NaN. */
export function decimalOrNaN(s: string): number {
  const t = s.trim();
  return NUMBER.test(t) ? Number(t) : NaN;
}
const num = (what: string) =>
  z.string().trim().min(1, `${what} is required`)
    .refine((s) => NUMBER.test(s), { error: `${what} must be a decimal number` })
    .transform(Number).pipe(z.number({ error: `${what} must be a number` }).finite());

/** A comma-separated list of catalogue keys. */
const keyList = (keys: readonly string[], what: string) =>
  z
    .string()
    .transform((s) => s.split(',').map((k) => k.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine((k) => keys.includes(k), { error: `unknown ${what}; allowed: ${keys.join(', ')}` })));

export const lat = num('lat').pipe(z.number().min(-90, 'lat must be ≥ -90').max(90, 'lat must be ≤ 90'));
export const lng = num('lng').pipe(z.number().min(-180, 'lng must be ≥ -180').max(180, 'lng must be ≤ 180'));

const nearestBase = {
  lat,
  lng,
  limit: num('limit')
    .pipe(z.number().int('limit must be a whole number').min(1).max(LIMITS.nearestMax, `limit must be ≤ ${LIMITS.nearestMax}`))
    .optional(),
  maxDistance: num('maxDistance').pipe(z.number().positive().max(LIMITS.maxDistance)).optional(),
  open: z.enum(['now', '24h'], { error: 'open must be "now" or "24h"' }).optional(),
};

export const stationNearestQuery = z.object({
  ...nearestBase,
  amenities: keyList(AMENITY_KEYS, 'amenity').optional(),
  types: keyList(STATION_TYPE_KEYS, 'station type').optional(),
  notices: keyList(NOTICE_KIND_KEYS, 'notice kind').optional(),
  fields: z.enum(ITEM_FIELDS, { error: `fields must be one of: ${ITEM_FIELDS.join(', ')}` }).optional(),
});
export type StationNearestQuery = z.output<typeof stationNearestQuery>;

const DECIMAL = /^-?\d+(\.\d+)?$/; // "32.06", "-118", "10": what clients send

/** A plain decimal within [min, max], else undefined. */
function decimal(v: unknown, min: number, max: number): number | undefined {
  if (typeof v !== 'string' || !DECIMAL.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

/** Known keys of a comma-separated list, else undefined. */
function knownKeys(v: unknown, keys: readonly string[]): string[] | undefined {
  if (typeof v !== 'string') return undefined;
  const list = v.split(',').map((k) => k.trim()).filter(Boolean);
  return list.every((k) => keys.includes(k)) ? list : undefined;
}

/**
 * The nearest query parsed without zod when it is plainly valid (decimals in range, known keys),
 * else undefined and the schema decides and words the errors. On the hottest route zod cost more
 * than the search itself; tests check that both agree on every query.
 */
export function quickStationNearest(q: Record<string, unknown>): StationNearestQuery | undefined {
  const lat = decimal(q.lat, -90, 90);
  const lng = decimal(q.lng, -180, 180);
  if (lat === undefined || lng === undefined) return undefined;
  const out: StationNearestQuery = { lat, lng };
  if (q.limit !== undefined) {
    const limit = decimal(q.limit, 1, LIMITS.nearestMax);
    if (limit === undefined || !Number.isInteger(limit)) return undefined;
    out.limit = limit;
  }
  if (q.maxDistance !== undefined) {
    const maxDistance = decimal(q.maxDistance, 0, LIMITS.maxDistance);
    if (!maxDistance) return undefined;
    out.maxDistance = maxDistance;
  }
  if (q.open !== undefined) {
    if (q.open !== 'now' && q.open !== '24h') return undefined;
    out.open = q.open;
  }
  for (const [name, keys] of [['amenities', AMENITY_KEYS], ['types', STATION_TYPE_KEYS], ['notices', NOTICE_KIND_KEYS]] as const) {
    if (q[name] === undefined) continue;
    const list = knownKeys(q[name], keys);
    if (!list) return undefined;
    out[name] = list;
  }
  if (q.fields !== undefined) {
    if (q.fields !== 'full') return undefined;
    out.fields = q.fields;
  }
  return out;
}

export const merchantNearestQuery = z.object({
  ...nearestBase,
  categories: keyList(MERCHANT_CATEGORY_KEYS, 'category').optional(),
});

export const bboxQuery = z.object({
  bbox: z
    .string({ error: 'bbox is required' })
    .transform((s) => s.split(',').map(decimalOrNaN))
    .refine((a) => a.length === 4 && a.every(Number.isFinite), { error: 'bbox must be minLng,minLat,maxLng,maxLat' })
    .refine((a) => a[0] <= a[2] && a[1] <= a[3], { error: 'bbox must have min ≤ max' })
    .refine((a) => a[1] >= -90 && a[3] <= 90, { error: 'bbox latitudes must be within ±90' })
    .transform((a) => [Math.max(-180, a[0]), a[1], Math.min(180, a[2]), a[3]] as [number, number, number, number]),
  zoom: num('zoom').pipe(z.number().int('zoom must be a whole number').min(0).max(24)),
  open: z.enum(['now', '24h'], { error: 'open must be "now" or "24h"' }).optional(),
  amenities: keyList(AMENITY_KEYS, 'amenity').optional(),
  types: keyList(STATION_TYPE_KEYS, 'station type').optional(),
  categories: keyList(MERCHANT_CATEGORY_KEYS, 'category').optional(),
  notices: keyList(NOTICE_KIND_KEYS, 'notice kind').optional(),
});

export const idParam = z.object({ id: z.string().min(1).max(64) });

export const syncQuery = z.object({
  since: num('since').pipe(z.number().int().min(0)).optional(),
  near: z
    .string()
    .transform((s) => s.split(',').map(decimalOrNaN))
    .refine((a) => a.length === 2 && a.every(Number.isFinite), { error: 'near must be lng,lat' })
    .refine((a) => Math.abs(a[0]) <= 180 && Math.abs(a[1]) <= 90, { error: 'near must be within ±180, ±90' })
    .transform((a) => a as [number, number])
    .optional(),
});
