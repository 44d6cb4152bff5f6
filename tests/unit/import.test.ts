import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { haversine } from '../../data/geo/haversine';
import { decodeText, deriveId, detectFormat, findLikelyDuplicates, fnv1a64, parseImport } from '../../data/import';
import type { ImportOptions } from '../../data/import';
import type { StationInput } from '../../data/schema';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const stations: ImportOptions = { kind: 'stations', crs: 'wgs84' };

/** True WGS-84 positions of the fixture stations. */
const TRUTH: [number, number][] = [[116.3975, 39.9087], [121.4737, 31.2304], [113.2644, 23.1291]];

const point = (coordinates: unknown, properties: Record<string, unknown>) =>
  ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties });
const collection = (...features: unknown[]) => utf8(JSON.stringify({ type: 'FeatureCollection', features }));

describe('GeoJSON import', () => {
  it('reads a good WGS-84 file', () => {
    const r = parseImport(fixture('stations-wgs84.geojson'), { ...stations, filename: 'stations-wgs84.geojson' });
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.row)).toEqual([1, 2, 3]);
    const [a, b, c] = r.rows.map((x) => x.value as StationInput);
    expect(a).toMatchObject({
      id: 'bj-001', name: '天安门东工会驿站', type: 'union_station', lng: 116.3975, lat: 39.9087,
      opening_hours: '24/7', amenities: ['drinking_water', 'toilet', 'microwave'], status: 'open',
      province: '北京市', operator: '东城区总工会',
    });
    expect(b.amenities).toEqual(['drinking_water', 'phone_charging', 'ebike_charging']); // mixed labels, ';'
    expect(b.id).toBe(deriveId('stations', b.name, b.lng, b.lat));
    expect(c).toMatchObject({ type: 'driver_home', amenities: [] }); // '司机之家'
    expect(c).not.toHaveProperty('address'); // empty text fields are omitted
  });

  it('converts a GCJ-02 file to within 1 m of the true WGS-84 positions', () => {
    const r = parseImport(fixture('stations-gcj02.geojson'), { kind: 'stations', crs: 'gcj02' });
    expect(r.errors).toEqual([]);
    r.rows.forEach(({ value }, i) => {
      expect(haversine(value.lng, value.lat, ...TRUTH[i])).toBeLessThan(1);
      expect(value.lng).toBe(Math.round(value.lng * 1e7) / 1e7); // 7 decimals
    });
  });

  it('reports bad features with their feature numbers and fields', () => {
    const r = parseImport(collection(
      point([116.4, 39.9], { name: 'OK' }),
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[116, 39], [117, 40]] }, properties: { name: 'Line' } },
      { type: 'Feature', geometry: null, properties: { name: 'Nowhere' } },
      point([116.4, 95], { name: 'Too far north' }),
      point([116.5, 39.9], { type: 'castle', opening_hours: 'whenever', amenities: ['饮用水', 'sauna'] }),
      point(['116.4', 39.9], { name: 'Text coordinates', phone: { n: 1 } }),
    ), stations);
    const got = r.errors.map((e) => [e.row, e.field]);
    expect(got).toEqual([
      [2, 'geometry'], [3, 'geometry'], [4, 'lat'],
      [5, 'type'], [5, 'amenities'], [5, 'name'], [5, 'opening_hours'],
      [6, 'phone'], [6, 'geometry'],
    ].sort((a, b) => (a[0] as number) - (b[0] as number)));
    expect(r.rows.map((x) => x.row)).toEqual([1]);
    const reason = (row: number, field: string) => r.errors.find((e) => e.row === row && e.field === field)!.reason;
    expect(reason(2, 'geometry')).toMatch(/LineString.*Point/);
    expect(reason(4, 'lat')).toMatch(/out of range/);
    expect(reason(5, 'type')).toMatch(/castle.*union_station.*工会驿站/);
    expect(reason(5, 'amenities')).toMatch(/sauna.*drinking_water/);
    expect(reason(5, 'opening_hours')).toMatch(/opening_hours/);
  });

  it('rejects files that are not a FeatureCollection, and empty ones', () => {
    expect(parseImport(utf8('{"type":"Point","coordinates":[1,2]}'), stations).errors).toMatchObject([
      { row: 0, field: 'file', reason: expect.stringMatching(/FeatureCollection/) },
    ]);
    expect(parseImport(utf8('{ "type": "FeatureCollection", "features": [ '), stations).errors[0].reason).toMatch(/JSON/);
    expect(parseImport(collection(), stations).errors).toMatchObject([{ row: 0, field: 'file', reason: 'has no rows to import' }]);
    expect(parseImport(new Uint8Array(), stations).errors).toMatchObject([{ row: 0, field: 'file', reason: 'the file is empty' }]);
  });

  it('uses the feature id when properties have none, and warns about unknown properties once', () => {
    const r = parseImport(collection(
      { ...point([116.4, 39.9], { name: 'A', colour: 'red' }), id: 'fid-1' },
      point([116.5, 39.9], { name: 'B', colour: 'blue' }),
    ), stations);
    expect(r.rows[0].value.id).toBe('fid-1');
    expect(r.warnings).toMatchObject([{ row: 1, field: 'colour', reason: 'unknown property, ignored' }]);
  });

  it('imports merchants with categories given as keys or Chinese labels', () => {
    const r = parseImport(collection(
      point([116.4, 39.9], { name: '老王汽修', category: '汽车维修', opening_hours: 'Mo-Sa 08:00-19:00' }),
      point([116.41, 39.9], { name: '好药房', category: 'pharmacy', phone: 13800138000 }),
      point([116.42, 39.9], { name: '无类别' }),
      point([116.43, 39.9], { name: '坏类别', category: 'spaceships', amenities: ['toilet'] }),
    ), { kind: 'merchants', crs: 'wgs84' });
    expect(r.rows.map((x) => x.value)).toMatchObject([
      { name: '老王汽修', category: 'vehicle_repair' },
      { name: '好药房', category: 'pharmacy', phone: '13800138000' },
      { name: '无类别', category: 'other' },
    ]);
    expect(r.rows[0].value.id).toMatch(/^m_[0-9a-z]{13}$/);
    expect(r.errors).toMatchObject([{ row: 4, field: 'category', reason: expect.stringMatching(/spaceships.*auto_parts/) }]);
    expect(r.warnings).toMatchObject([{ row: 4, field: 'amenities', reason: 'unknown property, ignored' }]);
  });
});

