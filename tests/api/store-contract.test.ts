/**
 * The store port's contract, run over both adapters: what every method answers, not how. SQLite
 * runs on a temp file; PostgreSQL on a fresh database copied from a migrated template (tests/pg.ts),
 * skipped when YIZHAN_TEST_DATABASE_URL is not set. "Another process" is a second store opened on
 * the same database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../api/store/sqlite';
import { openPgStore, type PgStore } from '../../api/store/pg';
import type { Store } from '../../api/store/port';
import { StoreBusyError } from '../../api/store/errors';
import { canonicalMerchant, canonicalStation } from '../../data/records';
import type { Merchant, Offer, Station, StationInput } from '../../data/schema';
import { PG_URL, freshPgUrl } from '../pg';

interface Opened {
  store: Store;
  /** A second store on the same database: another process, as far as the store can tell. */
  another(): Promise<Store>;
  close(): Promise<void>;
}

interface Adapter {
  name: 'sqlite' | 'postgres';
  available: boolean;
  open(): Promise<Opened>;
}

/** Closes every store `open` made, then removes the database. */
function opened(first: Store, open: () => Promise<Store>, remove: () => Promise<void>): Opened {
  const others: Store[] = [];
  return {
    store: first,
    another: async () => {
      const s = await open();
      others.push(s);
      return s;
    },
    async close() {
      for (const s of [first, ...others]) await s.close();
      await remove();
    },
  };
}

const ADAPTERS: Adapter[] = [
  {
    name: 'sqlite',
    available: true,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'yizhan-contract-'));
      const path = join(dir, 'store.db');
      return opened(openSqliteStore(path), async () => openSqliteStore(path), async () => rmSync(dir, { recursive: true, force: true }));
    },
  },
  {
    name: 'postgres',
    available: !!PG_URL,
    async open() {
      const db = await freshPgUrl();
      return opened(await openPgStore(db.url), () => openPgStore(db.url), db.drop);
    },
  },
];

if (!PG_URL) console.warn('PostgreSQL half skipped: set YIZHAN_TEST_DATABASE_URL');

const NOW = '2026-11-23T02:00:00.000Z';
let seq = 0;
const uid = (p: string) => `${p}-${++seq}-${Math.random().toString(36).slice(2, 6)}`;

function station(over: Partial<StationInput> & { id?: string } = {}): Station {
  const id = over.id ?? uid('s');
  return canonicalStation({ id, name: `驿站${id}`, type: 'union_station', lat: 32.06, lng: 118.79, amenities: ['drinking_water'], status: 'open', ...over } as StationInput & { id: string }, NOW);
}

function merchant(over: Partial<Merchant> = {}, offers: Partial<Offer>[] = []): Merchant {
  const id = over.id ?? uid('m');
  const full = offers.map((o, k) => ({
    id: `${id}-o${k}`, merchant_id: id, title: `优惠${k}`, kind: 'percent_off', value: 10, status: 'approved', updated_at: NOW, ...o,
  })) as Offer[];
  return canonicalMerchant({ id, name: `商户${id}`, category: 'tires', lat: 32.06, lng: 118.79, status: 'approved', offers: full, ...over } as Merchant, NOW);
}

