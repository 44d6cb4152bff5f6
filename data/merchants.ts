/**
 * What the public sees of a merchant: approved offers valid on the given day, no owner or
 * moderation fields. The API and the offline copy both answer through this function.
 */
import type { Merchant, Offer } from './schema';

/** Today's date (YYYY-MM-DD) in a time zone, for offer validity windows. */
export function localDate(at: Date, tz = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

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
