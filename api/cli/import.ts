/**
 * npm run import -- FILE [--crs wgs84|gcj02|bd09] [--kind stations|merchants]
 * Imports into DATABASE_PATH all or nothing; exit 1 with a per-row report on any bad row.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { CRS_LIST, type Crs } from '../../data/catalog';
import { loadConfig } from '../config';
import { formatRowErrors, importFile } from '../importer';
import { openSqliteStore } from '../store/sqlite';

const USAGE = 'usage: npm run import -- FILE [--crs wgs84|gcj02|bd09] [--kind stations|merchants]';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { crs: { type: 'string', default: 'wgs84' }, kind: { type: 'string', default: 'stations' } } });
  } catch (e) {
    return fail(`${(e as Error).message}\n${USAGE}`);
  }
})();
const file = positionals[0];
if (!file || positionals.length > 1) fail(USAGE);
if (!CRS_LIST.includes(values.crs as Crs)) fail(`--crs must be one of ${CRS_LIST.join(', ')}\n${USAGE}`);
if (values.kind !== 'stations' && values.kind !== 'merchants') fail(`--kind must be stations or merchants\n${USAGE}`);

let bytes: Uint8Array;
try {
  bytes = readFileSync(file);
} catch (e) {
  fail(`cannot read ${file}: ${(e as Error).message}`);
}

const config = loadConfig();
const store = openSqliteStore(config.databasePath);
const bar = process.stderr.isTTY
  ? (done: number, total: number) => {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\rwriting [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done === total) process.stderr.write('\n');
    }
  : undefined;
if (bar) process.stderr.write(`reading ${basename(file)}…\n`);
const result = importFile(store, bytes, { kind: values.kind, crs: values.crs as Crs, filename: basename(file), onProgress: bar });
store.close();

for (const w of formatRowErrors(result.warnings)) console.warn(`warning: ${w}`);
if (!result.ok) {
  console.error(`${file}: ${result.errors.length} problem(s); nothing was imported.`);
  for (const line of formatRowErrors(result.errors)) console.error(line);
  process.exit(1);
}
const s = result.summary;
console.log(`${file}: ${result.rows} ${values.kind} — added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged} (data version ${s.version}).`);
