/**
 * Import problems carry a stable code and parameters beside the English reason (the apps word them),
 * and a file that is not a table is one file error, not one error per line.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IMPORT_CODES, parseImport, type ImportOptions } from '../../data/import';

const utf8 = (s: string) => new TextEncoder().encode(s);
const stations: ImportOptions = { kind: 'stations', crs: 'wgs84' };
const csv = (s: string) => parseImport(utf8(s), { ...stations, filename: 'x.csv' });

describe('codes and params', () => {
  it('every value problem has its code; the English reason stays for the API and the CLI', () => {
    const r = csv([
      'name,lat,lng,opening_hours,type,timezone',
      '甲,132.05,118.1,24/7,,',
      ',32.1,,Mo-Fr 25:00-26:00,,',
      '丙,abc,200,,飞船,Mars/Base',
    ].join('\n'));
    const got = r.errors.map((e) => [e.row, e.field, e.code, e.params]);
    expect(got).toEqual(expect.arrayContaining([
      [2, 'lat', 'lat_lng_swapped', { value: 132.05, max: 90 }],
      [3, 'name', 'missing', undefined],
      [3, 'lng', 'missing', undefined],
      [3, 'opening_hours', 'hours_invalid', { value: 'Mo-Fr 25:00-26:00' }],
      [4, 'lat', 'not_number', { value: 'abc', example: '39.9087' }],
      [4, 'lng', 'out_of_range', { value: 200, max: 180 }],
      [4, 'type', 'unknown_value', { value: '飞船' }],
      [4, 'timezone', 'timezone_unknown', { value: 'Mars/Base' }],
    ]));
    expect(r.errors.find((e) => e.code === 'lat_lng_swapped')!.reason).toBe('132.05 is out of range (−90 to 90); are lat and lng swapped?');
    for (const e of [...r.errors, ...r.warnings]) expect(IMPORT_CODES).toContain(e.code);
  });

  it('warnings and row-against-row problems have codes too', () => {
    const r = csv('id,name,lat,lng,colour\na,甲,32.1,118.1,red\na,乙,32.2,118.2,red\nb,甲,32.1001,118.1001,red\nc,远,48.85,2.35,red\n');
    expect(r.warnings.map((w) => w.code)).toEqual(['column_ignored', 'likely_duplicate', 'outside_china']);
    expect(r.warnings[1].params).toEqual({ other: 2, distance: 15, name: '甲' });
    expect(r.errors).toMatchObject([{ row: 3, field: 'id', code: 'id_repeated', params: { id: 'a', other: 2 } }]);
  });
});

describe('a file that is not a table', () => {
  it('an Excel workbook (5 MB) is one error naming what it is', () => {
    const xlsx = new Uint8Array(5 * 1024 * 1024);
    xlsx.set([0x50, 0x4b, 0x03, 0x04]);
    xlsx.set(randomBytes(1024 * 1024), 100);
    const r = parseImport(xlsx, { ...stations, filename: 'stations.csv' });
    expect(r.errors).toMatchObject([{ row: 0, field: 'file', code: 'file_binary', params: { kind: 'zip' } }]);
    expect(r.warnings).toEqual([]);
  });

  it('random binary data is one error too', () => {
    const r = parseImport(new Uint8Array(randomBytes(200_000)), { ...stations, filename: 'data.csv' });
    expect(r.errors).toMatchObject([{ code: 'file_binary', params: { kind: 'binary' } }]);
  });

  it('text whose first row names no known column is one error', () => {
    const log = Array.from({ length: 10_000 }, (_, i) => `2026-05-09 12:00:${i % 60} INFO "request" done, ok`).join('\n');
    expect(csv(log).errors).toMatchObject([{ row: 0, field: 'file', code: 'file_not_table' }]);
  });

  it('a table with other column names says so, and lists them', () => {
    const r = csv('站名,北纬,东经\n甲,32.1,118.1\n');
    expect(r.errors).toMatchObject([{ code: 'file_not_table' }]);
    expect(r.warnings.map((w) => [w.field, w.code])).toEqual([['站名', 'column_ignored'], ['北纬', 'column_ignored'], ['东经', 'column_ignored']]);
  });

  it('most rows breaking the same way is one error with the first instance', () => {
    const rows = Array.from({ length: 9_912 }, (_, i) => `站${i},32.${i},118.1,x,y`);
    const r = csv(['name,lat,lng', ...rows].join('\n'));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 0, field: 'file', code: 'file_same_problem', params: { same: 'csv_extra_cells', rows: 9_912, total: 9_912, first: 2, cells: 5, columns: 3 } });
    expect(r.rows).toEqual([]);
  });

  it('GeoJSON of lines (a route file in the stations import) is one error', () => {
    const line = { type: 'Feature', properties: { name: '路' }, geometry: { type: 'LineString', coordinates: [[118, 32], [118.1, 32.1]] } };
    const r = parseImport(utf8(JSON.stringify({ type: 'FeatureCollection', features: Array(40).fill(line) })), stations);
    expect(r.errors).toMatchObject([{ code: 'file_same_problem', params: { same: 'geometry_not_point', type: 'LineString', rows: 40 } }]);
  });

  it('a few broken rows in a real table are each reported', () => {
    const rows = Array.from({ length: 100 }, (_, i) => (i % 20 === 0 ? `站${i},32.1,118.1,extra` : `站${i},32.${i + 100},118.1`));
    const r = csv(['name,lat,lng', ...rows].join('\n'));
    expect(r.errors.map((e) => e.code)).toEqual(Array(5).fill('csv_extra_cells'));
  });
});
