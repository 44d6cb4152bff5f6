// The filter vocabulary (data/listing-query.ts): a question's key lists and a record's keys become
// masks of the same bits, so the indexes' mask test answers what the key lists say — checked here
// against plain set logic over every station type and merchant category and random amenity sets.
import { describe, expect, it } from 'vitest';
import { AMENITY_KEYS, MERCHANT_CATEGORY_KEYS, MERCHANT_STATUSES, STATION_STATUSES, STATION_TYPE_KEYS } from '../../data/catalog';
import { Random } from '../../data/demo/random';
import { filterMasks, isListed, merchantMasks, stationMasks, type Masks } from '../../data/listing-query';
import type { Amenity, MerchantCategory, StationType } from '../../data/catalog';

const rnd = new Random(3);
const some = <T>(keys: readonly T[], max: number): T[] => keys.filter(() => rnd.chance(max / keys.length));
/** The indexes' test: all of the all-of bits, and one of the any-of bits when there are any. */
const passes = (r: Masks, f: Masks) => (r.all & f.all) === f.all && (f.any === 0 || (r.any & f.any) !== 0);

describe('filter masks and record masks', () => {
  it('a station passes a filter exactly when its working amenities include every asked one and its type is among the asked ones', () => {
    for (let k = 0; k < 2000; k++) {
      const amenities = some(AMENITY_KEYS, 4) as Amenity[], broken = some(amenities, 1) as Amenity[];
      const s = { type: rnd.pick(STATION_TYPE_KEYS) as StationType, amenities, amenities_unavailable: broken };
      const f = { amenities: some(AMENITY_KEYS, 2), types: some(STATION_TYPE_KEYS, 2), categories: some(MERCHANT_CATEGORY_KEYS, 2) };
      const working = amenities.filter((a) => !broken.includes(a));
      const expected = f.amenities.every((a) => working.includes(a)) && (f.types.length === 0 || f.types.includes(s.type));
      expect(passes(stationMasks(s), filterMasks('stations', f)), JSON.stringify({ s, f })).toBe(expected);
    }
  });

  it('a merchant passes exactly when its category is among the asked ones (station filters do not apply)', () => {
    for (const category of MERCHANT_CATEGORY_KEYS) {
      for (let k = 0; k < 50; k++) {
        const f = { amenities: some(AMENITY_KEYS, 2), types: some(STATION_TYPE_KEYS, 2), categories: some(MERCHANT_CATEGORY_KEYS, 2) };
        const expected = f.categories.length === 0 || f.categories.includes(category);
        expect(passes(merchantMasks({ category: category as MerchantCategory }), filterMasks('merchants', f))).toBe(expected);
      }
    }
  });

  it('no key lists: no masks', () => {
    expect(filterMasks('stations', {})).toEqual({ all: 0, any: 0 });
    expect(filterMasks('merchants', { amenities: ['shower'] })).toEqual({ all: 0, any: 0 });
  });
});

describe('isListed', () => {
  it('stations unless permanently closed; merchants once approved', () => {
    expect(STATION_STATUSES.filter((s) => isListed('stations', s))).toEqual(['open', 'temporarily_closed']);
    expect(MERCHANT_STATUSES.filter((s) => isListed('merchants', s))).toEqual(['approved']);
  });
});
