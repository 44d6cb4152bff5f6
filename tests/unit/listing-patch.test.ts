// A listing patched in place answers every question exactly as a listing built afresh from the
// changed records: random sequences of changes (names, amenities and those out of order, type,
// paused/reopened, hours, zone, notices) over a few thousand demo stations, then nearest with
// every filter at several instants, the map at several zooms and filters, search, corridors, and
// the per-record answers (open now, next change, notice kinds), compared with a fresh build.
import { describe, expect, it } from 'vitest';
import { buildListing, listingBuild, type Listing } from '../../api/listing';
import type { IndexColumns } from '../../api/store/port';
import { AMENITY_KEYS, NOTICE_KIND_KEYS, STATION_TYPE_KEYS, maskOf } from '../../data/catalog';
import { DEMO_CITIES } from '../../data/demo/cities';
import { generateDemo } from '../../data/demo/generate';
import { Random } from '../../data/demo/random';
import { POINT_INDEX } from '../../data/listing-core';
import { POINT_ZOOM } from '../../data/geo/point-zoom';
import { stationValues } from '../../data/listing-record';
import { mapAnswer, type MapQuery } from '../../data/map-answer';
import { installPinyinPro } from '../../data/pinyin-pro';
import type { Station } from '../../data/schema';
import { finish } from '../../data/slices';

installPinyinPro(); // these tests search listings directly; the API loads the reader with a listing's first searchReady

const rnd = new Random(42);
const AT = ['2026-11-23T02:00:00Z', '2026-11-23T14:30:00Z', '2026-11-28T02:30:00Z', '2026-12-02T10:00:00Z'].map((t) => new Date(t));
const HOURS = [undefined, '24/7', 'Mo-Su 00:00-24:00', 'Mo-Fr 08:00-18:00', '20:00-06:00', 'Mo-Sa 07:30-19:30', 'Mo-Su 10:00-14:00,17:00-22:00; PH off', 'not hours'];
const NAMES = ['驿站', '爱心', 'Station', '暖心'];

/** The index columns of the listed stations, in array order (rowid = position), as the store builds them. */
function columnsOf(stations: readonly Station[]): IndexColumns {
  const listed = stations.filter((s) => s.status !== 'closed');
  const v = listed.map(stationValues);
  return {
    rowid: Float64Array.from(listed, (_, k) => k + 1), id: listed.map((s) => s.id), name: v.map((x) => x.name),
    lng: Float64Array.from(listed, (s) => s.lng), lat: Float64Array.from(listed, (s) => s.lat),
    all: Uint32Array.from(v, (x) => x.all), any: Uint32Array.from(v, (x) => x.any), status: v.map((x) => x.status),
    hours: v.map((x) => x.hours), tz: v.map((x) => x.tz), notices: v.map((x) => x.notices ?? null),
  };
}

const some = <T>(keys: readonly T[], max: number) => [...new Set(Array.from({ length: rnd.int(0, max) }, () => rnd.pick(keys)))];

