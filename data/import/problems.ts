/**
 * Import problems as stable machine codes with parameters, beside the English `reason` the API
 * and the CLI show: the apps word each code in their own language with their own field labels
 * (web/business/lib/import-problems.ts). A code never changes meaning; add new ones instead.
 */

export const IMPORT_CODES = [
  // the file as a whole
  'file_empty', 'file_no_rows', 'file_binary', 'file_not_table', 'file_same_problem', 'file_not_json', 'file_not_geojson',
  // the CSV header, CSV structure, GeoJSON structure
  'header_missing', 'header_repeated', 'column_ignored', 'property_ignored', 'csv_malformed', 'csv_extra_cells',
  'feature_invalid', 'geometry_missing', 'geometry_not_point', 'geometry_bad',
  // values
  'missing', 'not_text', 'not_number', 'out_of_range', 'lat_lng_swapped', 'unknown_value', 'timezone_unknown',
  'hours_invalid', 'hours_doubtful', 'too_long', 'invalid',
  // rows against each other and the data held
  'id_repeated', 'same_name_and_place', 'likely_duplicate', 'likely_duplicate_existing', 'outside_china',
] as const;
export type ImportCode = (typeof IMPORT_CODES)[number];
export type ImportParams = Record<string, string | number>;

/** One problem of an import: row number as a person counts it in the file, field, reason. */
export interface RowError {
  row: number;
  field: string;
  /** in English (the API's message, the CLI's line) */
  reason: string;
  /** what it is, for the apps to word in their language */
  code?: ImportCode;
  params?: ImportParams;
}

/** What is wrong, as a code (with its params) and in English words. */
export interface Problem {
  code: ImportCode;
  reason: string;
  params?: ImportParams;
}

const CLIP = 60; // characters of a cell's value quoted in a problem at most

/** A cell's value as a problem quotes it: cut at CLIP characters (a broken quote can make a cell of the whole file). */
export const quoted = (v: unknown) => {
  const s = String(v);
  return s.length > CLIP ? `${s.slice(0, CLIP)}…` : s;
};

/** A row problem: where, what (code and params, for the apps) and why (English, for the API and CLI). */
export function rowProblem(row: number, field: string, code: ImportCode, reason: string, params?: ImportParams): RowError {
  return { row, field, reason, code, ...(params ? { params } : {}) };
}
