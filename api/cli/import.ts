/**
 * npm run import -- FILE [--crs wgs84|gcj02|bd09] [--kind stations|merchants] [--wait SECONDS]
 * Imports into DATABASE_PATH all or nothing. Exit codes (README "Operations"): 0 imported, 1 bad rows
 * (per-row report, nothing written), 2 usage or unreadable file, 3 the database stayed busy (another
 * import or writer) for --wait seconds, 4 the database cannot be written (read-only, disk full, I/O).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { CRS_LIST, type Crs } from '../../data/catalog';
import { loadConfig } from '../config';
import { formatRowErrors, parseForImport, writeImport, type ImportOptions, type ImportResult, type ParsedImport } from '../importer';
import { StoreBusyError, StoreUnavailableError } from '../store/errors';
import { describeLocation, openStore, storeLocation, type StoreLocation } from '../store/open';
import type { Store } from '../store/port';

export const EXIT = { ok: 0, badRows: 1, usage: 2, busy: 3, unavailable: 4 } as const;
const USAGE = 'usage: npm run import -- FILE [--crs wgs84|gcj02|bd09] [--kind stations|merchants] [--wait SECONDS]';
const TRY_MS = 2000; // one attempt's wait for the write lock (the CLI may block; the server may not)

function fail(message: string, code: number = EXIT.usage): never {
  console.error(message);
  process.exit(code);
}

const { values, positionals } = (() => {
  try {
    const options = { crs: { type: 'string', default: 'wgs84' }, kind: { type: 'string', default: 'stations' }, wait: { type: 'string', default: '120' } } as const;
    return parseArgs({ allowPositionals: true, options });
  } catch (e) {
    return fail(`${(e as Error).message}\n${USAGE}`);
  }
})();
const file = positionals[0];
const waitSeconds = Number(values.wait);
if (!file || positionals.length > 1) fail(USAGE);
if (!CRS_LIST.includes(values.crs as Crs)) fail(`--crs must be one of ${CRS_LIST.join(', ')}\n${USAGE}`);
if (values.kind !== 'stations' && values.kind !== 'merchants') fail(`--kind must be stations or merchants\n${USAGE}`);
if (!/^\d+$/.test(values.wait) || waitSeconds > 86_400) fail(`--wait must be a whole number of seconds (0–86400)\n${USAGE}`);

let bytes: Uint8Array;
try {
  bytes = readFileSync(file);
} catch (e) {
  fail(`cannot read ${file}: ${(e as Error).message}`);
}

const bar = process.stderr.isTTY
  ? (done: number, total: number) => {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\rwriting [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done === total) process.stderr.write('\n');
    }
  : undefined;
const opts: ImportOptions = { kind: values.kind, crs: values.crs as Crs, filename: basename(file), onProgress: bar };
if (bar) process.stderr.write(`reading ${basename(file)}…\n`);
const parsed = parseForImport(bytes, opts);
for (const w of formatRowErrors(parsed.warnings)) console.warn(`warning: ${w}`);
if (!parsed.ok) {
  console.error(`${file}: ${parsed.errors.length} problem(s); nothing was imported.`);
  for (const line of formatRowErrors(parsed.errors)) console.error(line);
  process.exit(EXIT.badRows);
}

const config = loadConfig();
const result = await writeWhenFree(parsed, storeLocation(config));
const s = result.ok ? result.summary : undefined;
if (s) console.log(`${file}: ${result.rows} ${values.kind} — added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged} (data version ${s.version}).`);

/** Writes the import, waiting (with a message) while another process holds the database. */
async function writeWhenFree(ready: Extract<ParsedImport, { ok: true }>, where: StoreLocation): Promise<ImportResult> {
  const path = describeLocation(where);
  const deadline = Date.now() + waitSeconds * 1000;
  let store: Store | undefined;
  let told = false;
  try {
    store = await openWithRetry(where, deadline);
    for (;;) {
      try {
        return await writeImport(store, ready, opts);
      } catch (err) {
        if (!(err instanceof StoreBusyError) || Date.now() >= deadline) throw err;
        if (!told) console.error(`${path} is busy (another import or writer); waiting up to ${waitSeconds} s…`);
        told = true;
      }
    }
  } catch (err) {
    if (err instanceof StoreBusyError) fail(`${path} stayed busy for ${waitSeconds} s (another import or writer holds it); nothing was imported. Try again later or raise --wait.`, EXIT.busy);
    if (err instanceof StoreUnavailableError) fail(`${path} cannot be written (${err.reason}); nothing was imported. Check the disk space and the file's permissions.`, EXIT.unavailable);
    throw err;
  } finally {
    await store?.close();
  }
}

/** Opening migrates, which writes: a busy database is waited for here too. */
async function openWithRetry(where: StoreLocation, deadline: number): Promise<Store> {
  for (;;) {
    try {
      return await openStore(where, { busyTimeoutMs: Math.max(0, Math.min(TRY_MS, deadline - Date.now())), listen: false });
    } catch (err) {
      if (!(err instanceof StoreBusyError) || Date.now() >= deadline) throw err;
    }
  }
}
