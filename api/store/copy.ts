/**
 * Moving a SQLite deployment to PostgreSQL: every table copied row for row (documents, accounts,
 * sessions, reports, audit, membership, versions — ids and versions kept, so phones' sync state
 * stays valid) in one PostgreSQL transaction, from one SQLite read snapshot. Refuses a non-empty
 * target unless told (then it is emptied first), and checks every table's count before committing.
 */
import Database from 'better-sqlite3';
import postgres from 'postgres';
import { connectionOptions } from './pg';
import { migratePg } from './pg-migrations';
import { openSqliteStore } from './sqlite';

/** Every table of the schema (both adapters have the same), parents first. */
export const COPIED_TABLES = [
  'meta', 'stations', 'merchants', 'offers', 'users', 'sessions', 'approvals', 'audit_log', 'reports', 'station_operators',
  'membership_applications', 'members', 'member_cards', 'card_revocations', 'redemptions', 'benefits', 'benefit_uses', 'rate_events',
] as const;

/** Tables whose rows mean the target already holds a deployment. */
const CONTENT_TABLES = ['stations', 'merchants', 'users', 'reports', 'audit_log'] as const;
const CHUNK_ROWS = 2000; // rows per INSERT (columns × rows stays under PostgreSQL's 65535 parameters)

export class TargetNotEmptyError extends Error {
  constructor(readonly counts: Record<string, number>) {
    super(`the target already holds data (${Object.entries(counts).filter(([, n]) => n > 0).map(([t, n]) => `${t}: ${n}`).join(', ')})`);
    this.name = 'TargetNotEmptyError';
  }
}

export interface CopyOptions {
  /** empty a target that holds data instead of refusing */
  force?: boolean;
  /** after each table: its name and rows copied */
  onTable?: (table: string, rows: number) => void;
}

/** Copies the SQLite database at `path` into the PostgreSQL database at `url`; returns rows per table. */
export async function copySqliteToPg(path: string, url: string, opts: CopyOptions = {}): Promise<Record<string, number>> {
  await openSqliteStore(path).close(); // brings the file to the newest schema first
  const src = new Database(path, { readonly: true, fileMustExist: true });
  const sql = postgres(url, { ...connectionOptions({ statementTimeoutMs: 0, lockTimeoutMs: 60_000 }), max: 1 });
  try {
    await migratePg(sql);
    src.exec('BEGIN'); // one read snapshot of every table
    return await sql.begin(async (tx) => {
      const held: Record<string, number> = {};
      for (const t of CONTENT_TABLES) held[t] = (await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM ${tx(t)}`)[0].n;
      if (Object.values(held).some((n) => n > 0) && !opts.force) throw new TargetNotEmptyError(held);
      await tx.unsafe(`TRUNCATE ${COPIED_TABLES.join(', ')} RESTART IDENTITY`);
      const copied: Record<string, number> = {};
      for (const table of COPIED_TABLES) {
        copied[table] = await copyTable(src, tx, table);
        opts.onTable?.(table, copied[table]);
      }
      await tx.unsafe(`SELECT pg_notify('yizhan_changes', (SELECT value FROM meta WHERE key = 'version'))`); // running servers catch up
      return copied;
    });
  } finally {
    if (src.inTransaction) src.exec('ROLLBACK');
    src.close();
    await sql.end({ timeout: 5 });
  }
}

type Tx = postgres.TransactionSql;

/** One table: rows in chunks, booleans from SQLite's 0/1, identities moved past the copied ids, counts checked. */
async function copyTable(src: Database.Database, tx: Tx, table: string): Promise<number> {
  const target = await tx<{ column_name: string; data_type: string; is_generated: string; is_identity: string }[]>`
    SELECT column_name, data_type, is_generated, is_identity FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}`;
  const writable = new Map(target.filter((c) => c.is_generated === 'NEVER').map((c) => [c.column_name, c.data_type]));
  const columns = (src.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
  const missing = columns.filter((c) => !writable.has(c));
  if (missing.length) throw new Error(`${table}: PostgreSQL has no column ${missing.join(', ')} (the schemas differ)`);
  const booleans = columns.filter((c) => writable.get(c) === 'boolean');
  let rows = 0;
  let chunk: Record<string, unknown>[] = [];
  const flush = async () => {
    if (chunk.length) await tx`INSERT INTO ${tx(table)} ${tx(chunk as Record<string, postgres.ParameterOrJSON<never>>[], ...columns)}`;
    rows += chunk.length;
    chunk = [];
  };
  for (const row of src.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}`).iterate() as IterableIterator<Record<string, unknown>>) {
    for (const c of booleans) row[c] = row[c] === null ? null : row[c] !== 0;
    chunk.push(row);
    if (chunk.length === CHUNK_ROWS) await flush();
  }
  await flush();
  for (const { column_name } of target.filter((c) => c.is_identity === 'YES')) {
    await tx`SELECT setval(pg_get_serial_sequence(${table}, ${column_name}), coalesce((SELECT max(${tx(column_name)}) FROM ${tx(table)}), 0) + 1, false)`;
  }
  const [{ n }] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM ${tx(table)}`;
  const expected = (src.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);
  if (n !== expected) throw new Error(`${table}: ${n} rows in PostgreSQL after the copy, ${expected} in SQLite`);
  return rows;
}
