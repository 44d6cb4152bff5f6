/**
 * The data model: zod schemas and the types inferred from them.
 * Field names are the import format's names (PRODUCT.md); positions are WGS-84 degrees.
 * Optional text fields are omitted when empty, never stored as "".
 */
import { z } from 'zod';
import {
  AMENITY_KEYS,
  MERCHANT_CATEGORY_KEYS,
  MERCHANT_STATUSES,
  OFFER_KINDS,
  OFFER_STATUSES,
  STATION_STATUSES,
  STATION_TYPE_KEYS,
} from './catalog';
import { noticeSchema } from './notice-bodies';

/** Ids: short, URL-safe, stable across imports. */
export const idSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'only letters, digits and _ . : - are allowed');

export const latSchema = z.number().finite().min(-90).max(90);
export const lngSchema = z.number().finite().min(-180).max(180);
const text = (max: number) => z.string().trim().max(max).optional();
const isoTime = z.string().datetime({ offset: true });

/** Where a station or shop is and how to reach it (shared by both). */
const placeFields = {
  address: text(200),
  province: text(40),
  city: text(40),
  district: text(40),
  phone: text(40),
};

export const stationSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1, 'must not be empty').max(120),
  type: z.enum(STATION_TYPE_KEYS),
  lat: latSchema,
  lng: lngSchema,
  ...placeFields,
  operator: text(120),
  /** OpenStreetMap opening_hours syntax; absent means "hours unknown" (not "closed"). */
  opening_hours: text(300),
  amenities: z.array(z.enum(AMENITY_KEYS)),
  /** amenities the station has but that are out of order for now (shown as such, not removed) */
  amenities_unavailable: z.array(z.enum(AMENITY_KEYS)).optional(),
  notes: text(1000),
  /** what is on here (data/notices.ts); public answers carry only the current ones */
  notices: z.array(noticeSchema).optional(),
  status: z.enum(STATION_STATUSES),
  /** last day of a temporary closure (YYYY-MM-DD, the station's zone); open again after it (data/temporary-closure.ts) */
  closed_until: z.string().date().optional(),
  /** IANA time zone the hours are in; absent means Asia/Shanghai. */
  timezone: text(60),
  verified_at: isoTime.optional(),
  /** who verified it last (data/freshness.ts VERIFIERS) */
  verified_by: z.enum(['operator', 'admin', 'visitors', 'import']).optional(),
  /** counted visitor confirmations (instants) within the last 30 days (data/freshness.ts) */
  confirmed_on: z.array(isoTime).optional(),
  updated_at: isoTime,
});
export type Station = z.infer<typeof stationSchema>;

export const offerSchema = z.object({
  id: idSchema,
  merchant_id: idSchema,
  title: z.string().trim().min(1).max(120),
  description: text(1000),
  kind: z.enum(OFFER_KINDS),
  /** percent_off: percent (1–100); member_price / coupon: yuan; free_item: absent. */
  value: z.number().finite().min(0).max(1_000_000).optional(),
  valid_from: z.string().date().optional(),
  valid_to: z.string().date().optional(),
  terms: text(1000),
  redeem: text(300),
  /** once per member per day / week / ever (a further use is recorded but flagged) */
  redeem_limit: z.enum(['day', 'week', 'ever']).optional(),
  status: z.enum(OFFER_STATUSES),
  reason: text(500),
  updated_at: isoTime,
});
export type Offer = z.infer<typeof offerSchema>;

export const merchantSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1, 'must not be empty').max(120),
  category: z.enum(MERCHANT_CATEGORY_KEYS),
  lat: latSchema,
  lng: lngSchema,
  ...placeFields,
  opening_hours: text(300),
  notes: text(1000),
  owner_id: z.string().optional(),
  status: z.enum(MERCHANT_STATUSES),
  reason: text(500),
  timezone: text(60),
  updated_at: isoTime,
  offers: z.array(offerSchema),
});
export type Merchant = z.infer<typeof merchantSchema>;

/** A station as an import row yields it: no timestamps yet; id may be absent (then derived). */
export type StationInput = Omit<Station, 'updated_at' | 'id' | 'status'> & {
  id?: string;
  status?: Station['status'];
};
/** A merchant as an import row yields it (imported merchants come without offers). */
export type MerchantInput = Omit<Merchant, 'updated_at' | 'id' | 'status' | 'offers'> & {
  id?: string;
  status?: Merchant['status'];
};

/** One bad row of an import (data/import/problems.ts). */
export type { RowError } from './import/problems';
