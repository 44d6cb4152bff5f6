import OpeningHours from 'opening_hours';
import { describe, expect, it } from 'vitest';
import { DEMO_CITIES } from '../../data/demo/cities';
import { dateCst } from '../../data/demo/dates';
import { DEMO_NOW, generateDemo } from '../../data/demo/generate';
import { merchantSchema, stationSchema, type Merchant, type Station } from '../../data/schema';

const OPTS = { stations: 4000, seed: 7 };
const demo = generateDemo(OPTS);
const { stations, merchants } = demo;
const offers = merchants.flatMap((m) => m.offers);
const cityByName = new Map(DEMO_CITIES.map((c) => [c.fullName, c]));

const REQUIRED = [
  '达州', '福州', '长春', '兰州', '沈阳', '南京', '宁波', '淮北', '吕梁', '连云港', '威海', '淄博', '嘉兴',
  '宜昌', '金华', '北京', '上海', '广州', '深圳', '成都', '重庆', '武汉', '西安', '杭州', '郑州', '长沙',
  '天津',
];

/** Great-circle distance in km (brute-force oracle, independent of data/geo). */
function km(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lng2 - lng1) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

function share<T>(items: readonly T[], pred: (x: T) => boolean): number {
  return items.filter(pred).length / items.length;
}

function centreDistance(r: Station | Merchant): number {
  const c = cityByName.get(r.city ?? '');
  if (!c) throw new Error(`unknown city ${r.city}`);
  return km(r.lat, r.lng, c.lat, c.lng);
}

describe('generateDemo: determinism', () => {
  it('gives byte-identical output for the same options', () => {
    expect(JSON.stringify(generateDemo(OPTS))).toBe(JSON.stringify(demo));
  });

  it('does not depend on the clock: the default now is DEMO_NOW', () => {
    expect(JSON.stringify(generateDemo({ ...OPTS, now: DEMO_NOW }))).toBe(JSON.stringify(demo));
  });

  it('changes with the seed, and the merchant count never changes the stations', () => {
    expect(generateDemo({ ...OPTS, seed: 8 }).stations).not.toEqual(stations);
    expect(generateDemo({ ...OPTS, merchants: 0 }).stations).toEqual(stations);
  });

  it('defaults to stations / 5 merchants', () => {
    expect(merchants).toHaveLength(800);
  });

  it('rejects counts that are not whole numbers and invalid dates', () => {
    expect(() => generateDemo({ stations: -1 })).toThrow(RangeError);
    expect(() => generateDemo({ stations: 10, merchants: 1.5 })).toThrow(RangeError);
    expect(() => generateDemo({ stations: 10, now: new Date('nope') })).toThrow(RangeError);
  });
});

describe('generateDemo: stations', () => {
  it('every station passes the schema unchanged, with no empty optional fields', () => {
    expect(stations.map((s) => stationSchema.parse(s))).toEqual(stations);
    const empty = stations.filter((s) => Object.values(s).some((v) => v === undefined || v === ''));
    expect(empty).toEqual([]);
  });

  it('ids are unique and look like demo-s-000123', () => {
    expect(new Set(stations.map((s) => s.id)).size).toBe(stations.length);
    expect(stations[123].id).toBe('demo-s-000123');
  });

  it('every record is marked as demo data', () => {
    expect([...stations, ...merchants].filter((r) => !r.notes?.includes('演示数据'))).toEqual([]);
  });

  it('covers every required city', () => {
    const present = new Set(stations.map((s) => s.city));
    for (const name of REQUIRED) expect(present.has(`${name}市`), name).toBe(true);
  });

  it('places every station within 60 km of its city centre, drivers’ homes out of the centre', () => {
    expect(stations.filter((s) => centreDistance(s) >= 60)).toEqual([]);
    const drivers = stations.filter((s) => s.type === 'driver_home');
    expect(drivers.filter((s) => centreDistance(s) <= 6)).toEqual([]);
    const minLat = cityByName.get('深圳市')?.minLat ?? 90;
    expect(stations.filter((s) => s.city === '深圳市' && s.lat < minLat)).toEqual([]);
  });

  it('has realistic type shares', () => {
    expect(share(stations, (s) => s.type === 'union_station')).toBeCloseTo(0.45, 1);
    expect(share(stations, (s) => s.type === 'outdoor_worker_station')).toBeCloseTo(0.4, 1);
    expect(share(stations, (s) => s.type === 'driver_home')).toBeCloseTo(0.1, 1);
    expect(share(stations, (s) => s.type === 'other')).toBeCloseTo(0.05, 1);
  });

  it('opens about 30 % of stations 24/7, leaves a few without hours, all valid OSM syntax', () => {
    expect(Math.abs(share(stations, (s) => s.opening_hours === '24/7') - 0.3)).toBeLessThan(0.05);
    const unknown = share(stations, (s) => s.opening_hours === undefined);
    expect(unknown).toBeGreaterThan(0.01);
    expect(unknown).toBeLessThan(0.06);
    const all = new Set([...stations, ...merchants].map((r) => r.opening_hours ?? '24/7'));
    for (const h of all) expect(new OpeningHours(h).getWarnings(), h).toEqual([]);
  });

  it('has a rare amenity and keeps truck parking at drivers’ homes', () => {
    const wheelchair = share(stations, (s) => s.amenities.includes('wheelchair_accessible'));
    expect(wheelchair).toBeGreaterThan(0.003);
    expect(wheelchair).toBeLessThan(0.025);
    const trucks = stations.filter((s) => s.amenities.includes('truck_parking'));
    expect(share(trucks, (s) => s.type === 'driver_home')).toBeGreaterThan(0.8);
    expect(stations.filter((s) => s.amenities.length === 0)).toEqual([]);
  });

  it('is mostly open, a few temporarily closed or closed', () => {
    const temp = share(stations, (s) => s.status === 'temporarily_closed');
    const closed = share(stations, (s) => s.status === 'closed');
    expect(temp).toBeGreaterThan(0.015);
    expect(temp).toBeLessThan(0.05);
    expect(closed).toBeGreaterThan(0.002);
    expect(closed).toBeLessThan(0.02);
  });

  it('was verified within the last 200 days before now, updated no earlier', () => {
    const now = DEMO_NOW.getTime();
    const wrong = stations.filter((s) => {
      const v = Date.parse(s.verified_at ?? '');
      return !(v < now && now - v <= 201 * 86_400_000 && Date.parse(s.updated_at) >= v);
    });
    expect(wrong).toEqual([]);
  });
});

