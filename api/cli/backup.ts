/**
 * npm run backup -- FILE
 * A consistent copy of the SQLite database at DATABASE_PATH in FILE, made while the server runs
 * (SQLite's online backup API). PostgreSQL deployments use pg_dump instead (README "Backups").
 * Exit codes: 0 written, 2 bad usage (or DATABASE_URL set), 3 the database could not be read or FILE written.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config';
import { backupSqliteFile } from '../store/sqlite';

const USAGE = 'usage: npm run backup -- FILE   (a copy of the SQLite database at DATABASE_PATH)';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const [file, ...extra] = process.argv.slice(2);
if (!file || extra.length || file.startsWith('-')) fail(USAGE);
const config = loadConfig();
if (config.databaseUrl) fail('DATABASE_URL is set: back up PostgreSQL with pg_dump (see README "Backups"); nothing was written.');
const dest = resolve(file);
if (dest === config.databasePath) fail('FILE must not be the database itself.');
if (existsSync(dest)) fail(`${dest} exists; choose a new file name (nothing was overwritten).`);
if (!existsSync(config.databasePath)) fail(`${config.databasePath} does not exist; nothing to back up.`, 3);
try {
  await backupSqliteFile(config.databasePath, dest);
} catch (err) {
  fail(`The backup failed (${(err as Error).message}); ${dest} may be incomplete: delete it.`, 3);
}
console.log(`Backed up ${config.databasePath} to ${dest}.`);
