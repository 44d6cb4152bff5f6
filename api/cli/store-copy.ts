/**
 * npm run store:copy -- --from data/yizhan.db --to postgres://user:pass@host:5432/db [--force]
 * Moves a SQLite deployment to PostgreSQL: every table (stations, merchants, offers, accounts,
 * sessions, reports, audit, membership, versions) in one transaction, counts checked at the end.
 * Stop the SQLite server first (or copy a `npm run backup` file): later writes would not be copied.
 * Exit codes: 0 copied, 1 the copy failed (the target is unchanged), 2 bad usage, 3 the target holds data (use --force to replace it).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TargetNotEmptyError, copySqliteToPg } from '../store/copy';
import { describeLocation } from '../store/open';

const USAGE = 'usage: npm run store:copy -- --from FILE.db --to postgres://user:pass@host:5432/db [--force]';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean', default: false } } });
  } catch (e) {
    return fail(`${(e as Error).message}\n${USAGE}`);
  }
})();
if (!values.from || !values.to) fail(USAGE);
const from = resolve(values.from);
if (!existsSync(from)) fail(`${from} does not exist.`);
if (!/^postgres(ql)?:\/\//.test(values.to)) fail(`--to must be a postgres:// URL\n${USAGE}`);
const to = describeLocation({ url: values.to });

const started = Date.now();
try {
  const copied = await copySqliteToPg(from, values.to, {
    force: values.force,
    onTable: (table, rows) => console.log(`  ${table}: ${rows} rows`),
  });
  const total = Object.values(copied).reduce((a, b) => a + b, 0);
  console.log(`Copied ${total} rows from ${from} to ${to} in ${((Date.now() - started) / 1000).toFixed(1)} s; every table's count matches.`);
} catch (err) {
  if (err instanceof TargetNotEmptyError) fail(`${to}: ${err.message}; nothing was copied. Run again with --force to replace it.`, 3);
  fail(`The copy failed: ${(err as Error).message}. ${to} is unchanged (one transaction).`, 1);
}