describe('generateDemo: merchants and offers', () => {
  it('every merchant passes the schema unchanged', () => {
    expect(merchants.map((m) => merchantSchema.parse(m))).toEqual(merchants);
  });

  it('ids are unique and prefixed, offers belong to their merchant', () => {
    expect(new Set(merchants.map((m) => m.id)).size).toBe(merchants.length);
    expect(new Set(offers.map((o) => o.id)).size).toBe(offers.length);
    for (const m of merchants) {
      expect(m.id).toMatch(/^demo-m-\d{6}$/);
      expect(m.offers.length).toBeGreaterThanOrEqual(1);
      expect(m.offers.length).toBeLessThanOrEqual(3);
      for (const o of m.offers) {
        expect(o.merchant_id).toBe(m.id);
        expect(o.id).toMatch(/^demo-o-/);
      }
    }
  });

  it('mostly approves merchants, sits near their city', () => {
    expect(share(merchants, (m) => m.status === 'approved')).toBeCloseTo(0.9, 1);
    const held = merchants.filter((m) => m.status !== 'approved');
    expect(held.length).toBeGreaterThan(0);
    expect(held.filter((m) => m.offers.some((o) => o.status === 'approved'))).toEqual([]);
    expect(merchants.filter((m) => centreDistance(m) >= 60)).toEqual([]);
  });

  it('gives values that fit the kind', () => {
    for (const o of offers) {
      if (o.kind === 'percent_off') expect(o.value).toBeGreaterThanOrEqual(5);
      if (o.kind === 'percent_off') expect(o.value).toBeLessThanOrEqual(30);
      if (o.kind === 'free_item') expect(o.value).toBeUndefined();
      if (o.kind === 'member_price' || o.kind === 'coupon') expect(o.value).toBeGreaterThan(0);
      expect(o.redeem).toContain('工会会员卡');
    }
    for (const kind of ['percent_off', 'member_price', 'free_item', 'coupon']) {
      expect(offers.some((o) => o.kind === kind), kind).toBe(true);
    }
  });

  it('has current, expired and future offers relative to now', () => {
    const today = dateCst(DEMO_NOW.getTime(), 0);
    const current = offers.filter((o) => (o.valid_from ?? '') <= today && (o.valid_to ?? '9999') >= today);
    const expired = offers.filter((o) => o.valid_to !== undefined && o.valid_to < today);
    const future = offers.filter((o) => o.valid_from !== undefined && o.valid_from > today);
    expect(current.length / offers.length).toBeGreaterThan(0.6);
    expect(expired.length).toBeGreaterThan(0);
    expect(future.length).toBeGreaterThan(0);
    expect(current.length + expired.length + future.length).toBe(offers.length);
  });

  it('moves every timestamp and window with now', () => {
    const now = new Date('2027-03-01T00:00:00+08:00');
    const later = generateDemo({ ...OPTS, now });
    const shift = now.getTime() - DEMO_NOW.getTime();
    const a = later.stations[5];
    expect(Date.parse(a.verified_at ?? '')).toBe(Date.parse(stations[5].verified_at ?? '') + shift);
    const o = later.merchants[0].offers[0];
    expect(Date.parse(o.valid_from ?? '')).toBe(Date.parse(merchants[0].offers[0].valid_from ?? '') + shift);
  });
});
