/**
 * The offer form: a value field that fits the kind (a discount in 折 as Chinese shops say it —
 * 8.5 means 15 % off, stored as percent_off 15 — a member price or coupon in
 * yuan, none for a free item), the validity window, bodies for the API, and what saving or
 * pausing does to the offer's moderation state (data/moderation.ts, the server's own rules).
 */
import { OFFER_KINDS, type OfferKind } from '../../../data/catalog';
import { offerKey, offerStatusAfterEdit, type OfferSwitch } from '../../../data/moderation';
import type { Offer } from '../../../data/schema';
import type { OfferView } from './api';
import { applied, defined, patchOf, shown, text, type Draft, type Issues, type Values } from './drafts';
import type { ReviewNote } from './shop-form';

export const OFFER_FIELDS = ['title', 'description', 'kind', 'value', 'valid_from', 'valid_to', 'terms', 'redeem'] as const;

/** How each kind's value is entered: unit shown beside the field, and its range (in that unit). */
export const VALUE_RULES: Record<OfferKind, { unit: 'zhe' | 'yuan' | null; min: number; max: number; step: string }> = {
  percent_off: { unit: 'zhe', min: 0.1, max: 9.9, step: '0.1' }, // 9.9折 = 1 % off … 0.1折 = 99 % off
  member_price: { unit: 'yuan', min: 0.01, max: 1_000_000, step: '0.01' },
  free_item: { unit: null, min: 0, max: 0, step: '1' },
  coupon: { unit: 'yuan', min: 0.01, max: 1_000_000, step: '0.01' },
};

export const isOfferKind = (k: string): k is OfferKind => (OFFER_KINDS as readonly string[]).includes(k);

/** The form's strings for an offer (a new one starts as "percent off"). */
export function offerDraft(o?: Partial<OfferView>): Draft {
  const zhe = o?.kind === 'percent_off' && typeof o.value === 'number' ? Math.round(100 - o.value) / 10 : undefined;
  return Object.fromEntries(OFFER_FIELDS.map((k) => [k, k === 'kind' ? (o?.kind ?? 'percent_off') : shown(k === 'value' && zhe !== undefined ? zhe : o?.[k])]));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What must be fixed before the offer can be sent (the server checks the same rules). */
export function offerIssues(d: Draft): Issues {
  const out: Issues = {};
  if (!text(d.title)) out.title = 'required';
  else if (d.title.trim().length > 120) out.title = 'tooLong';
  for (const [k, n] of [['description', 1000], ['terms', 1000], ['redeem', 300]] as const) if ((d[k] ?? '').trim().length > n) out[k] = 'tooLong';
  if (!isOfferKind(d.kind)) out.kind = 'required';
  else if (VALUE_RULES[d.kind].unit) {
    const v = entered(d);
    const rule = VALUE_RULES[d.kind];
    if (!text(d.value)) out.value = 'required';
    else if (v === undefined) out.value = 'number';
    else if (v < rule.min || v > rule.max) out.value = rule.unit === 'zhe' ? 'zhe' : 'positive';
  }
  for (const k of ['valid_from', 'valid_to'] as const) if (text(d[k]) && !DATE.test(d[k].trim())) out[k] = 'date';
  if (!out.valid_from && !out.valid_to && text(d.valid_from) && text(d.valid_to) && d.valid_from > d.valid_to) out.valid_to = 'dateOrder';
  return out;
}

/** The number typed, in the field's unit (undefined for a free item or an empty field). */
function entered(d: Draft): number | undefined {
  if (!isOfferKind(d.kind) || !VALUE_RULES[d.kind].unit) return undefined;
  const t = (d.value ?? '').trim().replace(',', '.');
  return t && /^\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/** The value as the API stores it: 折 become percent off (8.5 → 15); undefined for a free item or an empty field. */
export function offerValue(d: Draft): number | undefined {
  const v = entered(d);
  return v !== undefined && d.kind === 'percent_off' ? Math.round((100 - v * 10) * 10) / 10 : v;
}

export function offerValues(d: Draft): Values {
  const out: Values = {};
  for (const k of OFFER_FIELDS) out[k] = k === 'value' ? offerValue(d) : k === 'kind' ? d.kind : text(d[k]);
  return out;
}

/** POST /api/my/merchants/{id}/offers body. */
export const offerCreateBody = (d: Draft) => defined(offerValues(d));

/** PATCH /api/my/offers/{id} body: only what changed (a free item clears its value with null). */
export const offerPatchBody = (before: OfferView, d: Draft) => patchOf(before as unknown as Values, offerValues(d), OFFER_FIELDS);

/** What saving (or pausing/resuming: `wanted`) does to the offer's visibility. */
export function offerReviewNote(before: OfferView, patch: Values, wanted?: OfferSwitch): ReviewNote {
  if (Object.keys(patch).length === 0 && !wanted) return 'none';
  const next = applied(before as Offer, patch);
  const approvedKey = before.status === 'approved' ? offerKey(before) : undefined;
  const status = offerStatusAfterEdit(before, next, wanted, approvedKey);
  if (status !== 'pending' || status === before.status) return 'none';
  return before.status === 'rejected' ? 'resubmit' : 'review';
}
