/**
 * PostgreSQL for tests: a fresh database per suite, copied from a template that already has
 * PostGIS and every migration (CREATE DATABASE … TEMPLATE is far faster than migrating each).
 * Set YIZHAN_TEST_DATABASE_URL to a maintenance database of a superuser role, e.g.
 * postgres://yizhan:yizhan@127.0.0.1:5432/postgres; without it the PostgreSQL halves are skipped.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres, { type Sql } from 'postgres';
import { PG_MIGRATION_COUNT, migratePg } from '../api/store/pg-migrations';

/** The maintenance database of the test server, or undefined: then the PostgreSQL halves are skipped. */
export const PG_URL = process.env.YIZHAN_TEST_DATABASE_URL || undefined;

/**
 * Named by the migrations' text: a template made while a migration was being written (the same
 * count, another schema) is never taken for the current one; the server keeps templates between runs.
 */
const TEMPLATE = `yizhan_template_${createHash('sha256').update(readFileSync(new URL('../api/store/pg-migrations.ts', import.meta.url))).digest('hex').slice(0, 16)}`;
/** Any number: held on the maintenance database while the template is checked, made or copied. */
const TEMPLATE_LOCK = 0x7969_7a74;

/** `url` with another database name. */
function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

const quiet = { onnotice: () => {}, max: 1, connect_timeout: 5 };

/** How many migrations the template recorded (0 when it is missing or unreadable). */
async function templateMigrations(admin: Sql | postgres.ReservedSql, url: string): Promise<number> {
  const [exists] = await admin`SELECT 1 FROM pg_database WHERE datname = ${TEMPLATE}`;
  if (!exists) return 0;
  const db = postgres(withDatabase(url, TEMPLATE), quiet);
  try {
    const [row] = await db<{ n: number }[]>`SELECT count(*)::int AS n FROM schema_migrations`;
    return row.n;
  } catch {
    return 0;
  } finally {
    await db.end();
  }
}

/** Makes the template anew: PostGIS and every migration applied. */
async function makeTemplate(admin: Sql | postgres.ReservedSql, url: string): Promise<void> {
  const old = await admin<{ datname: string }[]>`SELECT datname FROM pg_database WHERE datname LIKE 'yizhan\_template\_%' OR datname = 'yizhan_test_template'`;
  for (const { datname } of old) await admin`DROP DATABASE IF EXISTS ${admin(datname)} WITH (FORCE)`; // other schemas' templates
  await admin`DROP DATABASE IF EXISTS ${admin(TEMPLATE)} WITH (FORCE)`;
  await admin`CREATE DATABASE ${admin(TEMPLATE)}`;
  const db = postgres(withDatabase(url, TEMPLATE), quiet);
  try {
    await migratePg(db);
  } finally {
    await db.end();
  }
}

let checked = false; // the template was found current by this process

/** True while process `pid` runs (a test database names the process that made it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Test databases of processes that are gone (a crashed run, a test that never closed its store):
 * dropped, so repeated runs on one server do not fill its disk. Databases in use are left alone.
 */
async function dropLeftovers(conn: postgres.ReservedSql) {
  const rows = await conn<{ datname: string }[]>`SELECT datname FROM pg_database WHERE datname LIKE 'yizhan\_test\_%\_%'`;
  for (const { datname } of rows) {
    const pid = Number(datname.split('_')[2]);
    if (!Number.isInteger(pid) || alive(pid)) continue;
    await conn`DROP DATABASE IF EXISTS ${conn(datname)}`.catch(() => {}); // someone connected: next time
  }
}

/**
 * A new, uniquely named database with the schema in place; `drop()` removes it (connections and
 * all). Vitest workers share the template: an advisory lock on the maintenance database lets one
 * at a time check it, make it when missing or behind, and copy it (a copy needs nobody connected).
 */
export async function freshPgUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error('YIZHAN_TEST_DATABASE_URL is not set');
  const url = PG_URL;
  const name = `yizhan_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url, quiet);
  try {
    const conn = await admin.reserve();
    try {
      await conn`SELECT pg_advisory_lock(${TEMPLATE_LOCK})`;
      if (!checked) {
        if ((await templateMigrations(conn, url)) < PG_MIGRATION_COUNT) await makeTemplate(conn, url);
        await dropLeftovers(conn);
      }
      checked = true;
      await conn`CREATE DATABASE ${conn(name)} TEMPLATE ${conn(TEMPLATE)}`;
    } finally {
      await conn`SELECT pg_advisory_unlock(${TEMPLATE_LOCK})`.catch(() => {});
      conn.release();
    }
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(url, name),
    async drop() {
      const a = postgres(url, quiet);
      try {
        await a`DROP DATABASE IF EXISTS ${a(name)} WITH (FORCE)`;
      } finally {
        await a.end();
      }
    },
  };
}
