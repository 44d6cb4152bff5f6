/**
 * One import row, whatever file it came from, to a validated StationInput/MerchantInput: text
 * cleaned, catalogue labels mapped to keys, hours and ranges checked, position converted from the
 * declared system to WGS-84 (7 decimals), id derived when absent. Every problem is reported.
 */
import { z } from 'zod';
import { AMENITIES, MERCHANT_CATEGORIES, STATION_TYPES } from '../catalog';
import type { Crs } from '../catalog';
import { toWgs84 } from '../crs';
import { hoursWarnings, validateHours } from '../hours';
import { idSchema, merchantSchema, stationSchema } from '../schema';
import type { MerchantInput, RowError, StationInput } from '../schema';
import { lookupKey, splitList, statusesOf, TEXT_FIELDS, unknownValueReason } from './fields';
import type { ImportKind } from './fields';
import { deriveId } from './ids';
import { quoted, rowProblem, type ImportCode, type ImportParams, type Problem } from './problems';

/** A row as a reader hands it over: canonical field names, raw values, 1-based row number. */
export interface RawRow {
  row: number;
  props: Record<string, unknown>;
  lng?: unknown;
  lat?: unknown;
  /** Set by the GeoJSON reader when the feature has no usable Point geometry. */
  geometryError?: Problem;
}
/** What a file reader returns: raw rows plus file-level and structural problems. */
export interface ReadResult {
  raws: RawRow[];
  errors: RowError[];
  warnings: RowError[];
}
export type ImportValue = StationInput | MerchantInput;
export interface RowResult {
  value?: ImportValue;
  /** True when the row had no id and `value.id` was derived from name and position. */
  idDerived?: boolean;
  errors: RowError[];
  warnings: RowError[];
}

const omitted = { id: true, status: true, updated_at: true, lat: true, lng: true } as const;
const SCHEMAS = {
  stations: stationSchema.omit(omitted).extend({ id: idSchema.optional(), status: stationSchema.shape.status.optional() }),
  merchants: merchantSchema.omit({ ...omitted, offers: true, owner_id: true, reason: true })
    .extend({ id: idSchema.optional(), status: merchantSchema.shape.status.optional() }),
};
const DEFAULTS = { type: 'union_station', category: 'other' } as const; // used when the column is absent or empty

/** Records a problem of a field of the row being read. */
type Err = (field: string, code: ImportCode, reason: string, params?: ImportParams) => void;

/** Whether the runtime knows an IANA time zone name. */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/** Text of a cell: strings trimmed, numbers as written; undefined when empty; an error for anything else. */
function cellText(v: unknown): string | undefined | Error {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return new Error('must be text');
  return v.trim() || undefined;
}

/** Free-text fields and status into `out`. */
function readText(kind: ImportKind, props: Record<string, unknown>, out: Record<string, unknown>, err: Err) {
  for (const f of [...TEXT_FIELDS, 'status']) {
    if (kind === 'merchants' && f === 'operator') continue;
    const v = cellText(props[f]);
    if (v instanceof Error) err(f, 'not_text', v.message);
    else if (v !== undefined) out[f] = v;
  }
  if (typeof out.status === 'string') {
    const s = out.status.toLowerCase();
    if (statusesOf(kind).includes(s)) out.status = s;
    else err('status', 'unknown_value', `unknown status "${quoted(out.status)}"; allowed: ${statusesOf(kind).join(', ')}`, { value: quoted(out.status) });
  }
}

/** Catalogue fields (type and amenities, or category) into `out`, accepting keys and labels. */
function readCatalogue(kind: ImportKind, props: Record<string, unknown>, out: Record<string, unknown>, err: Err) {
  const one = (field: 'type' | 'category', entries: typeof STATION_TYPES | typeof MERCHANT_CATEGORIES) => {
    const v = cellText(props[field]);
    if (v instanceof Error) return err(field, 'not_text', v.message);
    const key = v === undefined ? DEFAULTS[field] : lookupKey(entries, v);
    if (key) out[field] = key;
    else err(field, 'unknown_value', unknownValueReason(field, quoted(v)), { value: quoted(v) });
  };
  if (kind === 'merchants') return one('category', MERCHANT_CATEGORIES);
  one('type', STATION_TYPES);
  const keys = new Set<string>();
  for (const item of splitList(props.amenities ?? [])) {
    const key = typeof item === 'string' ? lookupKey(AMENITIES, item) : undefined;
    if (key) keys.add(key);
    else err('amenities', 'unknown_value', unknownValueReason('amenities', quoted(item)), { value: quoted(item) });
  }
  out.amenities = AMENITIES.map((e) => e.key).filter((k) => keys.has(k)); // catalogue order
}

