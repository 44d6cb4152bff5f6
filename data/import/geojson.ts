/**
 * GeoJSON import files: a FeatureCollection of Point features whose properties use the data field
 * names. Row number = feature number (1-based); file-level problems are reported at row 0.
 */
import type { RowError } from '../schema';
import { canonicalField, isKnownField } from './fields';
import type { ImportKind } from './fields';
import { rowProblem, type ImportCode, type ImportParams, type Problem } from './problems';
import type { RawRow, ReadResult } from './rows';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fileError = (code: ImportCode, reason: string, params?: ImportParams): ReadResult =>
  ({ raws: [], errors: [rowProblem(0, 'file', code, reason, params)], warnings: [] });

/** The features of a parsed document, or why it is not a FeatureCollection. */
function featuresOf(doc: unknown): unknown[] | ReadResult {
  if (!isObject(doc)) return fileError('file_not_geojson', 'expected a GeoJSON FeatureCollection object', { got: Array.isArray(doc) ? 'array' : typeof doc });
  if (doc.type === 'Feature') return [doc];
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    const got = typeof doc.type === 'string' ? doc.type : '';
    return fileError('file_not_geojson', `expected a GeoJSON FeatureCollection, got ${got ? `type "${got}"` : 'an object without "type"'}`, { got });
  }
  return doc.features;
}

/** Why a geometry is not a usable Point, or its [lng, lat]. */
function pointOf(geometry: unknown): { lng?: unknown; lat?: unknown; error?: Problem } {
  if (!isObject(geometry)) return { error: { code: 'geometry_missing', reason: 'the feature has no geometry (a Point is required)' } };
  if (geometry.type !== 'Point') {
    const type = String(geometry.type);
    return { error: { code: 'geometry_not_point', reason: `geometry is a ${type}; only Point features can be imported`, params: { type } } };
  }
  const c = geometry.coordinates;
  if (!Array.isArray(c) || c.length < 2) return { error: { code: 'geometry_bad', reason: 'Point coordinates must be [lng, lat]' } };
  if (typeof c[0] !== 'number' || typeof c[1] !== 'number') return { error: { code: 'geometry_bad', reason: 'Point coordinates must be numbers [lng, lat]' } };
  return { lng: c[0], lat: c[1] };
}

/** Properties under canonical names; unknown keys reported once each (at the first feature using them). */
function readProps(raw: unknown, kind: ImportKind, row: number, seen: Set<string>, warnings: RowError[]) {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(isObject(raw) ? raw : {})) {
    const f = canonicalField(key);
    if (f === 'lat' || f === 'lng') continue; // the position comes from the geometry
    if (isKnownField(kind, f)) props[f] = value;
    else if (!seen.has(key)) {
      seen.add(key);
      warnings.push(rowProblem(row, key, 'property_ignored', 'unknown property, ignored'));
    }
  }
  return props;
}

/** Parse GeoJSON text into raw rows keyed by canonical field names. */
export function readGeoJson(text: string, kind: ImportKind): ReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fileError('file_not_json', `is not valid JSON: ${detail}`, { detail });
  }
  const features = featuresOf(doc);
  if (!Array.isArray(features)) return features;
  const raws: RawRow[] = [];
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const seen = new Set<string>();
  features.forEach((feature, i) => {
    const row = i + 1;
    if (!isObject(feature) || feature.type !== 'Feature') {
      errors.push(rowProblem(row, 'feature', 'feature_invalid', 'is not a GeoJSON Feature'));
      return;
    }
    const props = readProps(feature.properties, kind, row, seen, warnings);
    if (props.id === undefined && (typeof feature.id === 'string' || typeof feature.id === 'number')) props.id = feature.id;
    const p = pointOf(feature.geometry);
    raws.push({ row, props, lng: p.lng, lat: p.lat, geometryError: p.error });
  });
  return { raws, errors, warnings };
}
