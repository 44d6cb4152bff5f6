/**
 * Merchant and offer storage for the SQLite store. Merchant docs are kept without their offers;
 * offers live in their own table; an upsert writes the offers it names and keeps the others, and
 * every offer write bumps its merchant's version too.
 */
import type Database from 'better-sqlite3';
import { LISTED_STATUS } from '../../data/listing-query';
import { merchantValues } from '../../data/listing-record';
import { contentKey } from '../../data/records';
import type { Merchant, Offer } from '../../data/schema';
import type { Changes, Progress, StoreMethods, WriteSummary } from './port';
import { indexQuery } from './sqlite-index';

type WriteTx = <T>(write: (version: () => number) => T) => T;
type MerchantMethods = Pick<
  StoreMethods,
  'merchantIndex' | 'merchantsByRowid' | 'merchantById' | 'upsertMerchants' | 'merchantChanges'
>;

/** The merchant half of the store, sharing the station half's database and write transaction. */
export function merchantMethods(db: Database.Database, writeTx: WriteTx): MerchantMethods {
  const q = {
    index: indexQuery(db, 'merchants', '0', 'category', `deleted = 0 AND status = '${LISTED_STATUS.merchantsOnly}'`),
    byRowid: db.prepare(`SELECT doc FROM merchants WHERE rowid = ? AND deleted = 0 AND status = 'approved'`).pluck(),
    byId: db.prepare(`SELECT doc FROM merchants WHERE id = ? AND deleted = 0 AND status = 'approved'`).pluck(),
    offers: db.prepare(`SELECT doc FROM offers WHERE merchant_id = ? AND status = 'approved' ORDER BY rowid`).pluck(),
    allOffers: db.prepare(`SELECT doc FROM offers WHERE merchant_id = ? ORDER BY rowid`).pluck(),
    existing: db.prepare(`SELECT doc, deleted FROM merchants WHERE id = ?`),
    upsert: db.prepare(`INSERT INTO merchants (id, name, doc, lng, lat, category, status, owner_id, hours, tz, version, deleted, published)
      VALUES (@id, @name, @doc, @lng, @lat, @category, @status, @owner_id, @hours, @tz, @version, 0, @status = 'approved')
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, doc = excluded.doc, lng = excluded.lng, lat = excluded.lat,
        category = excluded.category, status = excluded.status, owner_id = excluded.owner_id,
        hours = excluded.hours, tz = excluded.tz, version = excluded.version, deleted = 0,
        published = merchants.published OR excluded.status = 'approved'`),
    upsertOffer: db.prepare(`INSERT INTO offers (id, merchant_id, doc, status, version)
      VALUES (@id, @merchant_id, @doc, @status, @version)
      ON CONFLICT (id) DO UPDATE SET merchant_id = excluded.merchant_id, doc = excluded.doc,
        status = excluded.status, version = excluded.version`),
    changes: db.prepare(`SELECT id, doc, status, deleted, published FROM merchants WHERE version > ? ORDER BY version, rowid`).raw(),
  };

  const versionQ = db.prepare(`SELECT value FROM meta WHERE key = 'version'`).pluck();
  const currentVersion = () => Number(versionQ.get());

  const withOffers = (doc: string | undefined): Merchant | undefined => {
    if (doc === undefined) return undefined;
    const m = JSON.parse(doc) as Merchant;
    m.offers = (q.offers.all(m.id) as string[]).map((o) => JSON.parse(o) as Offer);
    return m;
  };

  /** The merchant as stored, with all its offers, for the unchanged check. */
  const stored = (id: string): Merchant | undefined => {
    const row = q.existing.get(id) as { doc: string; deleted: number } | undefined;
    if (!row || row.deleted) return undefined;
    const m = JSON.parse(row.doc) as Merchant;
    m.offers = (q.allOffers.all(id) as string[]).map((o) => JSON.parse(o) as Offer);
    return m;
  };

  function upsertMerchants(items: readonly Merchant[], onProgress?: Progress): WriteSummary {
    return writeTx((nextVersion) => {
      const summary = { added: 0, updated: 0, unchanged: 0, version: 0 };
      items.forEach((m, i) => {
        const old = stored(m.id);
        if (old && sameMerchant(old, m)) summary.unchanged++;
        else {
          const version = (summary.version = nextVersion());
          const { offers, ...doc } = m;
          const v = merchantValues(m);
          q.upsert.run({
            id: m.id, name: v.name, doc: JSON.stringify({ ...doc, offers: [] }), lng: m.lng, lat: m.lat,
            category: v.any, status: v.status, owner_id: m.owner_id ?? null, hours: v.hours, tz: v.tz, version,
          });
          for (const o of offers) q.upsertOffer.run({ id: o.id, merchant_id: m.id, doc: JSON.stringify(o), status: o.status, version });
          if (old) summary.updated++;
          else summary.added++;
        }
        if (onProgress && (i % 5000 === 4999 || i === items.length - 1)) onProgress(i + 1, items.length);
      });
      summary.version ||= currentVersion();
      return summary;
    });
  }

  return {
    merchantIndex: q.index,
    merchantsByRowid: (rowids) => rowids.map((r) => withOffers(q.byRowid.get(r) as string | undefined)),
    merchantById: (id) => withOffers(q.byId.get(id) as string | undefined),
    upsertMerchants,
    merchantChanges(since): Changes<Merchant> {
      const version = currentVersion();
      const upserts: Merchant[] = [];
      const deleted: string[] = [];
      for (const [id, doc, status, del, published] of q.changes.all(since) as [string, string, string, number, number][]) {
        if (!published) continue; // never public: no phone has it, and its id is nobody's business
        if (del || status !== 'approved') deleted.push(id);
        else upserts.push(withOffers(doc)!);
      }
      return { version, upserts, deleted };
    },
  };
}

/** Same content, ignoring update times; offers not named in `next` are kept, so not compared. */
function sameMerchant(stored: Merchant, next: Merchant): boolean {
  const storedOffers = new Map(stored.offers.map((o) => [o.id, contentKey(o)]));
  return (
    contentKey({ ...stored, offers: [] }) === contentKey({ ...next, offers: [] }) &&
    next.offers.every((o) => storedOffers.get(o.id) === contentKey(o))
  );
}
