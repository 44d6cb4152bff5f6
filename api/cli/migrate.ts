/**
 * npm run migrate
 * Brings the PostgreSQL database at DATABASE_URL up to the newest schema (PostGIS and the tables;
 * the server also does this when it starts). Safe to run while servers run, or twice at once: an
 * advisory lock lets one process apply each migration. Exit codes: 0 done, 1 failed, 2 no DATABASE_URL.
 */
import postgres from 'postgres';
import { loadConfig } from '../config';
import { PG_MIGRATION_COUNT, migratePg } from '../store/pg-migrations';

const url = (() => {
  try {
    return loadConfig().databaseUrl;
  } catch (err) {
    console.error((err as Error).message);
    return process.exit(2);
  }
})();
if (!url) {
  console.error('usage: DATABASE_URL=postgres://user:pass@host:port/db npm run migrate');
  process.exit(2);
}

const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
try {
  const applied = await migratePg(sql);
  console.log(applied ? `applied ${applied} migration(s); schema at ${PG_MIGRATION_COUNT}` : `schema already at ${PG_MIGRATION_COUNT}`);
} catch (err) {
  console.error(`migration failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await sql.end({ timeout: 5 });
}
