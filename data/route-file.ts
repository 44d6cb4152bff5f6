/**
 * Route files a driver picks on the phone — GPX tracks, routes or waypoints, KML (two-step apps,
 * Google Earth: line placemarks, gx:Track, else point placemarks), GeoJSON lines — read
 * into one line, and a saved route written back as GPX 1.1. Pure: the XML parser is injected (the
 * browser's DOMParser, @xmldom/xmldom in tests).
 *
 * Positions are taken as WGS-84 [lng, lat] without conversion: GPX and KML are WGS-84 by their
 * specs, and so is GeoJSON (RFC 7946). A file some app wrote in GCJ-02 cannot be told apart and reads as WGS-84.
 */
import { gpx, kml } from '@tmcw/togeojson';
import type { Geometry } from 'geojson';

/** The little of an XML DOM this module reads (the browser's and @xmldom/xmldom's both have it; data/ has no DOM types). */
export interface XmlNode {
  readonly nodeType: number;
  readonly childNodes: ArrayLike<XmlNode>;
  readonly textContent: string | null;
}
export interface XmlElement extends XmlNode {
  readonly localName: string | null;
}
export interface XmlDocument {
  readonly documentElement: XmlElement | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
}

/** XML text to a DOM document; may throw on malformed XML, or return one holding a <parsererror>. */
export type ParseXml = (text: string) => XmlDocument;

/** A route read from a file: its name and its WGS-84 [lng, lat] line (≥ 2 positions). */
export interface RouteFile {
  name: string;
  line: [number, number][];
}

/** Why a file could not be read, for the UI to show a translated message. */
export type RouteFileReason = 'empty' | 'not_xml' | 'no_line' | 'bad_coordinates' | 'too_large' | 'unknown_format';

/** A route file that cannot be read; `message` is English detail for logs, `position` (1-based) the bad point's number. */
export class RouteFileError extends Error {
  constructor(readonly reason: RouteFileReason, message: string, readonly position?: number) {
    super(message);
    this.name = 'RouteFileError';
  }
}

/** Largest text read, in UTF-16 units (20 MiB); a UTF-8 file of at most this many bytes always fits. */
export const MAX_ROUTE_FILE_CHARS = 20 * 1024 * 1024;

type Pos = [number, number];

