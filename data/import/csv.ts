/**
 * CSV import files (papaparse): a header row of field names, then one row per record. Row numbers
 * are what a spreadsheet shows: the header is row 1, the first record row 2 (blank rows count,
 * and are skipped).
 */
import Papa from 'papaparse';
import { restoreCell } from '../csv-cells';
import type { RowError } from '../schema';
import { canonicalField, isKnownField } from './fields';
import type { ImportKind } from './fields';
import { rowProblem } from './problems';
import type { RawRow, ReadResult } from './rows';

const REQUIRED = ['name', 'lat', 'lng'];

/** The delimiter the header row uses: comma, else tab, else semicolon (never guessed from data rows). */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return [',', '\t', ';'].find((d) => header.includes(d)) ?? ',';
}

/** Canonical field per column, with errors (missing/duplicate columns) and warnings (ignored columns). */
function readHeader(cells: string[], kind: ImportKind, row: number): { fields: (string | null)[]; known: number; errors: RowError[]; warnings: RowError[] } {
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const seen = new Set<string>();
  const fields = cells.map((cell) => {
    const f = canonicalField(cell);
    if (!cell.trim()) return null;
    if (!isKnownField(kind, f)) {
      warnings.push(rowProblem(row, cell.trim(), 'column_ignored', 'unknown column, ignored'));
      return null;
    }
    if (seen.has(f)) errors.push(rowProblem(row, f, 'header_repeated', `column "${cell.trim()}" appears twice`, { column: cell.trim() }));
    seen.add(f);
    return f;
  });
  const missing = REQUIRED.filter((f) => !seen.has(f));
  if (missing.length) {
    const reason = `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (the header needs name, lat and lng; latitude/longitude and lon are accepted too)`;
    errors.push(rowProblem(row, 'header', 'header_missing', reason, { columns: missing.join(',') }));
  }
  return { fields, known: seen.size, errors, warnings };
}

const isBlank = (cells: string[]) => cells.every((c) => !c.trim());

/**
 * papaparse's errors, one per row: an unclosed quote makes the rest of the file one cell, and
 * papaparse repeats its complaint for every quote inside it (thousands, all on one row) — the
 * unclosed quote, when it is among them, is the one that says what to fix.
 */
function parseErrors(list: Papa.ParseError[]): RowError[] {
  const byRow = new Map<number, Papa.ParseError>();
  for (const e of list) {
    const row = (e.row ?? 0) + 1;
    if (!byRow.has(row) || e.code === 'MissingQuotes') byRow.set(row, e);
  }
  return [...byRow].map(([row, e]) => rowProblem(row, 'csv', 'csv_malformed', e.message, { detail: e.code }));
}

/** The file's first row names none of the fields (name, lat, lng …): not a table of stations or shops. */
const notATable = () => rowProblem(0, 'file', 'file_not_table',
  'is not a table of places: its first row names none of the known columns (name, lat, lng …); upload a CSV or GeoJSON file');

/** Parse CSV text into raw rows keyed by canonical field names. */
export function readCsv(text: string, kind: ImportKind): ReadResult {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter: delimiterOf(text) });
  const records = parsed.data;
  const headerAt = records.findIndex((r) => !isBlank(r));
  if (headerAt < 0) return { raws: [], errors: [rowProblem(1, 'file', 'file_empty', 'the file is empty')], warnings: [] };
  const header = readHeader(records[headerAt], kind, headerAt + 1);
  const raws: RawRow[] = [];
  // a header without a single known column: not a table of ours (the rest of the file is not read)
  // (its column names are listed when they are few: a table with other names, not a random file)
  if (header.known === 0) return { raws, errors: [notATable()], warnings: header.warnings.length <= 20 ? header.warnings : [] };
  if (header.errors.length) return { raws, errors: header.errors, warnings: header.warnings };
  const errors = parseErrors(parsed.errors);
  for (let i = headerAt + 1; i < records.length; i++) {
    const cells = records[i];
    if (isBlank(cells)) continue;
    if (cells.length > header.fields.length) {
      const reason = `has ${cells.length} cells but the header has ${header.fields.length} columns (an unquoted comma in a value?)`;
      errors.push(rowProblem(i + 1, 'csv', 'csv_extra_cells', reason, { cells: cells.length, columns: header.fields.length }));
    }
    raws.push(toRaw(i + 1, cells, header.fields));
  }
  return { raws, errors, warnings: header.warnings };
}

function toRaw(row: number, cells: string[], fields: (string | null)[]): RawRow {
  const props: Record<string, unknown> = {};
  fields.forEach((f, j) => {
    if (f && cells[j] !== undefined) props[f] = restoreCell(cells[j]); // our exports' formula guard off
  });
  const { lat, lng, ...rest } = props;
  return { row, props: rest, lat, lng };
}
