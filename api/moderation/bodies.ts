/**
 * Request bodies of the write routes, built from the data model's zod schemas (one source of
 * truth). Bodies are strict: a field the caller may not set (status, owner_id…) is a 400, not
 * silently ignored. In PATCH bodies null clears an optional field.
 */
import { z } from 'zod';
import { validateHours } from '../../data/hours';
import { idSchema, merchantSchema, offerSchema, stationSchema, type Offer } from '../../data/schema';
import type { InvalidParam } from '../problem';

const hours = z.string().trim().max(300).superRefine((v, ctx) => {
  const reason = v ? validateHours(v) : null;
  if (reason) ctx.addIssue({ code: 'custom', message: `opening_hours ${reason}` });
});
const timezone = z.string().trim().max(60).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'timezone must be an IANA time zone such as Asia/Shanghai');

type Shape = Record<string, z.ZodType>;
/** The same fields, each optional. */
function optional<T extends Shape>(shape: T) {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
}
/** The same fields, each optional and clearable with null. */
function clearable<T extends Shape>(shape: T) {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.nullable().optional()])) as {
    [K in keyof T]: z.ZodOptional<z.ZodNullable<T[K]>>;
  };
}

const m = merchantSchema.shape;
const merchantRequired = { name: m.name, category: m.category, lat: m.lat, lng: m.lng };
const merchantOptional = {
  address: m.address.unwrap(), province: m.province.unwrap(), city: m.city.unwrap(), district: m.district.unwrap(),
  phone: m.phone.unwrap(), opening_hours: hours, notes: m.notes.unwrap(), timezone,
};
export const merchantCreateBody = z.strictObject({ ...merchantRequired, ...optional(merchantOptional) });
export const merchantPatchBody = z.strictObject({ ...optional(merchantRequired), ...clearable(merchantOptional) });

const o = offerSchema.shape;
const offerRequired = { title: o.title, kind: o.kind };
const offerOptional = {
  description: o.description.unwrap(), value: o.value.unwrap(), valid_from: o.valid_from.unwrap(),
  valid_to: o.valid_to.unwrap(), terms: o.terms.unwrap(), redeem: o.redeem.unwrap(), redeem_limit: o.redeem_limit.unwrap(),
};
export const offerCreateBody = z.strictObject({ ...offerRequired, ...optional(offerOptional) });
export const offerPatchBody = z.strictObject({
  ...optional(offerRequired),
  ...clearable(offerOptional),
  /** "paused" hides the offer at once; "active" lifts the pause (see data/moderation.ts). */
  status: z.enum(['paused', 'active'], { error: 'status must be "paused" or "active"' }).optional(),
});

const s = stationSchema.shape;
const stationRequired = { name: s.name, type: s.type, lat: s.lat, lng: s.lng, amenities: s.amenities, status: s.status };
const stationOptional = {
  address: s.address.unwrap(), province: s.province.unwrap(), city: s.city.unwrap(), district: s.district.unwrap(),
  phone: s.phone.unwrap(), operator: s.operator.unwrap(), opening_hours: hours, notes: s.notes.unwrap(), timezone,
  verified_at: s.verified_at.unwrap(),
  /** with status temporarily_closed: its last day (data/temporary-closure.ts) */
  closed_until: s.closed_until.unwrap(),
};
export const stationCreateBody = z.strictObject({
  ...stationRequired, amenities: s.amenities.default([]), status: s.status.default('open'),
  id: idSchema.optional(), ...optional(stationOptional),
});
export const stationPatchBody = z.strictObject({ ...optional(stationRequired), ...clearable(stationOptional) });

export const reviewBody = z
  .strictObject({
    decision: z.enum(['approve', 'reject'], { error: 'decision must be "approve" or "reject"' }),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.decision === 'approve' || !!b.reason, { path: ['reason'], error: 'a reason is required to reject' });

/** Rules across an offer's fields, checked after a PATCH is merged: the value must fit the kind. */
export function offerIssues(offer: Offer): InvalidParam[] {
  const issues: InvalidParam[] = [];
  const v = offer.value;
  if (offer.kind === 'percent_off' && (v === undefined || v < 1 || v > 100)) {
    issues.push({ name: 'value', reason: 'a percent_off offer needs a value from 1 to 100 (percent)' });
  } else if ((offer.kind === 'member_price' || offer.kind === 'coupon') && (v === undefined || v <= 0)) {
    issues.push({ name: 'value', reason: `a ${offer.kind} offer needs a value above 0 (yuan)` });
  } else if (offer.kind === 'free_item' && v !== undefined) {
    issues.push({ name: 'value', reason: 'a free_item offer has no value (send null to clear it)' });
  }
  if (offer.valid_from && offer.valid_to && offer.valid_from > offer.valid_to) {
    issues.push({ name: 'valid_to', reason: 'valid_to must not be before valid_from' });
  }
  return issues;
}
