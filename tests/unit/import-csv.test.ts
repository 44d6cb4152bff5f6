import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { haversine } from '../../data/geo/haversine';
import { parseImport } from '../../data/import';
import type { ImportOptions } from '../../data/import';
import type { StationInput } from '../../data/schema';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const stations: ImportOptions = { kind: 'stations', crs: 'wgs84', filename: 'in.csv' };
const csv = (s: string, opts: Partial<ImportOptions> = {}) => parseImport(utf8(s), { ...stations, ...opts });

/** True WGS-84 positions of the fixture stations. */
const TRUTH: [number, number][] = [[116.3975, 39.9087], [121.4737, 31.2304], [113.2644, 23.1291]];

describe('CSV import: good files', () => {
  it('reads a BD-09 file and converts it to WGS-84 within 1 m', () => {
    const r = parseImport(fixture('stations-bd09.csv'), { kind: 'stations', crs: 'bd09', filename: 'stations-bd09.csv' });
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.row)).toEqual([2, 3, 4]);
    r.rows.forEach(({ value }, i) => expect(haversine(value.lng, value.lat, ...TRUTH[i])).toBeLessThan(1));
    const first = r.rows[0].value as StationInput;
    expect(first).toMatchObject({ id: 'bj-001', address: '北京市东城区东长安街1号, 近地铁站', amenities: ['drinking_water', 'toilet', 'microwave'] });
    expect(r.rows[1].value.id).toMatch(/^s_/);
    expect(r.rows[2].value).not.toHaveProperty('phone');
  });

  const expected = [
    { name: '天安门东工会驿站', type: 'union_station', lat: 39.9087, lng: 116.3975, amenities: ['drinking_water', 'toilet', 'microwave'], status: 'open' },
    { name: '人民广场户外劳动者服务站', type: 'outdoor_worker_station', amenities: ['drinking_water', 'phone_charging', 'ebike_charging'], opening_hours: 'Mo-Fr 08:00-18:00; Sa,Su off' },
    { name: '广州北站司机之家', type: 'driver_home', amenities: [], opening_hours: '20:00-06:00' },
  ];
  for (const file of ['stations-utf8.csv', 'stations-utf8-bom.csv', 'stations-gb18030.csv']) {
    it(`reads ${file} (Chinese labels, spaced Latitude/Longitude headers, CRLF, blank trailing lines)`, () => {
      const r = parseImport(fixture(file), { kind: 'stations', crs: 'wgs84', filename: file });
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([]);
      expect(r.rows.map((x) => x.row)).toEqual([2, 3, 4]);
      expect(r.rows.map((x) => x.value)).toMatchObject(expected);
    });
  }

  it('gives the same ids whatever the encoding', () => {
    const ids = (f: string) => parseImport(fixture(f), { kind: 'stations', crs: 'wgs84' }).rows.map((x) => x.value.id);
    expect(ids('stations-gb18030.csv')).toEqual(ids('stations-utf8.csv'));
  });

  it('accepts lon, latitude/longitude, tabs and Chinese headers', () => {
    expect(csv('name,lat,lon\nA,39.9,116.4\n').rows[0].value).toMatchObject({ lat: 39.9, lng: 116.4 });
    expect(csv('NAME\tLATITUDE\tLONGITUDE\nA\t39.9\t116.4\n').rows[0].value).toMatchObject({ lat: 39.9, lng: 116.4 });
    expect(csv('名称,纬度,经度,类型,服务设施\n驿站,39.9,116.4,司机之家,饮用水|无线网络\n').rows[0].value)
      .toMatchObject({ name: '驿站', lat: 39.9, lng: 116.4, type: 'driver_home', amenities: ['drinking_water', 'wifi'] });
  });

  it('accepts amenity lists in every usual form', () => {
    const r = csv([
      'name,lat,lng,amenities',
      'A,39.9,116.4,drinking_water;toilet',
      'B,39.91,116.4,"drinking_water, toilet"',
      'C,39.92,116.4,饮用水；卫生间',
      'D,39.93,116.4,饮用水、Toilet',
      'E,39.94,116.4,toilet;drinking_water;toilet;',
    ].join('\n'));
    expect(r.errors).toEqual([]);
    for (const { value } of r.rows) expect((value as StationInput).amenities).toEqual(['drinking_water', 'toilet']);
  });

  it('defaults a missing type to union_station and a missing category to other', () => {
    expect(csv('name,lat,lng\nA,39.9,116.4').rows[0].value).toMatchObject({ type: 'union_station', amenities: [] });
    expect(csv('name,lat,lng\nA,39.9,116.4', { kind: 'merchants' }).rows[0].value).toMatchObject({ category: 'other' });
  });
});

