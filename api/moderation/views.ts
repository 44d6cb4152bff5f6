/**
 * What owners and admins see of merchants: everything, with moderation status and reason, plus a
 * `live` flag saying whether the public sees it today (so a screen needs no rule of its own).
 */
import { offerIsCurrent } from '../../data/merchants';
import type { Merchant, Offer } from '../../data/schema';
import type { Store, User } from '../store/port';
import type { MerchantView, OfferView } from '../../data/wire';

export type { MerchantView, OfferView } from '../../data/wire';

/** An offer with its public visibility on `day` (its merchant must be approved too). */
export function offerView(o: Offer, merchantLive: boolean, day: string): OfferView {
  return { ...o, live: merchantLive && offerIsCurrent(o, day) };
}

/** A merchant as its owner sees it: all offers in every state, moderation reasons, live flags. */
export function merchantView(m: Merchant, day: string): MerchantView {
  const { owner_id: _owner, offers, ...rest } = m;
  const live = m.status === 'approved';
  return { ...rest, live, offers: offers.map((o) => offerView(o, live, day)) };
}

/** The account behind an owner id, as an admin needs it to judge a submission. */
export async function ownerOf(store: Store, ownerId: string | undefined): Promise<Pick<User, 'id' | 'email' | 'name'> | null> {
  const u = ownerId ? await store.userById(ownerId) : undefined;
  return u ? { id: u.id, email: u.email, name: u.name } : null;
}

/** A merchant record without its offers (for audit entries and offer context). */
export function merchantOnly(m: Merchant): Omit<Merchant, 'offers'> {
  const { offers: _offers, ...rest } = m;
  return rest;
}