/** A notice whose window starts or ends around the test instants (wall clock in the station's zone). */
function notice(k: number) {
  const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}`;
  const starts = rnd.pick([undefined, day(rnd.int(20, 30)), `${day(rnd.int(20, 30))}T${rnd.pick(['09:00', '22:00'])}`]);
  const ends = rnd.pick([undefined, day(rnd.int(22, 30)), `${day(rnd.int(22, 30))}T${rnd.pick(['12:00', '23:30'])}`]);
  return {
    id: `n${k}`, kind: rnd.pick(NOTICE_KIND_KEYS), title: '通知', body: '', created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z',
    ...(starts ? { starts } : {}), ...(ends && (!starts || ends >= starts) ? { ends } : {}),
  };
}

/** One random in-place change to a listed station (never its id, position, or closing it for good). */
function change(s: Station): Station {
  const next: Station = { ...s };
  switch (rnd.int(0, 7)) {
    case 0: next.name = `${rnd.pick(NAMES)}${rnd.int(0, 99)}${s.name.slice(0, 3)}`; break;
    case 1: next.amenities = some(AMENITY_KEYS, 6); break;
    case 2: next.amenities_unavailable = some(s.amenities, 2); break;
    case 3: next.type = rnd.pick(STATION_TYPE_KEYS); break;
    case 4: next.status = s.status === 'open' ? 'temporarily_closed' : 'open'; break;
    case 5: next.opening_hours = rnd.pick(HOURS); break;
    case 6: next.timezone = rnd.pick([undefined, 'Asia/Urumqi', 'Asia/Shanghai']); break;
    default: next.notices = rnd.chance(0.2) ? undefined : (Array.from({ length: rnd.int(1, 3) }, (_, k) => notice(k)) as Station['notices']);
  }
  for (const k of Object.keys(next) as (keyof Station)[]) if (next[k] === undefined) delete next[k];
  return next;
}

const near = () => {
  const c = rnd.pick(DEMO_CITIES);
  return { lng: c.lng + (rnd.next() - 0.5) * 0.6, lat: c.lat + (rnd.next() - 0.5) * 0.6 };
};
const mask = (keys: readonly string[], max: number) => maskOf(keys, some(keys, max));

/**
 * Every answer of the patched listing equals the fresh one's (listing indexes are the same in both);
 * `moved`: the places records were moved from and to, in place (their clusters stay where they
 * were): the map is compared where it lists single points (from POINT_ZOOM on), around those places.
 */
function expectSame(patched: Listing, fresh: Listing, moved?: { lng: number; lat: number }[]) {
  for (const f of ['name', 'all', 'any', 'status', 'hours', 'tz', 'notices'] as const) expect(patched.cols[f], f).toEqual(fresh.cols[f]);
  expect(patched.is24h).toEqual(fresh.is24h);
  expect(patched.points).toEqual(fresh.points);
  for (const at of AT) {
    for (let i = 0; i < fresh.size; i++) {
      expect(patched.openNow(i, at)).toBe(fresh.openNow(i, at));
      expect(patched.nextChange(i, at)).toEqual(fresh.nextChange(i, at));
      expect(patched.noticeKinds(i, at)).toEqual(fresh.noticeKinds(i, at));
    }
    // nearest: each amenity and each type alone (the selective ones have their own trees), then random combinations
    const queries = [
      ...AMENITY_KEYS.map((a) => ({ amenities: [a] })),
      ...STATION_TYPE_KEYS.map((t) => ({ types: [t] })),
      ...Array.from({ length: 40 }, () => ({ amenities: some(AMENITY_KEYS, 2), types: some(STATION_TYPE_KEYS, 2) })),
    ];
    for (const q of queries) {
      const query = {
        ...near(), ...q, at, limit: rnd.pick([1, 10, 50]), maxDistance: rnd.pick([undefined, 20_000, 300_000]),
        open: rnd.pick([undefined, 'now', '24h'] as const), notices: rnd.chance(0.3) ? some(NOTICE_KIND_KEYS, 3) : undefined,
      };
      expect(patched.nearest(query), JSON.stringify(query)).toEqual(fresh.nearest(query));
    }
    // the map: all of China and a city, at several zooms, with the map's filters
    const city = near();
    const box = (p: { lng: number; lat: number }) => [p.lng - 0.05, p.lat - 0.05, p.lng + 0.05, p.lat + 0.05];
    const boxes = moved ? [city, ...moved].map(box) : [[73, 18, 135, 54], [city.lng - 0.3, city.lat - 0.3, city.lng + 0.3, city.lat + 0.3]];
    for (const bbox of boxes as [number, number, number, number][]) {
      for (const zoom of moved ? [POINT_ZOOM, 16] : [3, 6, 9, 12, 15]) {
        for (const q of [{}, { open: '24h' }, { open: 'now' }, { amenities: some(AMENITY_KEYS, 2) }, { types: some(STATION_TYPE_KEYS, 1) }, { notices: some(NOTICE_KIND_KEYS, 2) }] as MapQuery[]) {
          const a = mapAnswer(patched, bbox, zoom, q, at), b = mapAnswer(fresh, bbox, zoom, q, at);
          expect(JSON.stringify(a), `${zoom} ${JSON.stringify(q)}`).toBe(JSON.stringify(b));
          const index = (f: (typeof a.features)[number]) => (f.properties as Record<symbol, unknown> | null)?.[POINT_INDEX];
          expect(a.features.map(index)).toEqual(b.features.map(index));
          expect(patched.mapFilter({ ...q, open: q.open === '24h' ? '24h' : undefined, at }).key).toBe(fresh.mapFilter({ ...q, open: q.open === '24h' ? '24h' : undefined, at }).key);
        }
      }
    }
  }
  for (const q of [...NAMES, fresh.cols.id[rnd.int(0, fresh.size - 1)], fresh.cols.name[rnd.int(0, fresh.size - 1)].slice(2, 5)]) {
    const p = near();
    expect(patched.search(q, p, 20)).toEqual(fresh.search(q, p, 20));
  }
  for (let k = 0; k < 10; k++) {
    const line = [near(), near()].map((p): [number, number] => [p.lng, p.lat]);
    const q = { width: rnd.pick([2000, 20_000]), all: mask(AMENITY_KEYS, 1), any: mask(STATION_TYPE_KEYS, 1), only24h: rnd.chance(0.3) };
    expect(patched.corridor().query(line, q)).toEqual(fresh.corridor().query(line, q));
  }
}

/** Builds every lazily built part, so the patch has to bring them along (not just build them later). */
function warmAll(l: Listing) {
  l.warm();
  l.corridor();
  for (const at of AT.slice(0, 2)) {
    for (const q of [{ open: '24h' }, { amenities: ['shower'] }, { types: ['driver_home'] }, { notices: ['job', 'relief'] }, { amenities: ['wifi'], open: '24h' }] as MapQuery[]) {
      mapAnswer(l, [73, 18, 135, 54], 5, q, at);
    }
  }
}

describe('a listing patched in place', () => {
  it('answers exactly as a fresh build, through random sequences of changes', () => {
    const stations = generateDemo({ stations: 3000, merchants: 0 }).stations.map((s) => ({ ...s }));
    const patched = buildListing(columnsOf(stations), 'stations');
    warmAll(patched);
    for (let round = 0; round < 8; round++) {
      const n = rnd.pick([1, 3, 20, 200]);
      const changes = [];
      for (let c = 0; c < n; c++) {
        const k = rnd.int(0, stations.length - 1);
        if (stations[k].status === 'closed') continue;
        stations[k] = change(stations[k]);
        const i = patched.indexOf(stations[k].id)!;
        changes.push({ i, values: stationValues(stations[k]) });
      }
      patched.patch(changes);
      const fresh = buildListing(columnsOf(stations), 'stations');
      expectSame(patched, fresh);
      if (round % 3 === 0) warmAll(patched); // rebuild what the patch dropped, so later rounds patch built trees again
    }
  });

  it('moves records in place: nearest, the single points of the map, search and corridors answer as a fresh build', () => {
    const stations = generateDemo({ stations: 3000, merchants: 0 }).stations.map((s) => ({ ...s }));
    const patched = buildListing(columnsOf(stations), 'stations');
    warmAll(patched);
    patched.search('驿站', near(), 5); // its index built, so the moves reach a built one (and one that was built before them)
    const movedSoFar = new Set<number>();
    for (let round = 0; round < 6; round++) {
      const moves = [], changes = [], places = [];
      for (let c = rnd.int(1, 9); c > 0; c--) {
        const k = rnd.int(0, stations.length - 1);
        if (stations[k].status === 'closed') continue;
        const to = rnd.chance(0.3) ? near() : { lng: stations[k].lng + (rnd.next() - 0.5) * 0.02, lat: stations[k].lat + (rnd.next() - 0.5) * 0.02 };
        stations[k] = rnd.chance(0.5) ? { ...change(stations[k]), ...to } : { ...stations[k], ...to };
        const i = patched.indexOf(stations[k].id)!;
        places.push({ lng: patched.cols.lng[i], lat: patched.cols.lat[i] }, to);
        moves.push({ i, ...to });
        changes.push({ i, values: stationValues(stations[k]) });
      }
      expect(patched.move(moves)).toBe(true);
      patched.patch(changes);
      for (const m of moves) movedSoFar.add(m.i);
      expect(patched.movedSinceBuild()).toBe(movedSoFar.size);
      const fresh = buildListing(columnsOf(stations), 'stations');
      expectSame(patched, fresh, places);
      for (const m of moves) { // found where they are now (a common word walks the places nearest first)
        for (const q of [patched.cols.name[m.i], '驿站', 'yizhan']) expect(patched.search(q, m, 10), q).toEqual(fresh.search(q, m, 10));
      }
      if (round === 2) warmAll(patched); // the corridor index (dropped by a move) built again at the new places
    }
    // past MAX_MOVED (64) since the build: refused, nothing changed (the API builds a listing then)
    const others = Array.from({ length: 70 }, (_, k) => ({ i: k, lng: 100, lat: 30 })).filter((m) => patched.cols.lng[m.i] !== 100);
    const before = [...patched.points.lng];
    expect(patched.move(others)).toBe(false);
    expect([...patched.points.lng]).toEqual(before);
    expect(patched.movedSinceBuild()).toBe(movedSoFar.size);
  });

  it('takes in moves made while its search index is built, before and after it read the positions', () => {
    const stations = generateDemo({ stations: 3000, merchants: 0 }).stations.map((s) => ({ ...s }));
    const patched = buildListing(columnsOf(stations), 'stations');
    const moves: { i: number; lng: number; lat: number }[] = [];
    for (let slices = 0; !patched.prepareSearch(1); slices++) {
      if (slices % 3 !== 0 || moves.length >= 40) continue;
      const k = rnd.int(0, stations.length - 1);
      if (stations[k].status === 'closed') continue;
      const to = near();
      stations[k] = { ...stations[k], ...to };
      const m = { i: patched.indexOf(stations[k].id)!, ...to };
      expect(patched.move([m])).toBe(true);
      moves.push(m);
    }
    expect(moves.length).toBeGreaterThan(3);
    const fresh = buildListing(columnsOf(stations), 'stations');
    for (const m of moves) for (const q of [patched.cols.name[m.i], '驿站']) expect(patched.search(q, m, 10), q).toEqual(fresh.search(q, m, 10));
  });

  it('builds its corridor index again when a record moves while it is built', () => {
    const stations = generateDemo({ stations: 3000, merchants: 0 }).stations.map((s) => ({ ...s }));
    const patched = buildListing(columnsOf(stations), 'stations');
    const building = patched.corridorBuilding();
    building.next();
    const k = stations.findIndex((s) => s.status !== 'closed'), to = { lng: 118.8, lat: 32.05 };
    stations[k] = { ...stations[k], ...to };
    expect(patched.move([{ i: patched.indexOf(stations[k].id)!, ...to }])).toBe(true);
    while (!building.next().done);
    const fresh = buildListing(columnsOf(stations), 'stations'), line: [number, number][] = [[118.7, 32], [118.9, 32.1]];
    expect(patched.corridor().query(line, { width: 5000 })).toEqual(fresh.corridor().query(line, { width: 5000 }));
    expect(patched.corridor().query(line, { width: 5000 }).map((h) => h.i)).toContain(patched.indexOf(stations[k].id));
  });

  it('takes in patches made between the slices of its filter trees, clusters and corridor index', () => {
    const stations = generateDemo({ stations: 3000, merchants: 0 }).stations.map((s) => ({ ...s }));
    const patched = buildListing(columnsOf(stations), 'stations');
    const filters = [{ open: '24h' as const }, { amenities: ['shower'] }, { types: ['driver_home'] }].map((q) => patched.mapFilter(q));
    const builds: Generator<void, unknown, void>[] = [patched.warming(), patched.corridorBuilding(), ...filters.map((f) => patched.viewport().building(f))];
    let slices = 0;
    for (let round = 0; round < 6; round++) {
      for (const b of builds) for (let k = 0; k < 2; k++) slices += b.next().done ? 0 : 1;
      const changes = [];
      for (let c = 0; c < 30; c++) {
        const k = rnd.int(0, stations.length - 1);
        if (stations[k].status === 'closed') continue;
        stations[k] = change(stations[k]);
        changes.push({ i: patched.indexOf(stations[k].id)!, values: stationValues(stations[k]) });
      }
      patched.patch(changes);
    }
    expect(slices).toBeGreaterThan(30); // the patches came while the builds were under way
    for (const b of builds) finish(b);
    expect(patched.used()).toMatchObject({ clusters: true, corridor: true });
    const fresh = buildListing(columnsOf(stations), 'stations');
    expectSame(patched, fresh);
    for (const q of [{ open: '24h' as const }, { amenities: ['shower'] }, { types: ['driver_home'] }]) {
      for (const zoom of [4, 8, 12]) expect(mapAnswer(patched, [73, 18, 135, 54], zoom, q, AT[0])).toEqual(mapAnswer(fresh, [73, 18, 135, 54], zoom, q, AT[0]));
    }
  });

  it('builds in slices what the listing it replaces used, answering as a listing built at once', () => {
    const stations = generateDemo({ stations: 3000, merchants: 0 }).stations;
    const old = buildListing(columnsOf(stations), 'stations');
    expect(old.used()).toEqual({ clusters: false, corridor: false });
    warmAll(old);
    expect(old.used()).toEqual({ clusters: true, corridor: true });
    const work = listingBuild(columnsOf(stations), 'stations', old.used());
    let slices = 0;
    for (let step = work.next(); !step.done; step = work.next()) slices++;
    const sliced = finish(listingBuild(columnsOf(stations), 'stations', old.used()));
    expect(slices).toBeGreaterThan(20);
    expect(sliced.used()).toEqual({ clusters: true, corridor: true });
    expectSame(sliced, buildListing(columnsOf(stations), 'stations'));
  });

  it('renews the stamps of patched records only', () => {
    const stations = generateDemo({ stations: 200, merchants: 0 }).stations.filter((s) => s.status !== 'closed');
    const l = buildListing(columnsOf(stations), 'stations');
    const before = Array.from({ length: l.size }, (_, i) => l.stamp(i));
    l.patch([{ i: 5, values: stationValues({ ...stations[5], name: '新名' }) }]);
    expect(l.stamp(5)).not.toBe(before[5]);
    expect(Array.from({ length: l.size }, (_, i) => l.stamp(i)).filter((s, i) => s !== before[i])).toHaveLength(1);
    expect(l.search('新名', stations[0], 5).map((h) => h.i)).toEqual([5]);
  });
});
