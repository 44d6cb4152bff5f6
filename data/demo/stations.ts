/**
 * Demo stations: type shares, amenities and opening hours that look like the real thing, placed
 * around the demo cities in proportion to their size. One tight loop, no per-record closures, so
 * a million stations take a couple of seconds.
 */
import type { Station } from '../schema';
import { DEMO_CITIES, GENERIC_ROADS, type DemoCity } from './cities';
import type { Stamps } from './dates';
import { addressOf, DEMO_NOTE, DemoIds, edge, houseNumber, phoneOf, roadOf, scatter, type Pos } from './place';
import { cumulative, type Random } from './random';
import { nameStation, TYPE_KEYS, type Named, type Site } from './station-names';
import { amenitiesOf, hoursOf, statusOf } from './station-traits';

const TYPE_CUM = cumulative([45, 40, 10, 5]); // % union, outdoor workers, drivers, other
const CITY_CUM = cumulative(DEMO_CITIES.map((c) => c.weight));

/** Scratch space reused for every station of one run. */
interface Scratch {
  ids: DemoIds;
  pos: Pos;
  site: Site;
  named: Named;
}

/** District, road and position: drivers' homes go to the edge of town, outer districts first. */
function placeSite(rng: Random, type: number, city: DemoCity, s: Scratch): void {
  const site = s.site;
  const last = city.districts.length - 1; // the city table lists outer districts last
  site.city = city;
  site.d = type === 2 && rng.chance(0.6) ? last : rng.int(0, last);
  site.district = city.districts[site.d];
  site.road = roadOf(rng, city, GENERIC_ROADS);
  if (type === 2) site.dir = edge(rng, city, s.pos);
  else scatter(rng, city, s.pos);
}

function stationAt(rng: Random, i: number, city: DemoCity, stamps: Stamps, s: Scratch): Station {
  const type = rng.weighted(TYPE_CUM);
  const site = s.site;
  placeSite(rng, type, city, s);
  nameStation(rng, type, site, s.named);
  const verified = stamps.recent(rng, 200);
  const rec: Station = {
    id: s.ids.at(i),
    name: s.named.name,
    type: TYPE_KEYS[type],
    lat: s.pos.lat,
    lng: s.pos.lng,
    address: addressOf(city, site.d, site.road, houseNumber(rng)),
    province: city.province,
    city: city.fullName,
    district: site.district,
    amenities: amenitiesOf(rng, type, city),
    notes: DEMO_NOTE,
    status: 'open',
    verified_at: verified,
    updated_at: rng.chance(0.8) ? verified : stamps.now,
  };
  statusOf(rng, rec);
  if (rng.chance(0.95)) rec.phone = phoneOf(rng, city);
  if (s.named.operator !== undefined) rec.operator = s.named.operator;
  const hours = hoursOf(rng, type);
  if (hours !== undefined) rec.opening_hours = hours;
  return rec;
}

/** `count` demo stations; the first ones visit every city once so each city is represented. */
export function generateStations(rng: Random, count: number, stamps: Stamps): Station[] {
  const out = new Array<Station>(count);
  const s: Scratch = {
    ids: new DemoIds('demo-s-'),
    pos: { lng: 0, lat: 0 },
    site: { city: DEMO_CITIES[0], d: 0, district: '', road: '', dir: 0 },
    named: { name: '', operator: undefined },
  };
  for (let i = 0; i < count; i++) {
    const city = i < DEMO_CITIES.length ? DEMO_CITIES[i] : DEMO_CITIES[rng.weighted(CITY_CUM)];
    out[i] = stationAt(rng, i, city, stamps, s);
  }
  return out;
}
