/**
 * GeoJSON import files: a FeatureCollection of Point features whose properties use the data field
 * names. Row number = feature number (1-based); file-level problems are reported at row 0.
 */
import type { RowError } from '../schema';
import { canonicalField, isKnownField } from './fields';
import type { ImportKind } from './fields';
import type { RawRow, ReadResult } from './rows';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fileError = (reason: string): ReadResult => ({ raws: [], errors: [{ row: 0, field: 'file', reason }], warnings: [] });

/** The features of a parsed document, or a reason it is not a FeatureCollection. */
function featuresOf(doc: unknown): unknown[] | string {
  if (!isObject(doc)) return 'expected a GeoJSON FeatureCollection object';
  if (doc.type === 'Feature') return [doc];
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    return `expected a GeoJSON FeatureCollection, got ${typeof doc.type === 'string' ? `type "${doc.type}"` : 'an object without "type"'}`;
  }
  return doc.features;
}

/** Why a geometry is not a usable Point, or its [lng, lat]. */
function pointOf(geometry: unknown): { lng?: unknown; lat?: unknown; error?: string } {
  if (!isObject(geometry)) return { error: 'the feature has no geometry (a Point is required)' };
  if (geometry.type !== 'Point') return { error: `geometry is a ${String(geometry.type)}; only Point features can be imported` };
  const c = geometry.coordinates;
  if (!Array.isArray(c) || c.length < 2) return { error: 'Point coordinates must be [lng, lat]' };
  if (typeof c[0] !== 'number' || typeof c[1] !== 'number') return { error: 'Point coordinates must be numbers [lng, lat]' };
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
      warnings.push({ row, field: key, reason: 'unknown property, ignored' });
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
    return fileError(`is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const features = featuresOf(doc);
  if (typeof features === 'string') return fileError(features);
  const raws: RawRow[] = [];
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const seen = new Set<string>();
  features.forEach((feature, i) => {
    const row = i + 1;
    if (!isObject(feature) || feature.type !== 'Feature') {
      errors.push({ row, field: 'feature', reason: 'is not a GeoJSON Feature' });
      return;
    }
    const props = readProps(feature.properties, kind, row, seen, warnings);
    if (props.id === undefined && (typeof feature.id === 'string' || typeof feature.id === 'number')) props.id = feature.id;
    const p = pointOf(feature.geometry);
    raws.push({ row, props, lng: p.lng, lat: p.lat, geometryError: p.error });
  });
  return { raws, errors, warnings };
}