describe('CSV import: bad files', () => {
  it('reports every bad row with its spreadsheet row number and field', () => {
    const r = csv([
      'name,type,lat,lng,opening_hours,amenities,status', // row 1
      'Good,工会驿站,39.9,116.4,24/7,饮用水,open', //          row 2
      'Bad lat,,abc,116.4,,,', //                              row 3
      '', //                                                   row 4 (blank: skipped, still counted)
      'Bad type,castle,39.9,116.5,,,', //                      row 5
      'Bad hours,,39.9,116.6,Mo-Fr 9 to 5ish,,', //            row 6
      ',,39.9,116.7,,,', //                                    row 7: no name
      'Swapped,,116.4,39.9,,,', //                             row 8
      'Many,,39.9,116.8,,sauna;饮用水,shut', //                row 9
    ].join('\n'));
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'lat'], [5, 'type'], [6, 'opening_hours'], [7, 'name'], [8, 'lat'], [9, 'status'], [9, 'amenities'],
    ]);
    expect(r.errors.find((e) => e.row === 3)!.reason).toMatch(/"abc" is not a number/);
    expect(r.errors.find((e) => e.row === 5)!.reason).toMatch(/unknown type "castle"; allowed: union_station \(工会驿站\)/);
    expect(r.errors.find((e) => e.row === 7)!.reason).toBe('is missing');
    expect(r.errors.find((e) => e.row === 8)!.reason).toMatch(/swapped/);
    expect(r.rows.map((x) => x.row)).toEqual([2]);
  });

  it('reports a missing required column once, at row 1', () => {
    expect(csv('name,address\nA,somewhere\nB,elsewhere\n').errors).toMatchObject([
      { row: 1, field: 'header', reason: expect.stringMatching(/missing required columns: lat, lng/) },
    ]);
    expect(csv('title,lat,lng\nA,39.9,116.4\n').errors).toMatchObject([
      { row: 1, field: 'header', reason: expect.stringMatching(/column: name/) },
    ]);
  });

  it('reports empty files and files without rows', () => {
    expect(csv('').errors).toMatchObject([{ row: 0, field: 'file', reason: 'the file is empty' }]);
    expect(csv('\r\n\r\n').errors).toMatchObject([{ row: 0, field: 'file', reason: 'the file is empty' }]);
    expect(csv('name,lat,lng\r\n\r\n').errors).toMatchObject([{ row: 0, field: 'file', reason: 'has no rows to import' }]);
  });

  it('counts multi-line cells as one spreadsheet row', () => {
    const r = csv('name,lat,lng,notes\nA,39.9,116.4,"line one\nline two"\nB,999,116.4,\n');
    expect(r.rows[0].value.notes).toBe('line one\nline two');
    expect(r.errors).toMatchObject([{ row: 3, field: 'lat', reason: expect.stringMatching(/out of range/) }]);
  });

  it('reports rows with more cells than the header has columns', () => {
    const r = csv('name,lat,lng\nA,39.9,116.4,extra\n');
    expect(r.errors).toMatchObject([{ row: 2, field: 'csv', reason: expect.stringMatching(/3 columns/) }]);
  });

  it('warns about ignored columns and sloppy hours, without failing', () => {
    const r = csv('name,lat,lng,colour,opening_hours\nA,39.9,116.4,red,Mo-Fr 8-18 Uhr\n');
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => [w.row, w.field])).toEqual([[1, 'colour'], [2, 'opening_hours']]);
  });

  it('rejects a duplicated id and too-long text', () => {
    const r = csv(`id,name,lat,lng\nx,A,39.9,116.4\nx,B,39.8,116.4\nbad id!,C,39.7,116.4\ny,${'长'.repeat(121)},39.6,116.4\n`);
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[3, 'id'], [4, 'id'], [5, 'name']]);
  });
});