/** Waits until `check` holds (polling, never a fixed sleep); fails after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(ADAPTERS)('store contract: $name', (adapter) => {
  if (!adapter.available) {
    it.skip('PostgreSQL half skipped: set YIZHAN_TEST_DATABASE_URL', () => {});
    return;
  }
  let db: Opened;
  let store: Store;
  beforeAll(async () => {
    db = await adapter.open();
    store = db.store;
  });
  afterAll(async () => db?.close());

  describe('stations', () => {
    it('upserts count added / updated / unchanged and bump the version once per write, never on a no-op', async () => {
      const v0 = await store.version();
      const [a, b] = [station(), station()];
      expect(await store.upsertStations([a, b])).toEqual({ added: 2, updated: 0, unchanged: 0, version: v0 + 1 });
      const b2 = { ...b, name: '改名驿站' };
      expect(await store.upsertStations([a, b2])).toEqual({ added: 0, updated: 1, unchanged: 1, version: v0 + 2 });
      // only updated_at differs: unchanged, and nothing is bumped
      expect(await store.upsertStations([{ ...a, updated_at: '2027-01-01T00:00:00.000Z' }])).toEqual({ added: 0, updated: 0, unchanged: 1, version: v0 + 2 });
      expect(await store.version()).toBe(v0 + 2);
      expect(await store.stationDoc(b.id)).toBe(JSON.stringify(b2));
    });

    it('keeps documents byte for byte, whatever characters they hold', async () => {
      const odd = station({ name: 'Tab\there, line\nbreak, back\\slash, "quotes", \\N, 驿站 🚚', address: '\r\u0001' } as Partial<StationInput>);
      await store.upsertStations([odd]);
      expect(await store.stationDoc(odd.id)).toBe(JSON.stringify(odd));
      const ix = await store.stationIndex();
      expect(ix.name[ix.id.indexOf(odd.id)]).toBe(odd.name);
      expect(await store.upsertStations([odd])).toMatchObject({ unchanged: 1 });
    });

    it('applies a repeated id in one call in order, and reports progress to the end', async () => {
      const c = station();
      const progress: [number, number][] = [];
      const summary = await store.upsertStations([c, { ...c, name: '第二次' }, c], (done, total) => progress.push([done, total]));
      expect(summary).toMatchObject({ added: 1, updated: 2, unchanged: 0 });
      expect(await store.stationDoc(c.id)).toBe(JSON.stringify(c));
      expect(progress.at(-1)).toEqual([3, 3]);
    });

    it('deletes into tombstones that stationChanges reports; deleting again or unknown ids changes nothing', async () => {
      const [a, b] = [station(), station()];
      await store.upsertStations([a, b]);
      const v = await store.version();
      expect(await store.deleteStations([a.id, a.id, 'no-such-station'])).toBe(1);
      expect(await store.version()).toBe(v + 1);
      expect(await store.deleteStations([a.id, 'no-such-station'])).toBe(0);
      expect(await store.version()).toBe(v + 1);
      expect(await store.stationDoc(a.id)).toBeUndefined();
      expect(await store.stationChanges(v)).toEqual({ version: v + 1, upserts: [], deleted: [a.id] });
      const before = v - 1;
      const changes = await store.stationChanges(before);
      expect(changes.upserts).toEqual([JSON.stringify(b)]);
      expect(changes.deleted).toEqual([a.id]);
      // back again: added, not updated
      expect(await store.upsertStations([a])).toMatchObject({ added: 1, updated: 0 });
      expect((await store.stationChanges(v + 1)).upserts).toEqual([JSON.stringify(a)]);
    });

    it('lists live, not closed stations as index columns, with notice windows', async () => {
      const open = station({ amenities: ['toilet', 'drinking_water'], opening_hours: 'Mo-Fr 08:00-18:00', timezone: 'Asia/Shanghai' } as Partial<StationInput>);
      const closed = station({ status: 'closed' });
      const gone = station();
      const noticed = station({
        notices: [{ id: 'n1', kind: 'job', title: '招聘', body: '', starts: '2026-12-01', ends: '2026-12-31', created_at: NOW, updated_at: NOW }],
      } as Partial<StationInput>);
      await store.upsertStations([open, closed, gone, noticed]);
      await store.deleteStations([gone.id]);
      const ix = await store.stationIndex();
      expect(ix.rowid).toBeInstanceOf(Float64Array);
      expect(ix.lng).toBeInstanceOf(Float64Array);
      expect(ix.all).toBeInstanceOf(Uint32Array);
      expect(ix.any).toBeInstanceOf(Uint32Array);
      expect(ix.id).toContain(open.id);
      expect(ix.id).not.toContain(closed.id);
      expect(ix.id).not.toContain(gone.id);
      const i = ix.id.indexOf(open.id);
      expect([ix.name[i], ix.lng[i], ix.lat[i], ix.status[i], ix.hours[i], ix.tz[i]]).toEqual([open.name, open.lng, open.lat, 'open', 'Mo-Fr 08:00-18:00', 'Asia/Shanghai']);
      expect(ix.all[i]).toBe(0b11); // drinking water and toilet, the first two amenities
      expect(ix.any[i]).toBe(1); // the first station type
      expect(ix.notices![i]).toBeNull();
      const n = ix.notices![ix.id.indexOf(noticed.id)]!;
      expect(n).toHaveLength(1);
      expect(n[0].kind).toBe('job');
      expect(n[0].starts).toBeLessThan(n[0].ends!);
      // every column has one entry per station
      for (const col of [ix.id, ix.name, ix.lng, ix.status, ix.hours, ix.tz, ix.notices!]) expect(col.length).toBe(ix.rowid.length);
    });

    it('reads documents by rowid in the order asked, undefined for unknown or deleted rows', async () => {
      const [a, b, c] = [station(), station(), station()];
      await store.upsertStations([a, b, c]);
      const ix = await store.stationIndex();
      const rowid = (s: Station) => ix.rowid[ix.id.indexOf(s.id)];
      await store.deleteStations([b.id]);
      const docs = await store.stationDocs([rowid(c), 987_654_321, rowid(b), rowid(a)]);
      expect(docs).toEqual([JSON.stringify(c), undefined, undefined, JSON.stringify(a)]);
    });

    it('counts live stations and approved merchants; tableVersions says which table a version touched', async () => {
      const before = await store.counts();
      await store.upsertStations([station(), station({ status: 'closed' })]);
      await store.upsertMerchants([merchant(), merchant({ status: 'pending' })]);
      expect(await store.counts()).toEqual({ stations: before.stations + 2, merchants: before.merchants + 1 });
      await store.upsertStations([station()]);
      const v = await store.version();
      const t = await store.tableVersions();
      expect(t.stations).toBe(v);
      expect(t.merchants).toBe(v - 1);
    });

    it('finds the live temporary closures with a last day, and follows their writes (closingStationDocs)', async () => {
      const ends = station({ status: 'temporarily_closed', closed_until: '2027-03-01' } as Partial<StationInput>);
      const endless = station({ status: 'temporarily_closed' });
      const open = station();
      const gone = station({ status: 'temporarily_closed', closed_until: '2027-03-02' } as Partial<StationInput>);
      await store.upsertStations([ends, endless, open, gone]);
      await store.deleteStations([gone.id]);
      const ours = async () => (await store.closingStationDocs()).filter((d) => [ends, endless, open, gone].some((s) => d.includes(`"${s.id}"`)));
      expect(await ours()).toEqual([JSON.stringify(ends)]);
      const { closed_until: _, ...reopened } = { ...ends, status: 'open' as const };
      const later = { ...endless, closed_until: '2027-04-01' };
      await store.upsertStations([reopened, later]);
      expect(await ours()).toEqual([JSON.stringify(later)]);
      const { closed_until: __, ...untilFurtherNotice } = later; // still closed, its last day taken back
      await store.upsertStations([untilFurtherNotice]);
      expect(await ours()).toEqual([]);
    });

    it('counts the rows written after a version, tombstones included (changedCounts)', async () => {
      const v = await store.version();
      const [a, b] = [station(), station()];
      await store.upsertStations([a, b]);
      await store.upsertMerchants([merchant()]);
      await store.deleteStations([a.id]);
      expect(await store.changedCounts(v)).toEqual({ stations: 2, merchants: 1 });
      expect(await store.changedCounts(await store.version())).toEqual({ stations: 0, merchants: 0 });
    });
  });

  it.runIf(adapter.name === 'postgres')('finds live stations of the same name within 50 m (PostGIS, PostgreSQL only)', async () => {
    const held = station({ name: uid('同名驿站'), lng: 118.79, lat: 32.06 });
    const gone = station({ name: held.name, lng: 118.7901, lat: 32.06 });
    await store.upsertStations([held, gone]);
    await store.deleteStations([gone.id]);
    const near = (dLng: number) => ({ id: uid('new'), name: held.name, lng: 118.79 + dLng, lat: 32.06 });
    const [close, far] = [near(0.0003), near(0.001)]; // ≈ 28 m and ≈ 94 m east
    const found = await (store as PgStore).nearbySameName([close, far, { ...held }, { ...near(0), name: '别的名字' }]);
    expect(found.map((d) => [d.id, d.existingId])).toEqual([[close.id, held.id]]);
    expect(found[0].distance).toBeGreaterThan(25);
    expect(found[0].distance).toBeLessThan(31);
  });

  describe('merchants', () => {
    it('upserts with offers: named offers written, others kept; unchanged when nothing differs', async () => {
      const m = merchant({}, [{}, { status: 'pending' }]);
      expect(await store.upsertMerchants([m])).toMatchObject({ added: 1, updated: 0, unchanged: 0 });
      expect(await store.upsertMerchants([m])).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
      const only = { ...m, offers: [{ ...m.offers[0], title: '新标题' }] };
      expect(await store.upsertMerchants([only])).toMatchObject({ updated: 1 });
      const record = await store.merchantRecord(m.id);
      expect(record!.offers.map((o) => [o.id, o.title])).toEqual([[m.offers[0].id, '新标题'], [m.offers[1].id, m.offers[1].title]]);
      // public reads carry approved offers only
      expect((await store.merchantById(m.id))!.offers.map((o) => o.id)).toEqual([m.offers[0].id]);
    });

    it('indexes approved merchants only, reads them by rowid in order with their approved offers', async () => {
      const [a, b, p] = [merchant({}, [{}]), merchant({ category: 'lubricants' }), merchant({ status: 'pending' })];
      await store.upsertMerchants([a, b, p]);
      const ix = await store.merchantIndex();
      expect(ix.id).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(ix.id).not.toContain(p.id);
      expect(ix.all[ix.id.indexOf(a.id)]).toBe(0);
      expect(ix.any[ix.id.indexOf(b.id)]).toBe(4); // the third category's bit
      const rowid = (m: Merchant) => ix.rowid[ix.id.indexOf(m.id)];
      const got = await store.merchantsByRowid([rowid(b), 987_654_321, rowid(a)]);
      expect(got.map((m) => m?.id)).toEqual([b.id, undefined, a.id]);
      expect(got[2]!.offers).toEqual(a.offers);
      expect(await store.merchantById(p.id)).toBeUndefined();
    });

    it('reports changes: approved ones as upserts, once-public ones withdrawn as deleted, never-public ones not at all', async () => {
      const v = await store.version();
      const [shown, hidden] = [merchant({}, [{}]), merchant({ status: 'pending' })];
      await store.upsertMerchants([shown, hidden]);
      let changes = await store.merchantChanges(v);
      expect(changes.upserts.map((m) => m.id)).toEqual([shown.id]);
      expect(changes.upserts[0].offers).toEqual(shown.offers);
      expect(changes.deleted).toEqual([]);
      await store.upsertMerchants([{ ...shown, status: 'pending' }]);
      changes = await store.merchantChanges(v + 1);
      expect(changes).toEqual({ version: v + 2, upserts: [], deleted: [shown.id] });
    });
  });

  describe('accounts and sessions', () => {
    const user = (email: string) => ({ id: uid('u'), email, name: '管理员', role: 'admin' as const, password_hash: 'scrypt$x', created_at: NOW });

    it('creates accounts once per email (ASCII case folded) and finds them', async () => {
      const u = user(`${uid('a')}@Example.org`);
      expect(await store.createUser(u)).toBe(true);
      expect(await store.createUser({ ...user(u.email.toUpperCase()) })).toBe(false);
      expect(await store.userByEmail(u.email.toLowerCase())).toEqual(u);
      const { password_hash: _h, ...plain } = u;
      expect(await store.userById(u.id)).toEqual(plain);
      expect(await store.userById('nobody')).toBeUndefined();
    });

    it('keeps sessions until they expire; a new session purges expired ones', async () => {
      const u = user(`${uid('s')}@example.org`);
      await store.createUser(u);
      await store.createSession('tok-old', u.id, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
      await store.createSession('tok-live', u.id, NOW, '2026-12-01T00:00:00.000Z');
      const live = await store.sessionUser('tok-live', NOW);
      expect(live).toEqual({ user: expect.objectContaining({ id: u.id, email: u.email }), expiresAt: '2026-12-01T00:00:00.000Z', startedAt: NOW });
      expect(await store.sessionUser('tok-live', '2026-12-01T00:00:00.000Z')).toBeUndefined(); // expired at that moment
      // the expired one was purged, so it is gone even for a clock that has it live
      expect(await store.sessionUser('tok-old', '2026-01-01T12:00:00.000Z')).toBeUndefined();
      await store.extendSession('tok-live', '2027-01-01T00:00:00.000Z');
      expect((await store.sessionUser('tok-live', '2026-12-15T00:00:00.000Z'))?.expiresAt).toBe('2027-01-01T00:00:00.000Z');
      await store.deleteSession('tok-live');
      expect(await store.sessionUser('tok-live', NOW)).toBeUndefined();
    });

    it('setPassword replaces the hash and ends every other session of the account', async () => {
      const u = user(`${uid('p')}@example.org`);
      await store.createUser(u);
      for (const t of ['p-keep', 'p-a', 'p-b']) await store.createSession(`${u.id}-${t}`, u.id, NOW, '2027-01-01T00:00:00.000Z');
      await store.setPassword(u.id, 'scrypt$new', `${u.id}-p-keep`);
      expect((await store.userByEmail(u.email))!.password_hash).toBe('scrypt$new');
      expect(await store.sessionUser(`${u.id}-p-keep`, NOW)).toBeDefined();
      expect(await store.sessionUser(`${u.id}-p-a`, NOW)).toBeUndefined();
      await store.setPassword(u.id, 'scrypt$newer');
      expect(await store.sessionUser(`${u.id}-p-keep`, NOW)).toBeUndefined();
    });

    it('counts wrong passwords per account until they are taken, keeping the newest time', async () => {
      const u = user(`${uid('f')}@example.org`);
      await store.createUser(u);
      expect(await store.failedSignIns(u.id)).toEqual({ count: 0, lastAt: null });
      await store.recordFailedSignIn(u.id, '2026-11-23T03:00:00.000Z');
      await store.recordFailedSignIn(u.id, '2026-11-23T02:30:00.000Z'); // another process's older clock
      expect(await store.failedSignIns(u.id)).toEqual({ count: 2, lastAt: '2026-11-23T03:00:00.000Z' });
      expect(await store.failedSignIns(u.id)).toEqual({ count: 2, lastAt: '2026-11-23T03:00:00.000Z' }); // reading leaves them
      expect(await store.takeFailedSignIns(u.id)).toEqual({ count: 2, lastAt: '2026-11-23T03:00:00.000Z' });
      expect(await store.takeFailedSignIns(u.id)).toEqual({ count: 0, lastAt: null });
      expect(await store.takeFailedSignIns('nobody')).toEqual({ count: 0, lastAt: null });
    });

    it('loses no wrong password when two processes count and take at once', async () => {
      const other = await db.another();
      const u = user(`${uid('fr')}@example.org`);
      await store.createUser(u);
      const fail = (i: number) => (i % 2 ? other : store).recordFailedSignIn(u.id, NOW);
      await Promise.all(Array.from({ length: 20 }, (_, i) => fail(i)));
      expect(await other.failedSignIns(u.id)).toEqual({ count: 20, lastAt: NOW });
      const taken = await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => fail(i).then(() => 0)),
        ...Array.from({ length: 4 }, (_, i) => (i % 2 ? other : store).takeFailedSignIns(u.id).then((f) => f.count)),
      ]);
      const left = (await store.takeFailedSignIns(u.id)).count;
      expect(taken.reduce((a, b) => a + b, 0) + left).toBe(40); // each counted once: taken once or still there
    });
  });

  describe('moderation and audit', () => {
    it('reads merchants and offers in any status, by owner, and the review queue oldest first, capped', async () => {
      const owner = uid('owner');
      const [m1, m2] = [merchant({ status: 'pending', owner_id: owner }, [{ status: 'pending' }]), merchant({ status: 'pending', owner_id: owner })];
      await store.upsertMerchants([m1]);
      await store.upsertMerchants([m2]);
      expect((await store.merchantRecord(m1.id))!.offers[0].status).toBe('pending');
      expect(await store.offerRecord(m1.offers[0].id)).toEqual(m1.offers[0]);
      expect((await store.merchantsByOwner(owner)).map((m) => m.id)).toEqual([m1.id, m2.id]);
      const queue = await store.moderationQueue(100);
      const mine = queue.merchants.filter((m) => m.owner_id === owner).map((m) => m.id);
      expect(mine).toEqual([m1.id, m2.id]);
      expect(queue.offers.map((o) => o.id)).toContain(m1.offers[0].id);
      expect((await store.moderationQueue(1)).merchants).toHaveLength(1);
      expect((await store.allMerchants()).map((m) => m.id)).toEqual(expect.arrayContaining([m1.id, m2.id]));
    });

    it('remembers and forgets approved keys', async () => {
      const id = uid('appr');
      expect(await store.approvedKey('merchant', id)).toBeUndefined();
      await store.setApprovedKey('merchant', id, 'k1');
      await store.setApprovedKey('merchant', id, 'k2');
      expect(await store.approvedKey('merchant', id)).toBe('k2');
      expect(await store.approvedKey('offer', id)).toBeUndefined();
      await store.setApprovedKey('merchant', id, null);
      expect(await store.approvedKey('merchant', id)).toBeUndefined();
    });

    it('pages the audit log newest first, filtered by target, with the actor email', async () => {
      const actor = { id: uid('actor'), email: `${uid('actor')}@example.org`, name: 'A', role: 'admin' as const, password_hash: 'h', created_at: NOW };
      await store.createUser(actor);
      const target = uid('t');
      for (let i = 0; i < 5; i++) {
        await store.appendAudit({ at: NOW, actor_id: actor.id, action: `edit${i}`, target_type: 'station', target_id: target, before: i ? { n: i - 1 } : null, after: { n: i } });
      }
      const page1 = await store.auditEntries({ limit: 2, target_type: 'station', target_id: target });
      expect(page1.map((e) => e.action)).toEqual(['edit4', 'edit3']);
      expect(page1[0]).toMatchObject({ actor_id: actor.id, actor_email: actor.email, target_type: 'station', target_id: target, before: { n: 3 }, after: { n: 4 } });
      const page2 = await store.auditEntries({ limit: 10, target_id: target, before: page1[1].id });
      expect(page2.map((e) => e.action)).toEqual(['edit2', 'edit1', 'edit0']);
      expect(page2[2].before).toBeNull();
      expect(await store.auditEntries({ limit: 10, target_type: 'merchant', target_id: target })).toEqual([]);
    });
  });

  describe('reports', () => {
    const input = (over: Record<string, unknown> = {}) => ({
      id: uid('r'), clientId: uid('c'), targetType: 'station' as const, targetId: 'st-x', kind: 'closed' as const, createdAt: NOW, ...over,
    });

    it('stores a report once per clientId, with its target', async () => {
      const s = station();
      await store.upsertStations([s]);
      const r = input({ targetId: s.id, note: '关门了' });
      const first = await store.insertReport(r);
      expect(first.created).toBe(true);
      expect(first.report).toMatchObject({ id: r.id, clientId: r.clientId, targetId: s.id, note: '关门了', status: 'open', target: { name: s.name, status: 'open' } });
      const again = await store.insertReport({ ...r, id: uid('r2') });
      expect(again).toEqual({ report: first.report, created: false });
      expect(await store.reportByClientId(r.clientId)).toEqual(first.report);
      expect(await store.reportById(r.id)).toEqual(first.report);
    });

    it('stores one row for concurrent duplicates from two processes', async () => {
      const other = await db.another();
      const clientId = uid('dup');
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? other : store).insertReport(input({ clientId, targetId: 'st-dup' }))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.report.id)).size).toBe(1);
      expect(await store.reports({ targetId: 'st-dup', limit: 50 })).toHaveLength(1);
    });

    it('lists newest first with filters and paging, summarises open reports, resolves', async () => {
      const target = uid('tgt');
      const rs = [input({ targetId: target, kind: 'closed' }), input({ targetId: target, kind: 'closed' }), input({ targetId: target, kind: 'wrong_location' })];
      for (const r of rs) await store.insertReport(r);
      const list = await store.reports({ targetId: target, limit: 2 });
      expect(list.map((r) => r.id)).toEqual([rs[2].id, rs[1].id]);
      expect((await store.reports({ targetId: target, limit: 5, before: rs[1].id })).map((r) => r.id)).toEqual([rs[0].id]);
      const summary = (await store.reportSummary({ targetType: 'station', limit: 1000 })).find((s) => s.targetId === target);
      expect(summary).toEqual({ targetType: 'station', targetId: target, target: null, open: 3, kinds: { closed: 2, wrong_location: 1 }, lastAt: NOW });
      expect(await store.resolveReport(rs[2].id, { at: NOW, by: 'admin-1', note: 'ok', applied: true })).toBe(true);
      expect(await store.resolveReport(rs[2].id, { at: NOW, by: 'admin-1', applied: false })).toBe(false);
      expect((await store.reportById(rs[2].id))!.resolution).toEqual({ at: NOW, by: 'admin-1', note: 'ok', applied: true });
      const ids = await store.resolveOpenReports({ type: 'station', id: target }, 'closed', { at: NOW, by: 'admin-1', applied: false });
      expect(ids).toEqual([rs[0].id, rs[1].id]);
      expect(await store.reports({ targetId: target, status: 'open', limit: 5 })).toEqual([]);
    });
  });

  describe('operators and freshness', () => {
    it('grants, lists and revokes station operators', async () => {
      const acct = { id: uid('op'), email: `${uid('op')}@example.org`, name: 'O', role: 'merchant' as const, password_hash: 'h', created_at: NOW };
      await store.createUser(acct);
      expect(await store.grantOperator(acct.id, ['st-b', 'st-a', 'st-b'], NOW, 'admin-1')).toBe(2);
      expect(await store.grantOperator(acct.id, ['st-a', 'st-c'], NOW, 'admin-1')).toBe(1);
      expect(await store.operatorStationIds(acct.id)).toEqual(['st-a', 'st-b', 'st-c']);
      expect(await store.isOperator(acct.id, 'st-a')).toBe(true);
      expect(await store.revokeOperator(acct.id, 'st-a')).toBe(true);
      expect(await store.revokeOperator(acct.id, 'st-a')).toBe(false);
      expect(await store.isOperator(acct.id, 'st-a')).toBe(false);
      const grants = (await store.operatorGrants()).filter((g) => g.accountId === acct.id);
      expect(grants).toEqual([
        { accountId: acct.id, email: acct.email, stationId: 'st-b', grantedAt: NOW, grantedBy: 'admin-1' },
        { accountId: acct.id, email: acct.email, stationId: 'st-c', grantedAt: NOW, grantedBy: 'admin-1' },
      ]);
    });

    it('counts a reporter\'s other reports, lists closed-report times and stale stations', async () => {
      const target = uid('fresh');
      const r1 = { id: uid('r'), clientId: uid('c'), targetType: 'station' as const, targetId: target, kind: 'closed' as const, createdAt: '2026-11-20T00:00:00.000Z' };
      const r2 = { ...r1, id: uid('r'), clientId: uid('c'), createdAt: '2026-11-21T00:00:00.000Z' };
      await store.insertReport(r1);
      await store.insertReport(r2);
      await store.setReporter(r1.id, 'hash-1');
      await store.setReporter(r2.id, 'hash-1');
      const q = { stationId: target, kind: 'closed', reporter: 'hash-1', from: '2026-11-01', to: '2026-12-01', exceptId: r2.id };
      expect(await store.reportsBy(q)).toBe(1);
      expect(await store.reportsBy({ ...q, from: '2026-11-20T12:00:00.000Z' })).toBe(0);
      expect((await store.closedReportTimes('2026-11-01')).get(target)).toEqual([r1.createdAt, r2.createdAt]);
      expect((await store.closedReportTimes('2026-11-20T12:00:00.000Z')).get(target)).toEqual([r2.createdAt]);

      const province = uid('省');
      const old = station({ province, city: '甲市', verified_at: '2020-01-01T00:00:00.000Z' } as Partial<StationInput>);
      const older = station({ province, city: '甲市', verified_at: '2019-01-01T00:00:00.000Z' } as Partial<StationInput>);
      const fresh = station({ province, city: '甲市', verified_at: '2026-11-01T00:00:00.000Z' } as Partial<StationInput>);
      const closed = station({ province, status: 'closed', verified_at: '2019-01-01T00:00:00.000Z' } as Partial<StationInput>);
      await store.upsertStations([old, older, fresh, closed]);
      const stale = await store.staleStationDocs('2026-01-01', { province, limit: 10 });
      expect(stale).toEqual([JSON.stringify(older), JSON.stringify(old)]);
      expect(await store.staleStationDocs('2026-01-01', { province, city: '乙市', limit: 10 })).toEqual([]);
      expect(await store.staleStationDocs('2026-01-01', { province, limit: 1 })).toHaveLength(1);
    });
  });

  describe('membership', () => {
    const applicant = async () => {
      const u = { id: uid('mem'), email: `${uid('mem')}@example.org`, name: 'M', role: 'merchant' as const, password_hash: 'h', created_at: NOW };
      await store.createUser(u);
      return u;
    };
    const appInput = { name: '张三', phone: '13800000000', occupation: 'courier', region: '江苏省 南京市' } as never;

    it('keeps one open application per account; reviews, lists and purges them', async () => {
      const u = await applicant();
      const a1 = { id: uid('app'), userId: u.id, input: appInput, createdAt: NOW };
      expect(await store.insertApplication(a1)).toBe(true);
      expect(await store.insertApplication({ ...a1, id: uid('app') })).toBe(false);
      expect(await store.latestApplication(u.id)).toEqual({ id: a1.id, status: 'pending', ...(appInput as object), createdAt: NOW });
      expect(await store.applicationById(a1.id)).toMatchObject({ id: a1.id, userId: u.id, email: u.email });
      const pending = await store.applications({ status: 'pending', limit: 1000 });
      expect(pending.map((a) => a.id)).toContain(a1.id);
      expect(await store.reviewApplication(a1.id, { status: 'rejected', at: '2026-01-01T00:00:00.000Z', by: 'admin-1', reason: '资料不全' })).toBe(true);
      expect(await store.reviewApplication(a1.id, { status: 'approved', at: NOW, by: 'admin-1' })).toBe(false);
      const a2 = { id: uid('app'), userId: u.id, input: appInput, createdAt: NOW };
      expect(await store.insertApplication(a2)).toBe(true);
      const after = await store.applications({ limit: 1000, after: a1.id });
      expect(after.map((a) => a.id)).toContain(a2.id);
      expect(after.map((a) => a.id)).not.toContain(a1.id);
      expect(await store.purgeRejectedApplications('2026-06-01')).toBeGreaterThanOrEqual(1);
      expect(await store.applicationById(a1.id)).toBeUndefined();
    });

    it('makes members with one active card, revokes cards into a versioned list', async () => {
      const u = await applicant();
      await store.upsertMember({ userId: u.id, applicationId: 'app-x', name: '张*', org: '工会', since: NOW });
      const card = { id: uid('card'), userId: u.id, createdAt: NOW };
      expect(await store.insertCard(card)).toBe(true);
      expect(await store.insertCard({ ...card, id: uid('card') })).toBe(false);
      expect(await store.member(u.id)).toEqual({ since: NOW, org: '工会', name: '张*', status: 'active', cardId: card.id });
      await store.setCardToken(card.id, { token: 'tok', issuedAt: NOW, expiresAt: '2027-11-23T02:00:00.000Z' });
      expect(await store.activeCard(u.id)).toEqual({ id: card.id, userId: u.id, status: 'active', createdAt: NOW, token: 'tok', issuedAt: NOW, expiresAt: '2027-11-23T02:00:00.000Z' });
      const { version: v0 } = await store.revocations(0);
      expect(await store.revokeCard(card.id, { at: NOW, by: 'admin-1', reason: '离会' })).toBe(true);
      expect(await store.revokeCard(card.id, { at: NOW, by: 'admin-1', reason: '离会' })).toBe(false);
      expect(await store.isCardRevoked(card.id)).toBe(true);
      expect(await store.revocations(v0)).toEqual({ version: v0 + 1, revoked: [card.id] });
      expect(await store.activeCard(u.id)).toBeUndefined();
      expect((await store.cardById(card.id))!.status).toBe('revoked');
      await store.endMembership(u.id);
      expect(await store.member(u.id)).toMatchObject({ status: 'ended', cardId: null });
    });
  });

  describe('redemptions and benefits', () => {
    it('stores a redemption once per clientId and flags a further use within the period', async () => {
      const u = { id: uid('red'), email: `${uid('red')}@example.org`, name: 'R', role: 'merchant' as const, password_hash: 'h', created_at: NOW };
      await store.createUser(u);
      const cardId = uid('card');
      await store.insertCard({ id: cardId, userId: u.id, createdAt: NOW });
      const m = merchant({}, [{ title: '九折' }]);
      await store.upsertMerchants([m]);
      const base = { cardId, offerId: m.offers[0].id, merchantId: m.id, recordedBy: 'owner', period: '2026-11', limited: true };
      const r1 = { ...base, id: uid('rd'), clientId: uid('rc'), at: NOW, receivedAt: NOW, contentKey: 'k1' };
      const first = await store.insertRedemption(r1);
      expect(first).toMatchObject({ created: true, contentKey: 'k1', redemption: { id: r1.id, flagged: false } });
      expect(await store.insertRedemption({ ...r1, id: uid('rd'), contentKey: 'k-other' })).toEqual({ redemption: first.redemption, contentKey: 'k1', created: false });
      const r2 = { ...base, id: uid('rd'), clientId: uid('rc'), at: '2026-11-24T02:00:00.000Z', receivedAt: NOW, contentKey: 'k2' };
      expect((await store.insertRedemption(r2)).redemption.flagged).toBe(true);
      const mine = await store.redemptionsOfUser(u.id, 10);
      expect(mine.map((r) => r.id)).toEqual([r2.id, r1.id]);
      expect(mine[0]).toMatchObject({ offerTitle: '九折', merchantName: m.name, flagged: true });
    });

    it('issues benefits and decides uses: created, replay, used', async () => {
      const b = { id: uid('ben'), createdAt: NOW, title: '免费体检', validFrom: '2026-01-01', validTo: '2026-12-31' };
      await store.insertBenefit(b, 'admin-1');
      expect(await store.benefitById(b.id)).toEqual(b);
      expect((await store.benefits())[0]).toEqual(b);
      const use = { id: uid('use'), clientId: uid('uc'), benefitId: b.id, userId: uid('member'), cardId: 'card-1', merchantId: 'm-1', at: NOW, receivedAt: NOW };
      const created = await store.insertBenefitUse(use);
      expect(created.outcome).toBe('created');
      const { userId: _u, ...stored } = use;
      expect(created.use).toEqual(stored);
      expect(await store.insertBenefitUse({ ...use, id: uid('use') })).toEqual({ use: stored, outcome: 'replay' });
      expect(await store.insertBenefitUse({ ...use, id: uid('use'), clientId: uid('uc') })).toEqual({ use: stored, outcome: 'used' });
      expect(await store.benefitUsesOfUser(use.userId)).toEqual([stored]);
    });
  });

  describe('rate limits', () => {
    const window = { limit: 3, windowMs: 60_000 };
    const t0 = 1_800_000_000_000;

    it('allows `limit` events per window, then says how long to wait; reset and forgive take events back', async () => {
      const key = uid('rate');
      for (let i = 0; i < 3; i++) expect(await store.rateHit(key, t0 + i * 1000, window)).toBe(0);
      expect(await store.rateHit(key, t0 + 10_000, window)).toBe(50); // the first leaves the window at t0 + 60 s
      expect(await store.rateHit(key, t0 + 60_000, window)).toBe(0); // it has left
      await store.rateForgive(key); // takes back the one just counted
      expect(await store.rateHit(key, t0 + 60_500, window)).toBe(0);
      expect(await store.rateHit(key, t0 + 60_600, window)).toBe(1); // t0 + 1 s leaves in 0.4 s: rounded up
      await store.rateReset(key);
      expect(await store.rateHit(key, t0 + 60_700, window)).toBe(0);
    });

    it('never lets concurrent hits from two processes exceed the limit', async () => {
      const other = await db.another();
      const key = uid('race');
      const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).rateHit(key, t0, { limit: 5, windowMs: 60_000 })));
      expect(waits.filter((w) => w === 0)).toHaveLength(5);
      expect(waits.filter((w) => w === 60)).toHaveLength(15);
    });
  });

  describe('transactions and the change feed', () => {
    it('atomically writes all or nothing', async () => {
      const s = station();
      const v = await store.version();
      await expect(store.atomically(async (tx) => {
        await tx.upsertStations([s]);
        await tx.appendAudit({ at: NOW, actor_id: 'admin-1', action: 'rollback-me', target_type: 'station', target_id: s.id, before: null, after: null });
        throw new Error('changed my mind');
      })).rejects.toThrow('changed my mind');
      expect(await store.stationDoc(s.id)).toBeUndefined();
      expect(await store.auditEntries({ limit: 5, target_id: s.id })).toEqual([]);
      expect(await store.version()).toBe(v);
      const out = await store.atomically(async (tx) => {
        await tx.upsertStations([s]);
        await tx.upsertMerchants([merchant()]);
        await tx.appendAudit({ at: NOW, actor_id: 'admin-1', action: 'kept', target_type: 'station', target_id: s.id, before: null, after: null });
        return tx.stationDoc(s.id);
      });
      expect(out).toBe(JSON.stringify(s));
      expect(await store.stationDoc(s.id)).toBe(JSON.stringify(s));
      // a new version (PostgreSQL bumps once per transaction, SQLite once per write call), with both writes in the feed
      expect(await store.version()).toBeGreaterThan(v);
      expect((await store.stationChanges(v)).upserts).toEqual([JSON.stringify(s)]);
      expect((await store.merchantChanges(v)).upserts).toHaveLength(1);
      expect((await store.auditEntries({ limit: 5, target_id: s.id })).map((e) => e.action)).toEqual(['kept']);
    });

    it('never loses an update when transactions read then write concurrently', async () => {
      const other = await db.another();
      const id = uid('counter');
      const increment = (s: Store) => s.atomically(async (tx) => {
        const n = Number((await tx.approvedKey('merchant', id)) ?? 0);
        await tx.setApprovedKey('merchant', id, String(n + 1));
      });
      // SQLite may refuse a second connection's transaction as busy (the caller retries); none may be lost
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => increment(i % 2 ? other : store)));
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StoreBusyError);
      const done = results.filter((r) => r.status === 'fulfilled').length;
      if (adapter.name === 'postgres') expect(done).toBe(10); // its writers queue on the version row instead
      expect(await store.approvedKey('merchant', id)).toBe(String(done));
    });

    it('externallyChanged: true once after this process\'s write and after another process\'s', async () => {
      store.externallyChanged();
      await store.upsertStations([station()]);
      expect(store.externallyChanged()).toBe(true);
      expect(store.externallyChanged()).toBe(false);
      const other = await db.another();
      await other.upsertStations([station()]);
      await until(() => store.externallyChanged());
      expect(store.externallyChanged()).toBe(false);
      expect(store.writeStatus()).toEqual({ writable: true });
    });
  });
});
