/**
 * Exports of stations and merchants in the import formats (GeoJSON, CSV), so an export can be
 * edited in a spreadsheet and imported again. CSV is UTF-8 with a BOM: Excel on a Chinese Windows
 * then opens it as UTF-8 instead of guessing GB18030. Text cells that a spreadsheet would run as a
 * formula are neutralised (data/csv-cells.ts); the CSV importer reads them back unchanged.
 */
import Papa from 'papaparse';
import { neutraliseCell } from '../../data/csv-cells';
import type { Merchant, Station } from '../../data/schema';
import type { Store } from '../store/port';

export type ExportKind = 'stations' | 'merchants';
export type ExportFormat = 'geojson' | 'csv';

/** Columns in file order; the position goes into lat/lng (CSV) or the geometry (GeoJSON). */
const COLUMNS: Record<ExportKind, readonly string[]> = {
  stations: [
    'id', 'name', 'type', 'lat', 'lng', 'address', 'province', 'city', 'district', 'phone', 'operator',
    'opening_hours', 'amenities', 'status', 'notes', 'timezone', 'verified_at',
  ],
  merchants: [
    'id', 'name', 'category', 'lat', 'lng', 'address', 'province', 'city', 'district', 'phone',
    'opening_hours', 'status', 'notes', 'timezone',
  ],
};

export interface ExportFile {
  body: string;
  contentType: string;
  filename: string;
  count: number;
}

type Row = Record<string, unknown>;

/** The records of a kind as plain rows (every live station; merchants in every status, no offers). */
async function records(store: Store, kind: ExportKind): Promise<Row[]> {
  if (kind === 'stations') return (await store.stationChanges(0)).upserts.map((doc) => JSON.parse(doc) as Station);
  return (await store.allMerchants()).map(({ offers: _o, owner_id: _w, reason: _r, ...m }: Merchant) => m);
}

function toCsv(rows: Row[], columns: readonly string[]): string {
  // text cells are neutralised against formula injection; numbers (positions) stay numbers
  const cell = (v: unknown) => (Array.isArray(v) ? neutraliseCell(v.join(';')) : typeof v === 'string' ? neutraliseCell(v) : (v ?? ''));
  const data = rows.map((r) => columns.map((k) => cell(r[k])));
  return '\uFEFF' + Papa.unparse({ fields: [...columns], data }, { newline: '\r\n' });
}

function toGeoJson(rows: Row[], columns: readonly string[]): string {
  const features = rows.map((r) => {
    const properties: Row = {};
    for (const k of columns) if (k !== 'lat' && k !== 'lng' && r[k] !== undefined) properties[k] = r[k];
    return { type: 'Feature', geometry: { type: 'Point', coordinates: [r.lng, r.lat] }, properties };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** One export file of a kind in a format, named with the day it was made. */
export async function exportFile(store: Store, kind: ExportKind, format: ExportFormat, now: Date): Promise<ExportFile> {
  const rows = await records(store, kind);
  const day = now.toISOString().slice(0, 10);
  const csv = format === 'csv';
  return {
    body: csv ? toCsv(rows, COLUMNS[kind]) : toGeoJson(rows, COLUMNS[kind]),
    contentType: csv ? 'text/csv; charset=utf-8' : 'application/geo+json; charset=utf-8',
    filename: `yizhan-${kind}-${day}.${csv ? 'csv' : 'geojson'}`,
    count: rows.length,
  };
}
