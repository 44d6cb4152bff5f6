/**
 * What a demo station offers: amenities by type (truck parking and showers at drivers' homes,
 * wheelchair access rare), opening hours (≈ 30 % round the clock) and status.
 */
import { AMENITY_KEYS, type Amenity } from '../catalog';
import type { Station } from '../schema';
import type { DemoCity } from './cities';
import { DEMO_NOTE } from './place';
import { draw, weightedTable, type Random } from './random';

const P_24H = [0.25, 0.28, 0.72, 0.1]; // share of '24/7' per type (≈ 30 % overall)
const P_NO_HOURS = 0.03; // hours unknown

const HOURS = weightedTable<string>([
  ['Mo-Fr 08:00-18:00', 14],
  ['Mo-Su 07:00-21:00', 14],
  ['Mo-Su 08:00-20:00', 12],
  ['06:00-22:00', 10],
  ['Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; Su off', 8],
  ['Mo-Sa 07:30-19:30', 8],
  ['Mo-Fr 09:00-17:00', 8],
  ['Mo-Su 06:30-21:30', 8],
  ['Mo-Fr 08:00-12:00,14:00-18:00', 6],
  ['Mo-Fr 07:00-19:00; Sa,Su 09:00-17:00', 5],
  ['Mo-Su 10:00-14:00,17:00-22:00', 3],
  ['20:00-06:00', 2],
  ['Mo-Su 18:00-08:00', 1],
]);

// Probability of each amenity (catalogue order) for union, outdoor, driver, other.
// Heating is replaced by a regional probability (north of the Qinling–Huaihe line or not).
const AMENITY_P: Record<Amenity, readonly number[]> = {
  drinking_water: [0.95, 0.95, 0.9, 0.85],
  toilet: [0.6, 0.45, 0.95, 0.6],
  microwave: [0.8, 0.75, 0.6, 0.5],
  phone_charging: [0.9, 0.9, 0.85, 0.8],
  ebike_charging: [0.35, 0.55, 0.05, 0.2],
  rest_seating: [0.95, 0.95, 0.9, 0.9],
  nap_bed: [0.12, 0.08, 0.55, 0.1],
  air_conditioning: [0.75, 0.7, 0.8, 0.7],
  heating: [0, 0, 0, 0],
  rain_shelter: [0.5, 0.7, 0.3, 0.4],
  first_aid: [0.7, 0.65, 0.6, 0.5],
  legal_aid: [0.1, 0.06, 0.08, 0.15],
  job_board: [0.3, 0.25, 0.15, 0.3],
  books: [0.45, 0.25, 0.35, 0.4],
  wifi: [0.6, 0.45, 0.8, 0.5],
  shower: [0.01, 0.01, 0.7, 0.02],
  laundry: [0.01, 0.005, 0.45, 0.01],
  truck_parking: [0.005, 0.005, 0.95, 0.03],
  wheelchair_accessible: [0.012, 0.008, 0.03, 0.02], // rare: ≈ 1.3 % overall
};
const AMENITY_ROWS = AMENITY_KEYS.map((k) => AMENITY_P[k]);
const HEATING = AMENITY_KEYS.indexOf('heating');
const NORTH_LAT = 33; // roughly the Qinling–Huaihe line

const EXTRA_NOTES = ['夏季提供防暑降温用品', '冬季提供热水和姜茶', '请勿在站内吸烟', '节假日开放时间以现场公告为准'];

/** Amenities in catalogue order, allocated at their exact size (a million of them stay alive). */
export function amenitiesOf(rng: Random, type: number, city: DemoCity): Amenity[] {
  let mask = 0;
  let n = 0;
  for (let a = 0; a < AMENITY_ROWS.length; a++) {
    const p = a === HEATING ? (city.lat >= NORTH_LAT ? 0.75 : 0.15) : AMENITY_ROWS[a][type];
    if (rng.next() < p) {
      mask |= 1 << a;
      n++;
    }
  }
  if (n === 0) return ['rest_seating'];
  const out = new Array<Amenity>(n);
  for (let a = 0, k = 0; k < n; a++) if (mask & (1 << a)) out[k++] = AMENITY_KEYS[a];
  return out;
}

/** Opening hours in OSM syntax; undefined when unknown. */
export function hoursOf(rng: Random, type: number): string | undefined {
  if (rng.chance(P_NO_HOURS)) return undefined;
  return rng.chance(P_24H[type]) ? '24/7' : draw(rng, HOURS);
}

/** Status with its note: mostly open, ≈ 3 % temporarily closed, ≈ 1 % closed. */
export function statusOf(rng: Random, rec: Pick<Station, 'status' | 'notes'>): void {
  const x = rng.next();
  if (x < 0.01) {
    rec.status = 'closed';
    rec.notes = `${DEMO_NOTE}；站点已撤销`;
  } else if (x < 0.04) {
    rec.status = 'temporarily_closed';
    rec.notes = `${DEMO_NOTE}；装修暂停开放`;
  } else if (x < 0.1) {
    rec.notes = `${DEMO_NOTE}；${rng.pick(EXTRA_NOTES)}`;
  }
}
