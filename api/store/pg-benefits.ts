/**
 * Union benefits for the PostgreSQL store (as sqlite-benefits.ts): one use per member and per
 * clientId. The UNIQUE constraints decide: INSERT … ON CONFLICT DO NOTHING, and when nothing was
 * inserted the use that won (perhaps a moment ago, from another process) is read back.
 */
import type { Fragment } from 'postgres';
import type { BenefitStore, BenefitUse } from './port-benefits';
import type { Async } from './port';
import type { Db } from './pg-sql';
import { toBenefit } from './rows';

type BenefitRow = { id: string; doc: string; createdAt: string };

/** The benefit half of the store over `db`. */
export function benefitMethods(db: Db): Async<BenefitStore> {
  const uses = (where: Fragment) => db<BenefitUse[]>`SELECT id, client_id AS "clientId", benefit_id AS "benefitId",
    card_id AS "cardId", merchant_id AS "merchantId", at, received_at AS "receivedAt" FROM benefit_uses ${where}`;
  /** The use a clientId already made (`replay`), or the member's use of the benefit (`used`). */
  const earlier = async (u: { clientId: string; benefitId: string; userId: string }) => {
    const [replay] = await uses(db`WHERE client_id = ${u.clientId}`);
    if (replay) return { use: replay, outcome: 'replay' as const };
    const [used] = await uses(db`WHERE benefit_id = ${u.benefitId} AND user_id = ${u.userId}`);
    return used && { use: used, outcome: 'used' as const };
  };

  return {
    async insertBenefit({ id, createdAt, ...doc }, createdBy) {
      await db`INSERT INTO benefits (id, doc, created_at, created_by) VALUES (${id}, ${JSON.stringify(doc)}, ${createdAt}, ${createdBy})`;
    },
    benefits: async () => (await db<BenefitRow[]>`SELECT id, doc, created_at AS "createdAt" FROM benefits ORDER BY seq DESC`).map(toBenefit),
    async benefitById(id) {
      const [row] = await db<BenefitRow[]>`SELECT id, doc, created_at AS "createdAt" FROM benefits WHERE id = ${id}`;
      return row && toBenefit(row);
    },
    async insertBenefitUse(u) {
      const known = await earlier(u);
      if (known) return known;
      const done = await db`INSERT INTO benefit_uses (id, client_id, benefit_id, user_id, card_id, merchant_id, at, received_at)
        VALUES (${u.id}, ${u.clientId}, ${u.benefitId}, ${u.userId}, ${u.cardId}, ${u.merchantId}, ${u.at}, ${u.receivedAt})
        ON CONFLICT DO NOTHING`;
      if (done.count === 1) return { use: (await uses(db`WHERE client_id = ${u.clientId}`))[0], outcome: 'created' };
      const winner = await earlier(u); // a racing request got there first
      if (!winner) throw new Error(`benefit use ${u.id} conflicts with another use's id`);
      return winner;
    },
    benefitUsesOfUser: async (userId) => [...await uses(db`WHERE user_id = ${userId} ORDER BY at DESC, seq DESC`)],
  };
}
