/**
 * Demo partner merchants: category-appropriate names and hours, mostly approved, each with one to
 * three member offers. Roadside trades (tyres, repair, fuel) lean towards the edge of town.
 */
import type { MerchantStatus } from '../catalog';
import type { Merchant } from '../schema';
import { DEMO_CITIES, GENERIC_ROADS, type DemoCity } from './cities';
import type { Stamps } from './dates';
import { CATEGORY_LOOKS, SURNAMES, type CategoryLook } from './merchant-table';
import { offersFor } from './offers';
import { addressOf, DEMO_NOTE, DemoIds, edge, houseNumber, phoneOf, roadOf, scatter, type Pos } from './place';
import { cumulative, draw, weightedTable, type Random } from './random';

const CATEGORY_CUM = cumulative(CATEGORY_LOOKS.map((c) => c.weight));
const CITY_CUM = cumulative(DEMO_CITIES.map((c) => c.weight));
const STATUSES = weightedTable<MerchantStatus>([['approved', 90], ['pending', 5], ['suspended', 3], ['rejected', 2]]);
const REASONS: Partial<Record<MerchantStatus, string>> = {
  rejected: '营业执照信息不完整，请补充后重新提交',
  suspended: '多名会员反映优惠未兑现，暂停展示',
};

/** Fills a name template: {c} city, {d} district, {r} road, {s} surname. */
function fillName(rng: Random, look: CategoryLook, city: DemoCity, d: number, road: string): string {
  return rng
    .pick(look.names)
    .replace('{c}', city.name)
    .replace('{d}', city.shortDistricts[d])
    .replace('{r}', road)
    .replace('{s}', rng.pick(SURNAMES));
}

function merchantAt(rng: Random, id: string, city: DemoCity, stamps: Stamps, pos: Pos): Merchant {
  const look = CATEGORY_LOOKS[rng.weighted(CATEGORY_CUM)];
  const d = rng.int(0, city.districts.length - 1);
  const district = city.districts[d];
  const road = roadOf(rng, city, GENERIC_ROADS);
  if (look.roadside && rng.chance(0.5)) edge(rng, city, pos);
  else scatter(rng, city, pos);
  const rec: Merchant = {
    id,
    name: fillName(rng, look, city, d, road),
    category: look.key,
    lat: pos.lat,
    lng: pos.lng,
    address: addressOf(city, d, road, houseNumber(rng)),
    province: city.province,
    city: city.fullName,
    district,
    phone: phoneOf(rng, city),
    notes: DEMO_NOTE,
    status: draw(rng, STATUSES),
    updated_at: stamps.recent(rng, 200),
    offers: [],
  };
  if (rng.chance(0.95)) rec.opening_hours = rng.pick(look.hours);
  const reason = REASONS[rec.status];
  if (reason !== undefined) rec.reason = reason;
  rec.offers = offersFor(rng, id, look, stamps);
  if (rec.status !== 'approved') holdOffers(rec);
  return rec;
}

/** A merchant not (or no longer) approved has no approved offers: pending, or paused if suspended. */
function holdOffers(rec: Merchant): void {
  for (const o of rec.offers) {
    if (o.status === 'approved') o.status = rec.status === 'suspended' ? 'paused' : 'pending';
  }
}

/** `count` demo merchants spread over the demo cities by size. */
export function generateMerchants(rng: Random, count: number, stamps: Stamps): Merchant[] {
  const out: Merchant[] = [];
  const pos: Pos = { lng: 0, lat: 0 };
  const ids = new DemoIds('demo-m-');
  for (let i = 0; i < count; i++) {
    const city = i < DEMO_CITIES.length ? DEMO_CITIES[i] : DEMO_CITIES[rng.weighted(CITY_CUM)];
    out.push(merchantAt(rng, ids.at(i), city, stamps, pos));
  }
  return out;
}