/** A coordinate from a number or numeric text, range-checked; the problem otherwise. */
function coordinate(v: unknown, field: 'lat' | 'lng'): number | Problem {
  const text = cellText(v);
  if (text === undefined) return { code: 'missing', reason: 'is missing' };
  const x = typeof v === 'number' ? v : text instanceof Error ? NaN : Number(text);
  const example = field === 'lat' ? '39.9087' : '116.3975';
  if (!Number.isFinite(x)) return { code: 'not_number', reason: `"${quoted(v)}" is not a number (use decimal degrees, e.g. ${example})`, params: { value: quoted(v), example } };
  const max = field === 'lat' ? 90 : 180;
  if (Math.abs(x) <= max) return x;
  const swapped = field === 'lat' && Math.abs(x) <= 180;
  const reason = `${x} is out of range (−${max} to ${max})${swapped ? '; are lat and lng swapped?' : ''}`;
  return { code: swapped ? 'lat_lng_swapped' : 'out_of_range', reason, params: { value: x, max } };
}

/** Validate and normalise one row; `value` is set only when the row has no errors. */
export function validateRow(raw: RawRow, kind: ImportKind, crs: Crs): RowResult {
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const err: Err = (field, code, reason, params) => void errors.push(rowProblem(raw.row, field, code, reason, params));
  const out: Record<string, unknown> = {};
  readText(kind, raw.props, out, err);
  readCatalogue(kind, raw.props, out, err);
  if (out.name === undefined) err('name', 'missing', 'is missing');
  if (typeof out.timezone === 'string' && !isTimeZone(out.timezone)) {
    err('timezone', 'timezone_unknown', `unknown time zone "${quoted(out.timezone)}" (use an IANA name such as Asia/Shanghai)`, { value: quoted(out.timezone) });
  }
  const hours = out.opening_hours;
  if (typeof hours === 'string') {
    const reason = validateHours(hours);
    if (reason) err('opening_hours', 'hours_invalid', reason, { value: quoted(hours) });
    else for (const w of hoursWarnings(hours).slice(0, 1)) warnings.push(rowProblem(raw.row, 'opening_hours', 'hours_doubtful', `accepted, but: ${w}`, { value: quoted(hours) }));
  }
  const pos = readPosition(raw, err);
  const parsed = SCHEMAS[kind].safeParse(out);
  if (!parsed.success) for (const issue of parsed.error.issues) addIssue(issue, errors, err);
  if (errors.length || !pos || !parsed.success) return { errors, warnings };
  const [lng, lat] = toWgs84(pos, crs).map(round7);
  const data = parsed.data as Omit<ImportValue, 'lat' | 'lng'>;
  const idDerived = data.id === undefined;
  const value = { ...data, id: data.id ?? deriveId(kind, data.name, lng, lat), lng, lat } as ImportValue;
  if (!inChina(lng, lat)) warnings.push(rowProblem(raw.row, 'lat', 'outside_china', `position ${lat}, ${lng} is outside China; check lat/lng and the coordinate system`, { lat, lng }));
  return { value, idDerived, errors, warnings };
}

function readPosition(raw: RawRow, err: Err): [number, number] | undefined {
  if (raw.geometryError) return void err('geometry', raw.geometryError.code, raw.geometryError.reason, raw.geometryError.params);
  const lat = coordinate(raw.lat, 'lat');
  const lng = coordinate(raw.lng, 'lng');
  if (typeof lat !== 'number') err('lat', lat.code, lat.reason, lat.params);
  if (typeof lng !== 'number') err('lng', lng.code, lng.reason, lng.params);
  return typeof lat === 'number' && typeof lng === 'number' ? [lng, lat] : undefined;
}

/** A zod issue as a row error, unless that field already has one (ours are clearer). */
function addIssue(issue: z.core.$ZodIssue, errors: RowError[], err: Err) {
  const field = String(issue.path[0] ?? 'row');
  if (errors.some((e) => e.field === field)) return;
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') err(field, 'too_long', issue.message, { max: issue.maximum });
  else err(field, 'invalid', issue.message);
}

const inChina = (lng: number, lat: number) => lng >= 73 && lng <= 136 && lat >= 3 && lat <= 54;
