/**
 * Merchant and offer storage for the PostgreSQL store (as sqlite-merchants.ts): merchant docs are
 * kept without their offers; offers live in their own table; an upsert writes the offers it names
 * and keeps the others, and every offer write bumps its merchant's version too. Reads fetch the
 * offers of all the merchants asked for in one query.
 */
import type { TransactionSql } from 'postgres';
import { merchantValues } from '../../data/listing-record';
import { contentKey } from '../../data/records';
import type { Merchant, Offer } from '../../data/schema';
import type { Progress, Store, WriteSummary } from './port';
import { distinctChunks, readIndexColumns } from './pg-index';
import { currentVersion, type Db, type WriteTx } from './pg-sql';

const CHUNK = 2000; // merchants per statement (their offers go in one more)

type MerchantMethods = Pick<Store, 'merchantIndex' | 'merchantsByRowid' | 'merchantById' | 'upsertMerchants' | 'merchantChanges'>;

/** Each merchant's offers (approved ones only, or all), oldest first. */
export async function offersOf(db: Db, merchantIds: readonly string[], approvedOnly: boolean): Promise<Map<string, Offer[]>> {
  const out = new Map<string, Offer[]>();
  if (!merchantIds.length) return out;
  const rows = await db<{ merchant_id: string; doc: string }[]>`SELECT merchant_id, doc FROM offers
    WHERE merchant_id = ANY(${merchantIds as string[]}::text[]) ${approvedOnly ? db`AND status = 'approved'` : db``} ORDER BY rowid`;
  for (const r of rows) {
    const list = out.get(r.merchant_id) ?? [];
    list.push(JSON.parse(r.doc) as Offer);
    out.set(r.merchant_id, list);
  }
  return out;
}

/** Merchant docs with their offers put back. */
export async function withOffers(db: Db, docs: readonly string[], approvedOnly: boolean): Promise<Merchant[]> {
  const merchants = docs.map((d) => JSON.parse(d) as Merchant);
  const offers = await offersOf(db, merchants.map((m) => m.id), approvedOnly);
  for (const m of merchants) m.offers = offers.get(m.id) ?? [];
  return merchants;
}

/** The merchant half of the store over `db`, sharing the station half's write transaction. */
export function merchantMethods(db: Db, writeTx: WriteTx): MerchantMethods {
  return {
    merchantIndex: () => readIndexColumns(db, 'merchants'),
    async merchantsByRowid(rowids) {
      const rows = await db<{ rowid: number; doc: string }[]>`SELECT rowid, doc FROM merchants
        WHERE rowid = ANY(${Array.from(rowids)}::bigint[]) AND NOT deleted AND status = 'approved'`;
      const merchants = await withOffers(db, rows.map((r) => r.doc), true);
      const byRowid = new Map(rows.map((r, i) => [r.rowid, merchants[i]]));
      return rowids.map((r) => byRowid.get(r));
    },
    async merchantById(id) {
      const rows = await db<{ doc: string }[]>`SELECT doc FROM merchants WHERE id = ${id} AND NOT deleted AND status = 'approved'`;
      return (await withOffers(db, rows.map((r) => r.doc), true))[0];
    },
    upsertMerchants: (items, onProgress) => writeTx((tx, version) => upsertMerchants(tx, version, items, onProgress)),
    async merchantChanges(since) {
      const version = await currentVersion(db); // first: what commits in between is sent again, never missed
      const rows = await db<{ id: string; doc: string; status: string; deleted: boolean; published: boolean }[]>`
        SELECT id, doc, status, deleted, published FROM merchants WHERE version > ${since} ORDER BY version, rowid`;
      const deleted: string[] = [];
      const live: string[] = [];
      for (const r of rows) {
        if (!r.published) continue; // never public: no phone has it, and its id is nobody's business
        if (r.deleted || r.status !== 'approved') deleted.push(r.id);
        else live.push(r.doc);
      }
      return { version, upserts: await withOffers(db, live, true), deleted };
    },
  };
}

