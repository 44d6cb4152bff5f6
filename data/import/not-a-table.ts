/**
 * Files that are not a table of places at all — an Excel workbook, a PDF, a photo, or text whose
 * rows all break the same way — get one clear file error instead of thousands of row errors.
 */
import type { RowError } from '../schema';
import { rowProblem, type ImportCode } from './problems';

const SNIFF = {
  bytes: 64 * 1024, // how much of the start is looked at for binary content
  controlShare: 0.01, // control bytes (other than tab, CR, LF, FF) above this share: binary
  minRows: 20, // a structural problem in at least this many rows …
  rowShare: 0.8, // … and in at least this share of them: the file is not a table
};

/** File signatures people upload by mistake, and what to call them. */
const SIGNATURES: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'zip'], // .xlsx, .docx, .zip
  [[0xd0, 0xcf, 0x11, 0xe0], 'xls'], // legacy Office
  [[0x25, 0x50, 0x44, 0x46], 'pdf'],
  [[0x89, 0x50, 0x4e, 0x47], 'image'], [[0xff, 0xd8, 0xff], 'image'], [[0x47, 0x49, 0x46, 0x38], 'image'],
  [[0x1f, 0x8b], 'gzip'],
];
/** Problems of a file's structure (not of a value): many rows with one of these means it is not a table. */
const STRUCTURAL: readonly ImportCode[] = ['csv_malformed', 'csv_extra_cells', 'feature_invalid', 'geometry_missing', 'geometry_not_point', 'geometry_bad'];

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** What binary file this is ('zip', 'pdf', 'binary' …), or undefined for text. */
export function binaryKind(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return undefined; // UTF-16 text with its BOM
  const known = SIGNATURES.find(([sig]) => startsWith(bytes, sig));
  if (known) return known[1];
  const head = bytes.subarray(0, SNIFF.bytes);
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'binary';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > head.length * SNIFF.controlShare ? 'binary' : undefined;
}

/** True when the bytes are not text (a workbook, PDF, image, archive …). */
export const looksBinary = (bytes: Uint8Array) => binaryKind(bytes) !== undefined;

/** The one error for a binary upload. */
export function binaryFile(bytes: Uint8Array): RowError {
  const kind = binaryKind(bytes) ?? 'binary';
  const what = kind === 'zip' ? 'an Excel .xlsx workbook or a ZIP archive' : kind === 'xls' ? 'an Excel .xls workbook' : kind === 'pdf' ? 'a PDF' : kind === 'image' ? 'an image' : kind === 'gzip' ? 'a compressed file' : 'binary data';
  return rowProblem(0, 'file', 'file_binary', `is not a CSV or GeoJSON file (it looks like ${what}); save the sheet as "CSV UTF-8" and upload that`, { kind });
}

/**
 * One file error when most rows break the same structural way (a file that is not CSV/GeoJSON),
 * else undefined and every row's problem is reported as usual.
 */
export function sameStructuralProblem(errors: readonly RowError[], dataRows: number): RowError | undefined {
  const rowsBy = new Map<ImportCode, RowError[]>();
  for (const e of errors) {
    if (!e.code || !STRUCTURAL.includes(e.code)) continue;
    const list = rowsBy.get(e.code) ?? [];
    if (list.at(-1)?.row !== e.row) list.push(e);
    rowsBy.set(e.code, list);
  }
  for (const [code, list] of rowsBy) {
    const total = Math.max(dataRows, list.length);
    if (list.length < SNIFF.minRows || list.length < total * SNIFF.rowShare) continue;
    const first = list[0];
    const reason = `is not a CSV or GeoJSON table of places: ${list.length} of ${total} rows fail the same way (row ${first.row}: ${first.reason})`;
    return rowProblem(0, 'file', 'file_same_problem', reason, { ...first.params, same: code, rows: list.length, total, first: first.row });
  }
  return undefined;
}
