/** Union benefits for the SQLite store: one use per member and per clientId, by UNIQUE constraints. */
import type Database from 'better-sqlite3';
import type { BenefitStore, BenefitUse } from './port-benefits';
import { toBenefit } from './rows';

const USE = `SELECT id, client_id AS clientId, benefit_id AS benefitId, card_id AS cardId, merchant_id AS merchantId,
  at, received_at AS receivedAt FROM benefit_uses`;

/** The benefit half of the store, on the shared database. */
export function benefitMethods(db: Database.Database): BenefitStore {
  const q = {
    insert: db.prepare(`INSERT INTO benefits (id, doc, created_at, created_by) VALUES (?, ?, ?, ?)`),
    all: db.prepare(`SELECT id, doc, created_at AS createdAt FROM benefits ORDER BY seq DESC`),
    byId: db.prepare(`SELECT id, doc, created_at AS createdAt FROM benefits WHERE id = ?`),
    useByClient: db.prepare(`${USE} WHERE client_id = ?`),
    useByMember: db.prepare(`${USE} WHERE benefit_id = ? AND user_id = ?`),
    insertUse: db.prepare(`INSERT INTO benefit_uses (id, client_id, benefit_id, user_id, card_id, merchant_id, at, received_at)
      VALUES (@id, @clientId, @benefitId, @userId, @cardId, @merchantId, @at, @receivedAt)`),
    usesOfUser: db.prepare(`${USE} WHERE user_id = ? ORDER BY at DESC`),
  };
  return {
    insertBenefit: ({ id, createdAt, ...doc }, createdBy) => void q.insert.run(id, JSON.stringify(doc), createdAt, createdBy),
    benefits: () => (q.all.all() as { id: string; doc: string; createdAt: string }[]).map(toBenefit),
    benefitById(id) {
      const row = q.byId.get(id) as { id: string; doc: string; createdAt: string } | undefined;
      return row && toBenefit(row);
    },
    insertBenefitUse: (u) => db.transaction(() => {
      const replay = q.useByClient.get(u.clientId) as BenefitUse | undefined;
      if (replay) return { use: replay, outcome: 'replay' as const };
      const used = q.useByMember.get(u.benefitId, u.userId) as BenefitUse | undefined;
      if (used) return { use: used, outcome: 'used' as const };
      q.insertUse.run(u);
      return { use: q.useByClient.get(u.clientId) as BenefitUse, outcome: 'created' as const };
    }).immediate(),
    benefitUsesOfUser: (userId) => q.usesOfUser.all(userId) as BenefitUse[],
  };
}
