/**
 * Redemptions for the PostgreSQL store (as sqlite-redemptions.ts): exactly once per clientId (the
 * UNIQUE constraint decides), and the limit check and the insert in one transaction holding an
 * advisory lock on the card, so two phones racing cannot both be "first".
 */
import type { MemberRedemption, Redemption, RedemptionStore } from './port-redemptions';
import type { Async } from './port';
import { inTransaction, type Db } from './pg-sql';

/** The advisory-lock namespace of cards being redeemed (the second key is the card id's hash). */
const CARD_LOCKS = 0x7969_7a63;

type Row = Redemption & { contentKey: string };

const toRedemption = ({ contentKey: _k, ...r }: Row): Redemption => r;

/** The redemption half of the store over `db`. */
export function redemptionMethods(db: Db): Async<RedemptionStore> {
  const byClientId = async (q: Db, clientId: string) => {
    const [row] = await q<Row[]>`SELECT id, client_id AS "clientId", card_id AS "cardId", offer_id AS "offerId",
      merchant_id AS "merchantId", at, received_at AS "receivedAt", flagged, content_key AS "contentKey"
      FROM redemptions WHERE client_id = ${clientId}`;
    return row;
  };
  return {
    insertRedemption: (r) =>
      inTransaction(db, async (tx) => {
        await tx`SELECT pg_advisory_xact_lock(${CARD_LOCKS}, hashtext(${r.cardId}))`;
        const known = await byClientId(tx, r.clientId);
        if (known) return { redemption: toRedemption(known), contentKey: known.contentKey, created: false };
        const earlier = r.limited && (await tx`SELECT 1 FROM redemptions
          WHERE card_id = ${r.cardId} AND offer_id = ${r.offerId} AND period = ${r.period} LIMIT 1`).length > 0;
        const done = await tx`INSERT INTO redemptions (id, client_id, content_key, card_id, offer_id, merchant_id, recorded_by, at, received_at, period, flagged)
          VALUES (${r.id}, ${r.clientId}, ${r.contentKey}, ${r.cardId}, ${r.offerId}, ${r.merchantId}, ${r.recordedBy}, ${r.at},
            ${r.receivedAt}, ${r.period}, ${earlier}) ON CONFLICT (client_id) DO NOTHING`;
        const stored = (await byClientId(tx, r.clientId))!;
        // nothing inserted: the same clientId came in at the same moment for another card, and won
        return { redemption: toRedemption(stored), contentKey: stored.contentKey, created: done.count === 1 };
      }),
    async redemptionsOfUser(userId, limit) {
      const rows = await db<(Row & { offerTitle: string | null; merchantName: string | null })[]>`SELECT r.id,
          r.client_id AS "clientId", r.card_id AS "cardId", r.offer_id AS "offerId", r.merchant_id AS "merchantId", r.at,
          r.received_at AS "receivedAt", r.flagged, r.content_key AS "contentKey",
          o.doc::jsonb ->> 'title' AS "offerTitle", m.name AS "merchantName"
        FROM redemptions r JOIN member_cards c ON c.id = r.card_id
        LEFT JOIN offers o ON o.id = r.offer_id LEFT JOIN merchants m ON m.id = r.merchant_id
        WHERE c.user_id = ${userId} ORDER BY r.at DESC, r.seq DESC LIMIT ${limit}`;
      return rows.map(({ offerTitle, merchantName, ...row }): MemberRedemption => ({ ...toRedemption(row), offerTitle, merchantName }));
    },
  };
}
