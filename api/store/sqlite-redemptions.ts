/**
 * Redemptions for the SQLite store: exactly once per clientId (the UNIQUE constraint decides), and
 * the limit check and the insert in one transaction, so two phones racing cannot both be "first".
 */
import type Database from 'better-sqlite3';
import type { MemberRedemption, Redemption, RedemptionStore } from './port-redemptions';

const COLUMNS = `r.id, r.client_id AS clientId, r.card_id AS cardId, r.offer_id AS offerId, r.merchant_id AS merchantId,
  r.at, r.received_at AS receivedAt, r.flagged, r.content_key AS contentKey`;

type Row = Omit<Redemption, 'flagged'> & { flagged: number; contentKey: string };
const toRedemption = ({ contentKey: _k, ...r }: Row): Redemption => ({ ...r, flagged: r.flagged === 1 });

/** The redemption half of the store, on the shared database. */
export function redemptionMethods(db: Database.Database): RedemptionStore {
  const q = {
    byClientId: db.prepare(`SELECT ${COLUMNS} FROM redemptions r WHERE r.client_id = ?`),
    earlier: db.prepare(`SELECT 1 FROM redemptions WHERE card_id = ? AND offer_id = ? AND period = ? LIMIT 1`).pluck(),
    insert: db.prepare(`INSERT INTO redemptions (id, client_id, content_key, card_id, offer_id, merchant_id, recorded_by, at, received_at, period, flagged)
      VALUES (@id, @clientId, @contentKey, @cardId, @offerId, @merchantId, @recordedBy, @at, @receivedAt, @period, @flagged)`),
    ofUser: db.prepare(`SELECT ${COLUMNS}, json_extract(o.doc, '$.title') AS offerTitle, m.name AS merchantName
      FROM redemptions r JOIN member_cards c ON c.id = r.card_id
      LEFT JOIN offers o ON o.id = r.offer_id LEFT JOIN merchants m ON m.id = r.merchant_id
      WHERE c.user_id = ? ORDER BY r.at DESC, r.seq DESC LIMIT ?`),
  };
  return {
    insertRedemption: (r) => db.transaction(() => {
      const known = q.byClientId.get(r.clientId) as Row | undefined;
      if (known) return { redemption: toRedemption(known), contentKey: known.contentKey, created: false };
      const flagged = r.limited && q.earlier.get(r.cardId, r.offerId, r.period) !== undefined ? 1 : 0;
      const { limited: _l, ...row } = r;
      q.insert.run({ ...row, flagged });
      return { redemption: toRedemption(q.byClientId.get(r.clientId) as Row), contentKey: r.contentKey, created: true };
    }).immediate(),
    redemptionsOfUser: (userId, limit) =>
      (q.ofUser.all(userId, limit) as (Row & { offerTitle: string | null; merchantName: string | null })[])
        .map((row): MemberRedemption => ({ ...toRedemption(row), offerTitle: row.offerTitle, merchantName: row.merchantName })),
  };
}
