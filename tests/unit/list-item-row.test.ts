/**
 * A station's list row spelt from its listing columns and two numbers (rowTimes, stationRowText):
 * the same text as its record gives (stationRow), or no row times at all. Records as the store
 * keeps them: canonical (data/records.ts), times as toISOString writes them.
 */
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/demo/generate';
import { rowTimes, stationRow, stationRowText } from '../../data/list-item';
import { stationValues } from '../../data/listing-record';
import { canonicalStation } from '../../data/records';
import type { ListingColumns } from '../../data/listing-core';
import type { Station } from '../../data/schema';

/** Listing columns of these stations, as a listing built from their records holds them. */
function columnsOf(stations: Station[]): ListingColumns {
  const v = stations.map(stationValues);
  return {
    id: stations.map((s) => s.id), name: v.map((x) => x.name), lng: stations.map((s) => s.lng), lat: stations.map((s) => s.lat),
    all: v.map((x) => x.all), any: v.map((x) => x.any), status: v.map((x) => x.status), hours: v.map((x) => x.hours), tz: v.map((x) => x.tz),
  };
}

const rowOf = (s: Station) => JSON.stringify(stationRow(s)).slice(1);

describe('a list row from listing columns and row times', () => {
  it('is the text of the record, for every demo station that has row times', () => {
    const stations = generateDemo({ stations: 3000, merchants: 0 }).stations.map((s) => canonicalStation(s, s.updated_at));
    const cols = columnsOf(stations);
    let spelt = 0;
    stations.forEach((s, i) => {
      const t = rowTimes(s, cols, i);
      if (!t) return;
      spelt++;
      expect(stationRowText(cols, i, t)).toBe(rowOf(s));
    });
    expect(spelt).toBeGreaterThan(2500); // most stations: no amenities out of order, no closure's last day
  });

  it('is the text of the record for names, hours and times of every shape', () => {
    const base = canonicalStation(generateDemo({ stations: 1, merchants: 0 }).stations[0], '2026-06-12T00:40:00.000Z');
    const variants: Station[] = [
      { ...base, name: '工会驿站 "东门" \\ 😀\u2028', opening_hours: 'Mo-Fr 08:00-18:00; PH off', timezone: 'Asia/Urumqi' },
      { ...base, opening_hours: undefined, timezone: undefined, verified_at: undefined },
      { ...base, opening_hours: '', verified_at: '2026-01-02T03:04:05.006Z', updated_at: '1999-12-31T23:59:59.999Z' },
      { ...base, verified_at: '+020000-01-01T00:00:00.000Z', updated_at: '1970-01-01T00:00:00.000Z' },
      { ...base, lat: -0, lng: 1e-7, amenities: [], status: 'temporarily_closed' },
      { ...base, lat: 39.123456789012345, lng: 116.4, amenities: ['drinking_water', 'toilet', 'wifi'] as Station['amenities'] },
    ];
    const cols = columnsOf(variants);
    variants.forEach((s, i) => expect(stationRowText(cols, i, rowTimes(s, cols, i)!)).toBe(rowOf(s)));
  });

  it('has no row times where the columns and two numbers cannot spell the row', () => {
    const base = canonicalStation({ ...generateDemo({ stations: 1, merchants: 0 }).stations[0], amenities: ['drinking_water', 'phone_charging'] }, '2026-06-12T00:40:00.000Z');
    const cases: Station[] = [
      { ...base, amenities_unavailable: ['drinking_water'] }, // the columns keep the working ones
      { ...base, status: 'temporarily_closed', closed_until: '2026-12-24' },
      { ...base, verified_at: '2026-06-12T08:40:00+08:00' }, // a time not written as toISOString writes it (not canonical)
      { ...base, updated_at: '2026-01-02T03:04:05Z' },
      { ...base, updated_at: '2026-01-02T03:04:05.1Z' },
      { ...base, updated_at: '2026-02-30T03:04:05.000Z' },
      { ...base, amenities: ['phone_charging', 'drinking_water'] as Station['amenities'] }, // not in catalogue order (not canonical)
      { ...base, amenities: ['drinking_water', 'drinking_water', 'phone_charging'] as Station['amenities'] },
    ];
    const cols = columnsOf(cases);
    cases.forEach((s, i) => expect(rowTimes(s, cols, i), JSON.stringify(s)).toBeUndefined());
    // and a record that changed since its columns were read
    const changed: Partial<Station>[] = [{ name: 'another' }, { lat: base.lat + 1e-9 }, { type: 'driver_home' }, { opening_hours: '24/7' }, { timezone: 'Asia/Urumqi' }, { status: 'temporarily_closed' }, { amenities: ['drinking_water'] as Station['amenities'] }, { id: 'st-other' }];
    const one = columnsOf([base]);
    expect(rowTimes(base, one, 0)).toBeDefined();
    for (const c of changed) expect(rowTimes({ ...base, ...c } as Station, one, 0), JSON.stringify(c)).toBeUndefined();
  });
});