describe('ids and duplicates', () => {
  it('derives stable, distinct ids', () => {
    const id = deriveId('stations', '天安门东工会驿站', 116.3975, 39.9087);
    expect(id).toMatch(/^s_[0-9a-z]{13}$/);
    expect(deriveId('stations', ' 天安门东工会驿站 ', 116.39751, 39.90871)).toBe(id); // same to 4 decimals
    expect(deriveId('stations', '天安门东工会驿站', 116.3985, 39.9087)).not.toBe(id);
    expect(deriveId('stations', '天安门西工会驿站', 116.3975, 39.9087)).not.toBe(id);
    expect(deriveId('merchants', '天安门东工会驿站', 116.3975, 39.9087)).toBe(`m_${id.slice(2)}`);
    expect(id).toBe('s_1hmx4dow1sevk'); // pinned: changing the derivation would duplicate re-imported stations
  });

  it('hashes with FNV-1a 64 (published test vectors)', () => {
    expect(fnv1a64('')).toBe(BigInt('0xcbf29ce484222325').toString(36).padStart(13, '0'));
    expect(fnv1a64('a')).toBe(BigInt('0xaf63dc4c8601ec8c').toString(36).padStart(13, '0'));
  });

  it('re-importing a file gives the same ids', () => {
    const ids = () => parseImport(fixture('stations-bd09.csv'), { kind: 'stations', crs: 'bd09' }).rows.map((x) => x.value.id);
    expect(ids()).toEqual(ids());
  });

  it('rejects an id used twice, on the later row', () => {
    const r = parseImport(collection(
      point([116.4, 39.9], { id: 'x1', name: 'A' }),
      point([117.4, 39.9], { id: 'x2', name: 'B' }),
      point([118.4, 39.9], { id: 'x1', name: 'C' }),
      point([116.4, 39.9], { name: 'D' }),
      point([116.40001, 39.90001], { name: 'D' }),
    ), stations);
    expect(r.errors).toMatchObject([
      { row: 3, field: 'id', reason: 'id "x1" is already used by row 1' },
      { row: 5, field: 'id', reason: expect.stringMatching(/same name and position as row 4/) },
    ]);
  });

  it('warns about the same name within 50 m', () => {
    const r = parseImport(collection(
      point([116.4, 39.9], { id: 'a', name: '东华门驿站' }),
      point([116.4003, 39.9001], { id: 'b', name: ' 东华门驿站' }), // ~28 m away
      point([116.41, 39.9], { id: 'c', name: '东华门驿站' }), // ~850 m away
      point([116.4, 39.9], { id: 'd', name: '西华门驿站' }),
    ), stations);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toMatchObject([{ row: 2, field: 'name', reason: expect.stringMatching(/row 1: same name "东华门驿站" 28 m away/) }]);
  });

  it('findLikelyDuplicates honours the radius', () => {
    const items = [
      { row: 2, name: 'A', lng: 116.4, lat: 39.9 },
      { row: 3, name: 'A', lng: 116.401, lat: 39.9 }, // ~85 m
    ];
    expect(findLikelyDuplicates(items)).toEqual([]);
    expect(findLikelyDuplicates(items, 100)).toMatchObject([{ row: 3, field: 'name', other: 2 }]);
  });
});

describe('decodeText and format detection', () => {
  it('decodes UTF-8 with and without BOM, GB18030 and UTF-16LE', () => {
    const s = 'name,type\n驿站,工会驿站\n';
    expect(decodeText(utf8(s))).toBe(s);
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]))).toBe(s);
    expect(decodeText(fixture('stations-gb18030.csv'))).toBe(decodeText(fixture('stations-utf8.csv')));
    const u16 = new Uint8Array(2 + s.length * 2);
    u16.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) u16.set([s.charCodeAt(i) & 0xff, s.charCodeAt(i) >> 8], 2 + 2 * i);
    expect(decodeText(u16)).toBe(s);
  });

  it('detects the format from the option, the extension, then the content', () => {
    expect(detectFormat('name,lat,lng', { format: 'geojson' })).toBe('geojson');
    expect(detectFormat('name,lat,lng', { filename: 'x.GeoJSON' })).toBe('geojson');
    expect(detectFormat('{}', { filename: 'x.csv' })).toBe('csv');
    expect(detectFormat('  \n{ "type": "FeatureCollection" }', {})).toBe('geojson');
    expect(detectFormat('name,lat,lng', {})).toBe('csv');
  });
});
