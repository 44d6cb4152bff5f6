// Every store adapter writes a record's index columns as data/listing-record.ts computes them, and
// lists exactly the records data/listing-query.ts `isListed` says — the same functions the PWA's
// offline copy builds its chunks with — so SQLite, PostgreSQL and the phone cannot drift apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERCHANT_STATUSES, STATION_STATUSES } from '../../data/catalog';
import { generateDemo } from '../../data/demo/generate';
import { isListed } from '../../data/listing-query';
import { merchantValues, stationValues } from '../../data/listing-record';
import type { IndexColumns } from '../../api/store/port';
import type { Merchant, Station } from '../../data/schema';
import { canonicalMerchant, canonicalStation } from '../../data/records';
import { NOW, station } from './helpers';
import { openTestStore, type TestStore } from './test-store';

let dir: string;
let t: TestStore;
let stations: Station[];
let merchants: Merchant[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yizhan-rules-'));
  t = await openTestStore(dir);
  const demo = generateDemo({ stations: 300, merchants: 80 });
  const at = NOW.toISOString();
  // every status of each kind, amenities out of order and notices among them
  stations = [
    ...demo.stations.map((s, k) => canonicalStation({ ...s, status: STATION_STATUSES[k % STATION_STATUSES.length] }, at)),
    station({ id: 'rules-broken', amenities: ['drinking_water', 'microwave', 'shower'], amenities_unavailable: ['microwave'] }),
    station({
      id: 'rules-notices', timezone: 'Asia/Urumqi', notices: [
        { id: 'n1', kind: 'job', title: '招聘会', body: '', starts: '2026-11-28T09:00', ends: '2026-11-28T12:00', created_at: at, updated_at: at },
      ],
    }),
  ];
  merchants = demo.merchants.map((m, k) => canonicalMerchant({ ...m, status: MERCHANT_STATUSES[k % MERCHANT_STATUSES.length] }, at));
  await t.store.upsertStations(stations);
  await t.store.upsertMerchants(merchants);
});
afterAll(async () => {
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Each index row's values, by id. */
function rows(cols: IndexColumns) {
  return new Map(Array.from(cols.id, (id, i) => [id, {
    name: cols.name[i], all: cols.all[i], any: cols.any[i], status: cols.status[i], hours: cols.hours[i], tz: cols.tz[i],
    ...(cols.notices ? { notices: cols.notices[i] } : {}),
  }]));
}

describe('the listing rules, as each store applies them', () => {
  it('stations: the listed ones (isListed), each with stationValues', async () => {
    const held = rows(await t.store.stationIndex());
    const listed = stations.filter((s) => isListed('stations', s.status));
    expect(listed.length).toBeLessThan(stations.length); // some are closed
    expect([...held.keys()].sort()).toEqual(listed.map((s) => s.id).sort());
    for (const s of listed) expect(held.get(s.id), s.id).toEqual(stationValues(s));
    expect(held.get('rules-notices')!.notices).not.toBeNull();
  });

  it('merchants: the listed ones (isListed), each with merchantValues', async () => {
    const held = rows(await t.store.merchantIndex());
    const listed = merchants.filter((m) => isListed('merchants', m.status));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(merchants.length);
    expect([...held.keys()].sort()).toEqual(listed.map((m) => m.id).sort());
    for (const m of listed) expect(held.get(m.id), m.id).toEqual(merchantValues(m));
  });
});
