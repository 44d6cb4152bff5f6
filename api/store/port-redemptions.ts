/**
 * The storage port's redemption half: a merchant records that a member card used one of its
 * offers (often queued offline and replayed: stored once per clientId). Part of `Store` (port.ts).
 */

/** A recorded use of an offer by a member card. */
export interface Redemption {
  id: string;
  clientId: string;
  cardId: string;
  offerId: string;
  merchantId: string;
  /** when the card was scanned (the merchant's phone) */
  at: string;
  /** when the server received it */
  receivedAt: string;
  /** a further use within the offer's limit period */
  flagged: boolean;
}

/** A member's view of a redemption: what and where. */
export interface MemberRedemption extends Redemption {
  offerTitle: string | null;
  merchantName: string | null;
}

export interface RedemptionStore {
  /**
   * Stores a redemption unless its clientId is known; `flag` decides, inside the same transaction,
   * whether earlier uses of the card in `period` break the limit. Returns the stored row either way,
   * with its content key (a retry must match it).
   */
  insertRedemption(r: Omit<Redemption, 'flagged'> & { recordedBy: string; period: string; contentKey: string; limited: boolean }): { redemption: Redemption; contentKey: string; created: boolean };
  /** The redemptions of every card an account has held, newest first. */
  redemptionsOfUser(userId: string, limit: number): MemberRedemption[];
}
