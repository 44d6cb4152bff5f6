/**
 * Name search over a listing against a brute-force oracle: every match ranked (prefix or exact id
 * first, then contains), nearest first, then by index, cut to the limit.
 */
import { describe, expect, it } from 'vitest';
import { createListingCore } from '../../data/listing-core';
import { generateDemo } from '../../data/demo/generate';
import { haversine } from '../../data/geo/haversine';

const stations = generateDemo({ stations: 3000, merchants: 0 }).stations;
// a few names with upper case, to check search is case-blind
stations[5] = { ...stations[5], name: 'Nanjing Drivers Home 南京司机之家' };
stations[9] = { ...stations[9], name: 'NANJING Rest Stop' };
const cols = {
  id: stations.map((s) => s.id), name: stations.map((s) => s.name), lng: stations.map((s) => s.lng), lat: stations.map((s) => s.lat),
  all: stations.map(() => 0), any: stations.map(() => 0), status: stations.map((s) => s.status), hours: stations.map(() => null), tz: stations.map(() => null),
};
const core = createListingCore(cols, 'stations');

function oracle(q: string, at: { lng: number; lat: number }, limit: number) {
  const needle = q.toLowerCase();
  return cols.id
    .map((id, i) => ({ i, pos: id === q ? 0 : cols.name[i].toLowerCase().indexOf(needle) }))
    .filter((m) => m.pos >= 0)
    .map(({ i, pos }) => ({ i, rank: pos === 0 ? 0 : 1, distance: haversine(at.lng, at.lat, cols.lng[i], cols.lat[i]) }))
    .sort((a, b) => a.rank - b.rank || a.distance - b.distance || a.i - b.i)
    .slice(0, limit);
}

describe('listing search', () => {
  const places = [{ lng: 118.79, lat: 32.06 }, { lng: 116.4, lat: 39.9 }, { lng: 113.26, lat: 23.13 }];
  const queries = ['驿站', '司机', '南', 'nanjing', 'NanJing', stations[42].id, stations[7].name.slice(0, 3), 'no such name'];
  for (const q of queries) {
    it(`"${q}" finds what a full sort finds, at every limit`, () => {
      for (const at of places) for (const limit of [1, 2, 10, 30, 50]) expect(core.search(q, at, limit)).toEqual(oracle(q, at, limit));
    });
  }
});
