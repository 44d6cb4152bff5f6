/**
 * Moderation rules for merchant self-service, pure so the PWA can say "this change needs review"
 * before the merchant saves it. The rule: whatever the public reads and a merchant wrote waits for
 * an admin; phone and hours stay live. An item is hidden while it waits (no old copy stays public).
 * An edit that brings an item back to exactly what an admin last approved is approved again.
 */
import type { MerchantStatus, OfferStatus } from './catalog';
import type { Merchant, Offer } from './schema';

/** Merchant fields whose change sends an approved shop back to review. */
export const MERCHANT_MATERIAL_FIELDS = [
  'name', 'category', 'lat', 'lng', 'address', 'province', 'city', 'district', 'notes',
] as const;

/** Offer fields whose change sends an approved offer back to review (all the merchant writes). */
export const OFFER_MATERIAL_FIELDS = [
  'title', 'description', 'kind', 'value', 'valid_from', 'valid_to', 'terms', 'redeem',
] as const;

/** The reviewed content of a record: its material fields, as one comparable string. */
export function materialKey(doc: object, fields: readonly string[]): string {
  const rec = doc as Record<string, unknown>;
  return JSON.stringify(fields.map((f) => rec[f] ?? null));
}

export const merchantKey = (m: Partial<Merchant>) => materialKey(m, MERCHANT_MATERIAL_FIELDS);
export const offerKey = (o: Partial<Offer>) => materialKey(o, OFFER_MATERIAL_FIELDS);

/**
 * A merchant's status after its owner changed it (`next` differs from `old` somewhere).
 * `approvedKey` is the material key an admin last approved, if any.
 */
export function merchantStatusAfterEdit(old: Merchant, next: Merchant, approvedKey?: string): MerchantStatus {
  if (old.status === 'suspended') return 'suspended'; // only an admin lifts a suspension
  if (merchantKey(next) === approvedKey) return 'approved';
  const material = merchantKey(next) !== merchantKey(old);
  if (!material && (old.status === 'approved' || old.status === 'pending')) return old.status;
  return 'pending'; // a material edit, or any edit of a rejected shop (a resubmission)
}

/** What the owner asks of an offer's visibility: pause it, or make it active again. */
export type OfferSwitch = 'paused' | 'active';

/**
 * An offer's status after its owner changed it. Pausing hides it at once without review;
 * unpausing restores "approved" only if the content is what an admin approved, else "pending".
 */
export function offerStatusAfterEdit(old: Offer, next: Offer, wanted: OfferSwitch | undefined, approvedKey?: string): OfferStatus {
  if (wanted === 'paused') return 'paused';
  if (old.status === 'paused' && wanted !== 'active') return 'paused';
  if (old.status !== 'paused' && offerKey(next) === offerKey(old)) return old.status;
  return offerKey(next) === approvedKey ? 'approved' : 'pending';
}
