/**
 * The admin import's preview (dry run): what importing a file would do, without writing — per-row
 * errors, warnings (including likely duplicates of records already held), and for each good row
 * whether it would be added, update a record, or leave it unchanged (the importer's own rule).
 */
import type { Crs } from '../../data/catalog';
import { parseImport, rowProblem, type ImportFormat, type ImportValue } from '../../data/import';
import { canonicalMerchant, canonicalStation, contentKey } from '../../data/records';
import type { MerchantInput, RowError, StationInput } from '../../data/schema';
import type { Listings } from '../listings';
import type { Store } from '../store/port';
import type { PgStore } from '../store/pg';
import type { ImportPreview, RowAction } from '../../data/wire';

const PREVIEW = {
  duplicateRadiusM: 50, // an existing record with the same name this close is a likely duplicate
  maxItems: 2000, // per-row actions listed at most (counts always cover every row)
};

export interface PreviewOptions {
  kind: 'stations' | 'merchants';
  crs: Crs;
  filename?: string;
  format?: ImportFormat;
  now: Date;
}

export type { ImportPreview, RowAction } from '../../data/wire';

/** The stored record's comparable content, or undefined when there is none. */
/** The stored records' comparable content by id (undefined: none), stations read in one go. */
async function storedKeys(store: Store, kind: PreviewOptions['kind'], ids: string[]): Promise<(string | undefined)[]> {
  if (kind === 'stations') return (await store.stationDocsById(ids)).map((doc) => (doc === undefined ? undefined : contentKey(JSON.parse(doc))));
  const keys: (string | undefined)[] = [];
  for (const id of ids) {
    const m = await store.merchantRecord(id);
    keys.push(m ? contentKey({ ...m, offers: [] }) : undefined);
  }
  return keys;
}

/** The record the importer would write for a row (same canonical form, so the same comparison). */
function importedKey(kind: PreviewOptions['kind'], value: ImportValue, at: string): string {
  const rec = kind === 'stations'
    ? canonicalStation(value as StationInput & { id: string }, at)
    : canonicalMerchant({ ...(value as MerchantInput & { id: string }), offers: [] }, at);
  return contentKey(rec);
}

interface Nearby {
  existingId: string;
  distance: number;
}

/** The closest record held under another id with the row's name within the radius, from the in-memory listing. */
function nearbyInListing(listings: Listings, kind: PreviewOptions['kind'], v: ImportValue, at: Date): Nearby | undefined {
  const listing = kind === 'stations' ? listings.stations() : listings.merchants();
  const hits = listing.nearest({ lng: v.lng, lat: v.lat, limit: 10, maxDistance: PREVIEW.duplicateRadiusM, at });
  for (const h of hits) {
    const other = listing.row(h.i);
    if (other.id !== v.id && other.name.trim() === v.name.trim()) return { existingId: other.id, distance: h.distance };
  }
  return undefined;
}

/**
 * Likely duplicates by row id: on PostgreSQL, stations are asked of PostGIS in one query (its GiST
 * index over every live station); otherwise the in-memory listing answers row by row.
 */
async function likelyDuplicates(store: Store, listings: Listings, kind: PreviewOptions['kind'], values: ImportValue[], at: Date): Promise<Map<string, Nearby>> {
  const found = new Map<string, Nearby>();
  if (kind === 'stations' && 'nearbySameName' in store) {
    const rows = values.map((v) => ({ id: v.id!, name: v.name.trim(), lng: v.lng, lat: v.lat }));
    for (const d of await (store as PgStore).nearbySameName(rows, PREVIEW.duplicateRadiusM)) if (!found.has(d.id)) found.set(d.id, d);
    return found;
  }
  for (const v of values) {
    const d = nearbyInListing(listings, kind, v, at);
    if (d) found.set(v.id!, d);
  }
  return found;
}

/** Reads and checks a file against the store and reports what an import would do. Writes nothing. */
export async function previewImport(store: Store, listings: Listings, bytes: Uint8Array, opts: PreviewOptions): Promise<ImportPreview> {
  const parsed = parseImport(bytes, opts);
  const at = opts.now.toISOString();
  const counts = { add: 0, update: 0, unchanged: 0 };
  const items: ImportPreview['items'] = [];
  const warnings = [...parsed.warnings];
  const stored = await storedKeys(store, opts.kind, parsed.rows.map((r) => r.value.id!));
  const duplicates = await likelyDuplicates(store, listings, opts.kind, parsed.rows.map((r) => r.value), opts.now);
  const what = opts.kind === 'stations' ? 'station' : 'merchant';
  for (const [k, { row, value }] of parsed.rows.entries()) {
    const id = value.id!;
    const old = stored[k];
    const action: RowAction = old === undefined ? 'add' : old === importedKey(opts.kind, value, at) ? 'unchanged' : 'update';
    counts[action]++;
    if (items.length < PREVIEW.maxItems) items.push({ row, id, name: value.name, action });
    const dup = duplicates.get(id);
    if (dup) {
      const reason = `likely duplicate of existing ${what} "${dup.existingId}": same name ${Math.round(dup.distance)} m away`;
      warnings.push(rowProblem(row, 'name', 'likely_duplicate_existing', reason, { id: dup.existingId, distance: Math.round(dup.distance) }));
    }
  }
  return {
    ok: parsed.errors.length === 0,
    rows: parsed.rows.length + new Set(parsed.errors.map((e) => e.row)).size,
    added: counts.add, updated: counts.update, unchanged: counts.unchanged,
    errors: parsed.errors,
    warnings: warnings.sort((a, b) => a.row - b.row),
    items,
    itemsTruncated: parsed.rows.length > items.length,
  };
}