const fail = (reason: RouteFileReason, message: string, position?: number): never => {
  throw new RouteFileError(reason, message, position);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nameOf = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const elements = (node: XmlNode) => Array.from(node.childNodes).filter((n): n is XmlElement => n.nodeType === 1);
const child = (el: XmlElement, tag: string) => elements(el).find((k) => k.localName === tag);

/** The name and line parts (lists of positions, in order) of a GPX document. */
function readGpx(text: string, parseXml: ParseXml): { name: string; parts: unknown[] } {
  let doc: XmlDocument;
  try {
    doc = parseXml(text);
  } catch (e) {
    return fail('not_xml', `not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const root = doc.documentElement;
  const error = doc.getElementsByTagName('parsererror')[0];
  if (!root || error) return fail('not_xml', `not well-formed XML: ${error?.textContent?.trim().slice(0, 200) ?? 'no root element'}`);
  if (root.localName === 'kml') return readKml(doc);
  if (root.localName !== 'gpx') return fail('unknown_format', `an XML file of <${root.localName}>, not GPX or KML`);
  const top = elements(root);
  // metadata/name (GPX 1.1), gpx/name (GPX 1.0), then the first named rte or trk
  const named = [top.find((k) => k.localName === 'metadata'), root, ...top.filter((k) => k.localName === 'rte' || k.localName === 'trk')];
  const name = named.map((el) => nameOf(el && child(el, 'name')?.textContent)).find(Boolean) ?? '';
  const features = gpx(doc as Parameters<typeof gpx>[0]).features; // togeojson reads the same DOM
  // togeojson yields every trk before every rte; GPX files put rte before trk, so restore file order
  const lines = features
    .filter((f) => f.properties?._gpxType === 'rte' || f.properties?._gpxType === 'trk')
    .sort((a, b) => Number(a.properties?._gpxType === 'trk') - Number(b.properties?._gpxType === 'trk'));
  if (lines.length > 0) return { name, parts: lines.flatMap((f) => lineParts(f.geometry)) };
  const waypoints = features.flatMap((f) => (f.geometry?.type === 'Point' ? [f.geometry.coordinates] : []));
  return { name, parts: [waypoints] };
}

/** The name and line parts of a KML document: its line placemarks in order, else its point placemarks. */
function readKml(doc: XmlDocument): { name: string; parts: unknown[] } {
  const root = doc.documentElement!; // checked by the caller
  const folder = elements(root).find((k) => k.localName === 'Document' || k.localName === 'Folder') ?? root;
  const features = kml(doc as Parameters<typeof kml>[0]).features; // togeojson reads the same DOM
  const lines = features.filter((f) => lineParts(f.geometry).length > 0);
  const name = nameOf(child(folder, 'name')?.textContent) || nameOf(lines[0]?.properties?.name);
  if (lines.length > 0) return { name, parts: lines.flatMap((f) => lineParts(f.geometry)) };
  return { name, parts: [features.flatMap((f) => (f.geometry?.type === 'Point' ? [f.geometry.coordinates] : []))] };
}

/** The line parts of a GeoJSON geometry, or of none when it has no line. */
function lineParts(geometry: Geometry | null): unknown[] {
  if (geometry?.type === 'LineString') return [geometry.coordinates];
  if (geometry?.type === 'MultiLineString') return Array.isArray(geometry.coordinates) ? geometry.coordinates : [geometry.coordinates];
  if (geometry?.type === 'GeometryCollection' && Array.isArray(geometry.geometries)) return geometry.geometries.flatMap(lineParts);
  return [];
}

/** The name and line parts of a GeoJSON document: every line-like feature or geometry, in order. */
function readGeoJson(text: string): { name: string; parts: unknown[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail('unknown_format', `neither GPX nor valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const items = isObject(doc) && doc.type === 'FeatureCollection' && Array.isArray(doc.features) ? doc.features : [doc];
  const lines = items.flatMap((item) => {
    if (!isObject(item)) return [];
    const feature = item.type === 'Feature';
    const parts = lineParts((feature ? item.geometry : item) as Geometry | null);
    return parts.length > 0 ? [{ name: nameOf(feature && isObject(item.properties) && item.properties.name), parts }] : [];
  });
  return { name: lines.map((l) => l.name).find(Boolean) ?? '', parts: lines.flatMap((l) => l.parts) };
}

/** The parts joined into one line, consecutive duplicates dropped; every position must be valid. */
function joinParts(parts: unknown[]): Pos[] {
  const line: Pos[] = [];
  let index = 0;
  for (const part of parts) {
    for (const p of Array.isArray(part) ? part : [part]) {
      index++;
      const [lng, lat] = Array.isArray(p) ? p : [];
      if (!(typeof lng === 'number' && typeof lat === 'number' && Math.abs(lng) <= 180 && Math.abs(lat) <= 85)) {
        fail('bad_coordinates', `position ${index} (${Array.isArray(p) ? p.join(', ') : String(p)}) is not a longitude within ±180 and latitude within ±85`, index);
      }
      const last = line[line.length - 1];
      if (!last || last[0] !== lng || last[1] !== lat) line.push([lng, lat]);
    }
  }
  return line;
}

/**
 * Read a route file whatever its extension: text starting with `<` (after a BOM or blank space) is
 * GPX or KML (see readKml) — for GPX all routes and tracks (every segment) joined in file order into one line, or, when it
 * has none, its waypoints in order; text starting with `{` is GeoJSON — every LineString and
 * MultiLineString (bare, in a Feature, FeatureCollection or GeometryCollection) joined in order.
 * The name is the GPX metadata name or first route/track name, the first line feature's
 * `properties.name`, or else the file name without its extension.
 * @throws RouteFileError
 */
export function parseRouteFile(text: string, fileName: string, parseXml: ParseXml): RouteFile {
  if (text.length > MAX_ROUTE_FILE_CHARS) fail('too_large', `${fileName} is larger than 20 MB`);
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body === '') fail('empty', `${fileName} is empty`);
  const read =
    body[0] === '<' ? readGpx(body, parseXml)
    : body[0] === '{' ? readGeoJson(body)
    : fail('unknown_format', `${fileName} is neither GPX nor GeoJSON`);
  const line = joinParts(read.parts);
  if (line.length < 2) fail('no_line', `${fileName} has no line of at least two distinct positions`);
  return { name: read.name || fileName.replace(/(.)\.[^.]*$/, '$1'), line };
}

/** A stop written as a GPX waypoint. */
export interface GpxStop {
  name: string;
  lng: number;
  lat: number;
  description?: string;
}

const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe in XML 1.0 content and attributes; line breaks as references, which parsers keep as they are. */
const esc = (s: string) =>
  s.replace(ILLEGAL_XML, '').replace(/[&<>"'\r\u0085\u2028\u2029]/g, (c) => ENTITIES[c] ?? `&#x${c.charCodeAt(0).toString(16)};`);

const at = (lng: number, lat: number) => `lat="${lat.toFixed(6)}" lon="${lng.toFixed(6)}"`;

/**
 * A route as GPX 1.1 (creator "Yizhan", WGS-84, 6 decimals ≈ 0.1 m): metadata name and time, one
 * waypoint per stop, and the line as one track segment. Characters XML 1.0 forbids are dropped.
 */
export function toGpx(route: { name: string; line: [number, number][]; stops: GpxStop[]; createdAt?: Date }): string {
  const time = Number.isFinite(route.createdAt?.getTime()) ? `<time>${route.createdAt!.toISOString()}</time>` : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="Yizhan" xmlns="http://www.topografix.com/GPX/1/1">',
    `  <metadata><name>${esc(route.name)}</name>${time}</metadata>`,
    ...route.stops.map((s) =>
      `  <wpt ${at(s.lng, s.lat)}><name>${esc(s.name)}</name>${s.description ? `<desc>${esc(s.description)}</desc>` : ''}</wpt>`),
    `  <trk><name>${esc(route.name)}</name><trkseg>`,
    ...route.line.map(([lng, lat]) => `    <trkpt ${at(lng, lat)}/>`),
    '  </trkseg></trk>',
    '</gpx>',
    '',
  ].join('\n');
}
