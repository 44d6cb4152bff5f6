/**
 * The shop form: draft ⇄ API bodies, checks, and what saving will do to the shop's moderation
 * state — predicted with the same rules the server applies (data/moderation.ts), so the merchant
 * reads "this change waits for review" before pressing Save.
 */
import { MERCHANT_CATEGORY_KEYS, type MerchantStatus } from '../../../data/catalog';
import { merchantKey, merchantStatusAfterEdit } from '../../../data/moderation';
import type { Merchant } from '../../../data/schema';
import type { MerchantView } from './api';
import { applied, defined, patchOf, placeIssues, placeValues, shown, type Draft, type Issues, type Values } from './drafts';

export const SHOP_FIELDS = [
  'name', 'category', 'lat', 'lng', 'address', 'province', 'city', 'district', 'phone', 'opening_hours', 'notes',
] as const;

/** The form's strings for a shop (empty for a new one). */
export function shopDraft(m?: Partial<MerchantView>): Draft {
  return Object.fromEntries(SHOP_FIELDS.map((k) => [k, k === 'category' ? (m?.category ?? '') : shown(m?.[k])]));
}

/** What must be fixed before the shop can be sent. */
export function shopIssues(d: Draft): Issues {
  const out = placeIssues(d);
  if (!(MERCHANT_CATEGORY_KEYS as readonly string[]).includes(d.category)) out.category = 'required';
  return out;
}

export function shopValues(d: Draft): Values {
  return placeValues(d, SHOP_FIELDS);
}

/** POST /api/my/merchants body. */
export const shopCreateBody = (d: Draft) => defined(shopValues(d));

/** PATCH /api/my/merchants/{id} body: only what changed. */
export const shopPatchBody = (before: MerchantView, d: Draft) => patchOf(before as unknown as Values, shopValues(d), SHOP_FIELDS);

export type ReviewNote = 'none' | 'review' | 'resubmit' | 'suspended';

/**
 * What saving this PATCH will do to the shop's visibility: nothing, send it back to review
 * (hidden until approved), resubmit a rejected shop, or nothing public because it is suspended.
 */
export function shopReviewNote(before: MerchantView, patch: Values): ReviewNote {
  if (Object.keys(patch).length === 0) return 'none';
  const old = { ...before, offers: [] } as unknown as Merchant;
  const next = applied(old, patch);
  const approvedKey = before.status === 'approved' ? merchantKey(old) : undefined;
  const status: MerchantStatus = merchantStatusAfterEdit(old, next, approvedKey);
  if (status === 'suspended') return 'suspended';
  if (status === before.status) return 'none';
  if (status !== 'pending') return 'none';
  return before.status === 'rejected' ? 'resubmit' : 'review';
}
