import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMENITY_KEYS, STATION_STATUSES, STATION_TYPE_KEYS } from '../../data/catalog';
import { canonicalStation } from '../../data/records';
import type { Station } from '../../data/schema';
import { decodeStations, encodeStations } from '../../data/sync-codec';

const optText = fc.option(fc.string({ maxLength: 12 }), { nil: undefined });
const stationArb = fc
  .record({
    id: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
    name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0),
    type: fc.constantFrom(...STATION_TYPE_KEYS),
    lat: fc.double({ min: 18, max: 54, noNaN: true }),
    lng: fc.double({ min: 73, max: 135, noNaN: true }),
    address: optText,
    province: fc.constantFrom(undefined, '江苏省', '浙江省'),
    opening_hours: fc.constantFrom(undefined, '24/7', 'Mo-Fr 08:00-18:00'),
    amenities: fc.subarray([...AMENITY_KEYS]),
    notes: optText,
    status: fc.constantFrom(...STATION_STATUSES),
    verified_at: fc.option(fc.integer({ min: 1.6e12, max: 1.9e12 }).map((t) => new Date(t).toISOString()), { nil: undefined }),
  })
  .map((s) => canonicalStation(s as Station, '2026-11-23T02:00:00.000Z'));

describe('sync codec', () => {
  it('round-trips canonical stations exactly', () => {
    fc.assert(
      fc.property(fc.array(stationArb, { maxLength: 40 }), (stations) => {
        const wire = JSON.parse(JSON.stringify(encodeStations(stations)));
        expect(decodeStations(wire)).toEqual(stations);
      }),
    );
  });

  it('dictionary-encodes repeated text and delta-encodes positions', () => {
    const base = { type: 'union_station' as const, amenities: [], status: 'open' as const, province: '江苏省' };
    const s = [
      canonicalStation({ ...base, id: 'a', name: 'A', lat: 32.000001, lng: 118.5 }, '2026-01-01T00:00:00Z'),
      canonicalStation({ ...base, id: 'b', name: 'B', lat: 32.000002, lng: 118.5 }, '2026-01-01T00:00:00Z'),
    ];
    const cols = encodeStations(s) as Record<string, unknown>;
    expect(cols.province).toEqual({ d: ['江苏省'], i: [1, 1] });
    expect(cols.lat).toEqual([32000001, 1]);
  });
});
