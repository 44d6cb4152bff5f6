/**
 * What the public sees of a merchant: approved offers valid on the given day, no owner or
 * moderation fields. The API and the offline copy both answer through this function.
 */
import type { Merchant, Offer } from './schema';

/** Today's date (YYYY-MM-DD) in a time zone, for offer validity windows. */
export { localDate } from './wall-time';

/** True when an offer is approved and `day` lies inside its validity window (inclusive). */
export function offerIsCurrent(o: Offer, day: string): boolean {
  return o.status === 'approved' && (!o.valid_from || o.valid_from <= day) && (!o.valid_to || day <= o.valid_to);
}

/**
 * The public view of an approved merchant on `day`: private fields removed, approved offers valid
 * that day — or, with `upcoming`, also those that start later (the offline copy filters by date
 * itself as days pass, so it needs them; expired ones are never sent).
 */
export function publicMerchant(m: Merchant, day: string, upcoming = false): Merchant {
  const { owner_id: _o, reason: _r, ...rest } = m;
  const shown = (o: Offer) => (upcoming ? o.status === 'approved' && (!o.valid_to || day <= o.valid_to) : offerIsCurrent(o, day));
  const offers = m.offers.filter(shown).map(({ reason: _x, ...o }) => o as Offer);
  return { ...rest, offers };
}

/**
 * What search finds a merchant by besides its name: its address and district, and its member offers
 * running on `day` — their titles, what they give as shops say it in Chinese ("8折",
 * "会员价") and "会员优惠" — so "8折", "优惠" or "洗车 8折" find the shops that give it.
 */
export function merchantSearchText(m: Merchant, day: string): string {
  const offers = m.offers.filter((o) => offerIsCurrent(o, day));
  const gives = (o: Offer) =>
    o.kind === 'percent_off' && o.value !== undefined && o.value < 100 ? `${Math.round(100 - o.value) / 10}折`
      : o.kind === 'member_price' ? '会员价'
        : o.kind === 'coupon' ? '优惠券'
          : '免费';
  const parts = [m.address, m.district, ...offers.flatMap((o) => [o.title, gives(o)]), offers.length ? '会员优惠' : undefined];
  return parts.filter(Boolean).join(' ');
}