/** Adds or updates merchants (and the offers they name) chunk by chunk; unchanged ones are left alone. */
async function upsertMerchants(tx: TransactionSql, version: () => Promise<number>, items: readonly Merchant[], onProgress?: Progress): Promise<WriteSummary> {
  const summary = { added: 0, updated: 0, unchanged: 0, version: 0 };
  let done = 0;
  const keys = (m: Merchant) => [`m:${m.id}`, ...m.offers.map((o) => `o:${o.id}`)];
  for (const chunk of distinctChunks(items, CHUNK, keys)) {
    const stored = await storedMerchants(tx, chunk.map((m) => m.id));
    const changed = chunk.filter((m) => {
      const old = stored.get(m.id);
      const same = old !== undefined && sameMerchant(old, m);
      if (same) summary.unchanged++;
      else if (old) summary.updated++;
      else summary.added++;
      return !same;
    });
    if (changed.length) await writeMerchants(tx, changed, (summary.version = await version()));
    done += chunk.length;
    onProgress?.(done, items.length);
  }
  summary.version ||= await currentVersion(tx);
  return summary;
}

/** Live merchants as stored, with all their offers, for the unchanged check. */
async function storedMerchants(tx: TransactionSql, ids: string[]): Promise<Map<string, Merchant>> {
  const rows = await tx<{ doc: string }[]>`SELECT doc FROM merchants WHERE id = ANY(${ids}::text[]) AND NOT deleted`;
  const merchants = await withOffers(tx, rows.map((r) => r.doc), false);
  return new Map(merchants.map((m) => [m.id, m]));
}

/** Two statements per chunk: the merchants, then every offer they name (in order, so rowids follow it). */
async function writeMerchants(tx: TransactionSql, merchants: Merchant[], version: number): Promise<void> {
  const col = <T>(f: (m: Merchant) => T) => merchants.map(f);
  const values = merchants.map(merchantValues); // the index columns, as every listing computes them
  await tx`INSERT INTO merchants (id, name, doc, lng, lat, category, status, owner_id, hours, tz, version, deleted, published)
    SELECT id, name, doc, lng, lat, category, status, owner_id, hours, tz, ${version}, false, status = 'approved'
    FROM unnest(${col((m) => m.id)}::text[], ${col((m) => m.name)}::text[],
      ${col(({ offers: _o, ...doc }) => JSON.stringify({ ...doc, offers: [] }))}::text[],
      ${col((m) => m.lng)}::float8[], ${col((m) => m.lat)}::float8[], ${values.map((v) => v.any)}::bigint[],
      ${values.map((v) => v.status)}::text[], ${col((m) => m.owner_id ?? null)}::text[],
      ${values.map((v) => v.hours)}::text[], ${values.map((v) => v.tz)}::text[])
      AS u (id, name, doc, lng, lat, category, status, owner_id, hours, tz)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, doc = excluded.doc, lng = excluded.lng, lat = excluded.lat,
      category = excluded.category, status = excluded.status, owner_id = excluded.owner_id, hours = excluded.hours,
      tz = excluded.tz, version = excluded.version, deleted = false,
      published = merchants.published OR excluded.status = 'approved'`;
  const offers = merchants.flatMap((m) => m.offers.map((o) => ({ o, merchantId: m.id })));
  if (!offers.length) return;
  await tx`INSERT INTO offers (id, merchant_id, doc, status, version)
    SELECT id, merchant_id, doc, status, ${version}
    FROM unnest(${offers.map((x) => x.o.id)}::text[], ${offers.map((x) => x.merchantId)}::text[],
      ${offers.map((x) => JSON.stringify(x.o))}::text[], ${offers.map((x) => x.o.status)}::text[]) AS u (id, merchant_id, doc, status)
    ON CONFLICT (id) DO UPDATE SET merchant_id = excluded.merchant_id, doc = excluded.doc,
      status = excluded.status, version = excluded.version`;
}

/** Same content, ignoring update times; offers not named in `next` are kept, so not compared. */
function sameMerchant(stored: Merchant, next: Merchant): boolean {
  const storedOffers = new Map(stored.offers.map((o) => [o.id, contentKey(o)]));
  return (
    contentKey({ ...stored, offers: [] }) === contentKey({ ...next, offers: [] }) &&
    next.offers.every((o) => storedOffers.get(o.id) === contentKey(o))
  );
}
