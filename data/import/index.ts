/**
 * Import files (CSV or GeoJSON) to validated rows plus a per-row report. Pure: the API and the CLI
 * decide what to write (all or nothing); this only reads, checks and normalises.
 */
import type { Crs } from '../catalog';
import type { RowError } from '../schema';
import { readCsv } from './csv';
import { decodeText } from './decode';
import { findLikelyDuplicates } from './duplicates';
import type { ImportKind } from './fields';
import { readGeoJson } from './geojson';
import { binaryFile, looksBinary, sameStructuralProblem } from './not-a-table';
import { rowProblem } from './problems';
import { validateRow } from './rows';
import type { ImportValue, ReadResult } from './rows';

export { decodeText } from './decode';
export { deriveId, fnv1a64 } from './ids';
export { findLikelyDuplicates } from './duplicates';
export { IMPORT_CODES, rowProblem } from './problems';
export type { ImportCode, ImportParams } from './problems';
export type { DuplicateCandidate, DuplicateHint } from './duplicates';
export type { ImportKind } from './fields';
export type { ImportValue } from './rows';

export type ImportFormat = 'csv' | 'geojson';
export interface ImportOptions {
  kind: ImportKind;
  /** Coordinate system the file's positions are in; they are converted to WGS-84. */
  crs: Crs;
  filename?: string;
  format?: ImportFormat;
}
export interface ImportParse {
  /** Rows that passed validation (all of them are to be written only if `errors` is empty). */
  rows: Array<{ row: number; value: ImportValue }>;
  /** Problems that block the import; row 0 = the file as a whole (GeoJSON), row 1 = the CSV header. */
  errors: RowError[];
  /** Things worth a look that do not block the import (likely duplicates, ignored columns …). */
  warnings: RowError[];
}

/** The format named by the option, else the file extension, else the content ('{' or '[' → GeoJSON). */
export function detectFormat(text: string, opts: { filename?: string; format?: ImportFormat }): ImportFormat {
  if (opts.format) return opts.format;
  const ext = opts.filename?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  return /^\s*[{[]/.test(text) ? 'geojson' : 'csv';
}

/** Errors for ids used twice (given or derived), reported on the later row. */
function duplicateIds(rows: ImportParse['rows'], derived: Set<number>): RowError[] {
  const first = new Map<string, number>();
  const errors: RowError[] = [];
  for (const { row, value } of rows) {
    const other = first.get(value.id!);
    if (other === undefined) first.set(value.id!, row);
    else if (!derived.has(row) || !derived.has(other)) errors.push(rowProblem(row, 'id', 'id_repeated', `id "${value.id}" is already used by row ${other}`, { id: value.id!, other }));
    else errors.push(rowProblem(row, 'id', 'same_name_and_place', `same name and position as row ${other} (their derived ids are equal); remove one or give both an id`, { other }));
  }
  return errors;
}

const byRow = (a: RowError, b: RowError) => a.row - b.row;

/** Read an import file: decode, parse, validate every row, and report every problem found. */
export function parseImport(bytes: Uint8Array, opts: ImportOptions): ImportParse {
  const fileOnly = (e: RowError): ImportParse => ({ rows: [], errors: [e], warnings: [] });
  if (looksBinary(bytes)) return fileOnly(binaryFile(bytes));
  const text = decodeText(bytes);
  if (!text.trim()) return fileOnly(rowProblem(0, 'file', 'file_empty', 'the file is empty'));
  const read: ReadResult = detectFormat(text, opts) === 'csv' ? readCsv(text, opts.kind) : readGeoJson(text, opts.kind);
  const errors = [...read.errors];
  const warnings = [...read.warnings];
  if (!errors.length && !read.raws.length) errors.push(rowProblem(0, 'file', 'file_no_rows', 'has no rows to import'));
  const rows: ImportParse['rows'] = [];
  const derived = new Set<number>();
  for (const raw of read.raws) {
    const r = validateRow(raw, opts.kind, opts.crs);
    errors.push(...r.errors);
    warnings.push(...r.warnings);
    if (!r.value) continue;
    rows.push({ row: raw.row, value: r.value });
    if (r.idDerived) derived.add(raw.row);
  }
  errors.push(...duplicateIds(rows, derived));
  const same = sameStructuralProblem(errors, read.raws.length);
  if (same) return fileOnly(same);
  const dupes = findLikelyDuplicates(rows.map(({ row, value }) => ({ row, name: value.name, lng: value.lng, lat: value.lat })));
  warnings.push(...dupes.map(({ other: _o, distance: _d, ...problem }) => problem));
  return { rows, errors: errors.sort(byRow), warnings: warnings.sort(byRow) };
}
