import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMENITY_KEYS, STATION_TYPE_KEYS } from '../../data/catalog';
import { quickStationNearest, stationNearestQuery } from '../../api/params';

/** Query values as clients (and attackers) send them: plain decimals, odd numbers, keys, junk. */
const number = fc.oneof(
  fc.integer({ min: -1_800_000, max: 1_800_000 }).map((n) => String(n / 10_000)), // plain decimals, mostly valid
  fc.double({ min: -300, max: 300, noNaN: true }).map(String),
  fc.integer({ min: -2, max: 2_100_000 }).map(String),
  fc.constantFrom('', ' ', '32.06', ' 32.06', '32.06 ', '1e1', '0x10', '-0', '10.0', '.5', '5.', '+5', 'NaN', 'Infinity', '9'.repeat(400), '1,2'),
);
const keys = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom(...AMENITY_KEYS, ...STATION_TYPE_KEYS, '', ' ', 'sauna'), fc.string()), { maxLength: 4 }), fc.constantFrom(',', ', ', ',,'))
  .map(([k, sep]) => k.join(sep));
const value = <T>(v: fc.Arbitrary<T>) => fc.oneof(v, fc.array(v, { minLength: 2, maxLength: 2 })); // repeated keys arrive as arrays
const query = fc.record(
  {
    lat: value(number),
    lng: value(number),
    limit: value(number),
    maxDistance: value(number),
    open: value(fc.constantFrom('now', '24h', 'NOW', ' now', '', 'later')),
    amenities: value(keys),
    types: value(keys),
    fields: value(fc.constantFrom('full', 'FULL', ' full', '', 'all')),
    other: fc.string(),
  },
  { requiredKeys: [] },
);
/** Mostly valid queries, near the edges of the ranges. */
const decimal = (min: number, max: number) => fc.integer({ min: min * 100 - 100, max: max * 100 + 100 }).map((n) => String(n / 100));
const catalogKeys = fc.array(fc.constantFrom(...AMENITY_KEYS, ...STATION_TYPE_KEYS, ''), { maxLength: 3 }).map((k) => k.join(','));
const plausible = fc.record(
  {
    lat: decimal(-90, 90),
    lng: decimal(-180, 180),
    limit: fc.oneof(fc.integer({ min: -1, max: 102 }).map(String), decimal(0, 101)),
    maxDistance: decimal(0, 2_000_000),
    open: fc.constantFrom('now', '24h', 'later'),
    amenities: catalogKeys,
    types: catalogKeys,
    fields: fc.constantFrom('full', 'all'),
  },
  { requiredKeys: ['lat', 'lng'] },
);

describe('quickStationNearest (the nearest route without zod)', () => {
  it('accepts only what the schema accepts, with the same result', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.oneof(query, plausible), (q) => {
        const quick = quickStationNearest(q);
        if (quick === undefined) return; // the schema decides
        taken++;
        const full = stationNearestQuery.safeParse(q);
        expect(full.success).toBe(true);
        expect(quick).toStrictEqual(full.data);
      }),
      { numRuns: 20_000 },
    );
    expect(taken).toBeGreaterThan(500); // the quick path was exercised, not only declined
  });

  it('takes the queries clients send', () => {
    const q = { lat: '32.06', lng: '118.79', limit: '10', maxDistance: '5000', open: 'now', amenities: 'toilet,wifi', types: 'union_station' };
    expect(quickStationNearest(q)).toStrictEqual(stationNearestQuery.parse(q));
    expect(quickStationNearest({ lat: '-33.5', lng: '-70' })).toStrictEqual({ lat: -33.5, lng: -70 });
  });
});
