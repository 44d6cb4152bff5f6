/**
 * Importing a stations/merchants file into the store, all or nothing: any bad row and nothing is
 * written; otherwise one transaction adds, updates or leaves each record. Used by the CLI (and the
 * admin import later), so both report the same way.
 */
import type { Crs } from '../data/catalog';
import { parseImport, type ImportFormat } from '../data/import';
import { canonicalMerchant, canonicalStation } from '../data/records';
import type { Merchant, MerchantInput, RowError, Station, StationInput } from '../data/schema';
import type { Progress, Store, WriteSummary } from './store/port';

export interface ImportOptions {
  kind: 'stations' | 'merchants';
  crs: Crs;
  filename?: string;
  format?: ImportFormat;
  now?: Date;
  onProgress?: Progress;
}

export type ImportResult =
  | { ok: true; rows: number; summary: WriteSummary; warnings: RowError[] }
  | { ok: false; rows: number; errors: RowError[]; warnings: RowError[] };

/** A file parsed and validated, ready to write (or its per-row report). */
export type ParsedImport =
  | { ok: true; rows: number; records: StationInput[] | MerchantInput[]; warnings: RowError[] }
  | { ok: false; rows: number; errors: RowError[]; warnings: RowError[] };

/** Parses and validates a file without touching the store (the slow part, done once). */
export function parseForImport(bytes: Uint8Array, opts: ImportOptions): ParsedImport {
  const parsed = parseImport(bytes, { kind: opts.kind, crs: opts.crs, filename: opts.filename, format: opts.format });
  const rows = parsed.rows.length + new Set(parsed.errors.map((e) => e.row)).size;
  if (parsed.errors.length > 0) return { ok: false, rows, errors: parsed.errors, warnings: parsed.warnings };
  return { ok: true, rows, records: parsed.rows.map((r) => r.value) as StationInput[] | MerchantInput[], warnings: parsed.warnings };
}

/** Writes parsed records in one transaction (rejects with the store's errors, e.g. StoreBusyError). */
export function writeImport(store: Store, parsed: Extract<ParsedImport, { ok: true }>, opts: ImportOptions): Promise<ImportResult> {
  const at = (opts.now ?? new Date()).toISOString();
  // read and write in one transaction: an operator's notice written meanwhile is not lost
  return store.atomically(async (tx) => {
    if (opts.kind === 'stations') {
      const rows = parsed.records as (StationInput & { id: string })[];
      const stored = await tx.stationDocsById(rows.map((r) => r.id));
      const summary = await tx.upsertStations(rows.map((r, k) => canonicalStation(withStationLife(r, stored[k]), at)), opts.onProgress);
      return { ok: true, rows: parsed.rows, summary, warnings: parsed.warnings };
    }
    const merchants: Merchant[] = [];
    for (const row of parsed.records as (MerchantInput & { id: string })[]) {
      const old = await tx.merchantRecord(row.id); // a file never changes who owns a shop
      merchants.push(canonicalMerchant({ ...row, owner_id: old?.owner_id, reason: old?.reason, offers: [] }, at));
    }
    const summary = await tx.upsertMerchants(merchants, opts.onProgress);
    return { ok: true, rows: parsed.rows, summary, warnings: parsed.warnings };
  });
}

/** Parses, validates and (only when every row is good) writes a file's records. */
export async function importFile(store: Store, bytes: Uint8Array, opts: ImportOptions): Promise<ImportResult> {
  const parsed = parseForImport(bytes, opts);
  return parsed.ok ? writeImport(store, parsed, opts) : parsed;
}

/**
 * An import row with what a file does not carry kept from the stored station (its document, if
 * any): its notices, which amenities are out of order, a temporary closure's end, visitor
 * confirmations and a verification newer than the file's.
 */
function withStationLife(row: StationInput & { id: string }, doc: string | undefined): StationInput & { id: string } {
  if (doc === undefined) return row;
  const old = JSON.parse(doc) as Station;
  // a file's verified_at counts as the import's own (no verified_by) unless the stored one is as new
  const kept = old.verified_at && (!row.verified_at || Date.parse(old.verified_at) >= Date.parse(row.verified_at));
  return {
    ...row,
    notices: old.notices,
    amenities_unavailable: old.amenities_unavailable,
    closed_until: old.closed_until, // kept only while the file leaves it temporarily closed (canonicalStation)
    confirmed_on: old.confirmed_on,
    ...(kept ? { verified_at: old.verified_at, verified_by: old.verified_by } : {}),
  };
}

/** One line per problem, as a person reads a report. */
export function formatRowErrors(errors: readonly RowError[]): string[] {
  return errors.map((e) => `row ${e.row}, ${e.field}: ${e.reason}`);
}
