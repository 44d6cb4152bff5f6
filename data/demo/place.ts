/**
 * Where demo records sit and how they are written down: positions scattered around a city centre
 * (dense in the middle, thinning out to the suburbs), edge-of-town spots for drivers' homes,
 * addresses, telephone numbers and the demo-data mark.
 */
import type { DemoCity } from './cities';
import type { Random } from './random';

/** The mark every demo record carries in `notes`, so nobody mistakes it for real data. */
export const DEMO_NOTE = '演示数据 (demo data)';

const PAD3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** Ids like demo-s-000123 built from cached halves, so each id costs one allocation. */
export class DemoIds {
  private readonly heads: readonly string[];

  constructor(private readonly prefix: string) {
    this.heads = PAD3.map((p) => prefix + p);
  }

  /** The id of record `i` (six digits, more from a million on). */
  at(i: number): string {
    return i < 1e6 ? this.heads[Math.floor(i / 1000)] + PAD3[i % 1000] : this.prefix + String(i);
  }
}

/** Mutable output of the position helpers (reused, so 1 M positions allocate nothing). */
export interface Pos {
  lng: number;
  lat: number;
}

const KM_PER_DEG = 111.32; // length of one degree of latitude, km
const RAD = Math.PI / 180;

/** Compass directions as written in names (东 = east) and their angles from east, counter-clockwise. */
export const DIRECTIONS = ['东', '北', '西', '南'] as const;

/** Scatter defaults, all distances in km. */
export const SCATTER = {
  sigmaBase: 1.2, // Gaussian sigma of the smallest city
  sigmaPerWeight: 0.55, // added per point of city weight (Beijing: ~6.7 km)
  suburbShare: 0.2, // share of points drawn from a wider, suburban Gaussian
  suburbFactor: 2.2, // the suburban Gaussian's sigma relative to the city's
  maxKm: 40, // no point lies farther than this from the centre
  edgeMinKm: 8, // drivers' homes: nearest ring around the centre
  edgeSpanKm: 22, // drivers' homes: ring width
};

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Writes the point dx km east and dy km north of the city centre into `out`. */
function offset(city: DemoCity, dx: number, dy: number, out: Pos): void {
  const d = Math.hypot(dx, dy);
  const k = d > SCATTER.maxKm ? SCATTER.maxKm / d : 1;
  let lat = city.lat + (dy * k) / KM_PER_DEG;
  if (city.minLat !== undefined && lat < city.minLat) lat = 2 * city.minLat - lat;
  out.lat = round6(lat);
  out.lng = round6(city.lng + (dx * k) / (KM_PER_DEG * Math.cos(city.lat * RAD)));
}

/** A Gaussian-scattered point around the city centre; bigger cities spread wider. */
export function scatter(rng: Random, city: DemoCity, out: Pos): void {
  let sigma = SCATTER.sigmaBase + SCATTER.sigmaPerWeight * city.weight;
  if (rng.chance(SCATTER.suburbShare)) sigma *= SCATTER.suburbFactor;
  offset(city, sigma * rng.gauss(), sigma * rng.gauss(), out);
}

/** A point on the edge of town towards an expressway exit; returns the direction's index. */
export function edge(rng: Random, city: DemoCity, out: Pos): number {
  const dir = rng.int(0, 3);
  const angle = (dir * 90 + (rng.next() - 0.5) * 50) * RAD;
  const r = SCATTER.edgeMinKm + SCATTER.edgeSpanKm * rng.next();
  offset(city, r * Math.cos(angle), r * Math.sin(angle), out);
  return dir;
}

const HOUSE_NUMBERS = Array.from({ length: 1000 }, (_, n) => `${n}号`); // shared strings

/** Postal-style address of district `d` of the city: 江苏省南京市鼓楼区中山路128号. */
export function addressOf(city: DemoCity, d: number, road: string, no: number): string {
  return city.addressHeads[d] + road + HOUSE_NUMBERS[no];
}

/** A house number (1–999): mostly small, sometimes in the hundreds. */
export function houseNumber(rng: Random): number {
  return rng.chance(0.7) ? rng.int(1, 199) : rng.int(200, 999);
}

/** A road of the city (60 %) or one of the generic names every city has. */
export function roadOf(rng: Random, city: DemoCity, generic: readonly string[]): string {
  return rng.chance(0.6) ? rng.pick(city.roads) : rng.pick(generic);
}

// First three digits of mobile numbers in common use.
const MOBILE_PREFIXES = '133 135 136 137 138 139 150 151 152 158 159 177 186 187 188 189 199'.split(' ');

/** A plausible phone: a landline with the city's area code (70 %) or a mobile number. */
export function phoneOf(rng: Random, city: DemoCity): string {
  if (rng.chance(0.3)) return rng.pick(MOBILE_PREFIXES) + String(rng.int(10_000_000, 99_999_999));
  const digits = city.areaCode.length === 3 || city.weight >= 3 ? 1e7 : 1e6; // 8- or 7-digit locals
  return city.phonePrefix + String(rng.int(2 * digits, 9 * digits - 1));
}
