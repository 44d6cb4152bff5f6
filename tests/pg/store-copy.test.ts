/**
 * npm run store:copy as a real process: a SQLite deployment (stations, a merchant with an offer,
 * an admin with a session, a report, the audit log) moved to PostgreSQL keeps its ids, versions
 * and sessions; a target with data is refused unless --force.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore } from '../../api/store/pg';
import { openSqliteStore } from '../../api/store/sqlite';
import { merchant, station } from '../api/helpers';
import { freshPgUrl } from '../pg';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
let db: string;
let target: { url: string; drop(): Promise<void> };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yizhan-copy-'));
  db = join(dir, 'yizhan.db');
  const src = openSqliteStore(db);
  await src.upsertStations(Array.from({ length: 3000 }, (_, i) => station({ id: `c-${i}`, lat: 30 + (i % 50) / 10, lng: 110 + Math.floor(i / 50) / 10 })));
  await src.deleteStations(['c-7']); // a tombstone: phones must hear of it after the move too
  await src.upsertMerchants([merchant({ id: 'shop-1', name: '中策轮胎' }, [{ title: '九折' }])]);
  await src.createUser({ id: 'u_admin', email: 'boss@example.org', name: 'Boss', role: 'admin', created_at: '2026-11-01T00:00:00Z', password_hash: 'scrypt$x' });
  await src.createSession('h'.repeat(64), 'u_admin', '2026-11-23T00:00:00Z', '2026-12-23T00:00:00Z');
  await src.insertReport({ clientId: '5c6b3a0e-1d7e-4b53-9a43-6f1f4a1c2d3e', targetType: 'station', targetId: 'c-1', kind: 'closed', id: 'r_1', createdAt: '2026-11-23T01:00:00Z' });
  await src.appendAudit({ at: '2026-11-23T01:00:00Z', actor_id: 'u_admin', action: 'station.update', target_type: 'station', target_id: 'c-1', before: null, after: { name: 'x' } });
  await src.close();
  target = await freshPgUrl();
});
afterAll(async () => {
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
});

const copy = (extra: string[] = []) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'api/cli/store-copy.ts', '--from', db, '--to', target.url, ...extra], { cwd: root, encoding: 'utf8' });

describe('npm run store:copy', () => {
  it('moves everything, ids, versions and sessions included', async () => {
    const r = copy();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('every table');
    const [src, pg] = [openSqliteStore(db), await openPgStore(target.url, { listen: false })];
    try {
      expect(await pg.counts()).toEqual(await src.counts());
      expect(await pg.version()).toBe(await src.version());
      expect(await pg.tableVersions()).toEqual(await src.tableVersions());
      expect(await pg.stationChanges(0)).toEqual(await src.stationChanges(0));
      expect((await pg.stationChanges(1)).deleted).toEqual((await src.stationChanges(1)).deleted);
      expect(await pg.merchantById('shop-1')).toEqual(await src.merchantById('shop-1'));
      expect((await pg.sessionUser('h'.repeat(64), '2026-11-24T00:00:00Z'))?.user.email).toBe('boss@example.org');
      expect(await pg.reportByClientId('5c6b3a0e-1d7e-4b53-9a43-6f1f4a1c2d3e')).toEqual(await src.reportByClientId('5c6b3a0e-1d7e-4b53-9a43-6f1f4a1c2d3e'));
      expect(await pg.auditEntries({ limit: 10 })).toEqual(await src.auditEntries({ limit: 10 }));
      // identities continue after the copied ids: the next write gets a new row and a newer version
      const next = await pg.upsertStations([station({ id: 'after-move' })]);
      expect(next.version).toBe((await src.version()) + 1);
    } finally {
      await Promise.all([src.close(), pg.close()]);
    }
  });

  it('refuses a target that holds data (exit 3, unchanged); --force replaces it', async () => {
    const refused = copy();
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain('--force');
    const pg = await openPgStore(target.url, { listen: false });
    try {
      expect(await pg.stationDoc('after-move')).toBeDefined();
      expect(copy(['--force']).status).toBe(0);
      expect(await pg.stationDoc('after-move')).toBeUndefined();
    } finally {
      await pg.close();
    }
  });
});
