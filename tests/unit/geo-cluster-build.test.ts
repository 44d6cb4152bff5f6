// The sliced cluster build mirrors supercluster's `load`: the same clusters, ids, children and
// leaves at every zoom, so a supercluster upgrade that changes its internals is caught here.
import Supercluster from 'supercluster';
import { describe, expect, it } from 'vitest';
import { clustersBuild } from '../../data/geo/cluster-build';
import { Random } from '../../data/demo/random';
import { finish } from '../../data/slices';

const rnd = new Random(7);
const float = (min: number, max: number) => min + rnd.next() * (max - min);

describe('clustersBuild', () => {
  it('gives what supercluster load gives, at every zoom', () => {
    for (const n of [0, 1, 2, 500, 40_000]) {
      // towns of points (clusters at every zoom) plus points scattered over China
      const towns = Array.from({ length: 30 }, () => [float(75, 130), float(20, 50)]);
      const lng = new Float64Array(n), lat = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const t = rnd.pick(towns), spread = rnd.chance(0.7) ? 0.05 : 8;
        [lng[i], lat[i]] = [t[0] + float(-spread, spread), t[1] + float(-spread, spread)];
      }
      const ids = Uint32Array.from({ length: n }, (_, k) => k).filter(() => rnd.chance(0.9)); // a filter's points
      const options = { radius: 40, extent: 256, maxZoom: 13 };
      const load = new Supercluster<null>(options).load(Array.from(ids, (i) => ({ type: 'Feature' as const, id: i, properties: null, geometry: { type: 'Point' as const, coordinates: [lng[i], lat[i]] } })));
      const work = clustersBuild(lng, lat, ids, options);
      let slices = 0;
      for (let step = work.next(); !step.done; step = work.next()) slices++;
      expect(slices).toBeGreaterThanOrEqual(14); // a slice per zoom (13 … 0) at least
      const sliced = finish(clustersBuild(lng, lat, ids, options));
      for (let z = 0; z <= 14; z++) {
        const got = sliced.getClusters([-180, -85, 180, 85], z);
        expect(got).toEqual(load.getClusters([-180, -85, 180, 85], z));
        for (const c of got.filter((f) => f.properties?.cluster).slice(0, 3)) {
          const id = c.properties!.cluster_id as number;
          expect(sliced.getChildren(id)).toEqual(load.getChildren(id));
          expect(sliced.getLeaves(id, 5, 2)).toEqual(load.getLeaves(id, 5, 2));
          expect(sliced.getClusterExpansionZoom(id)).toEqual(load.getClusterExpansionZoom(id));
        }
      }
      // without the single points' tree: the same clusters up to maxZoom, and that tree let go where zoom 13 clustered
      const lean = finish(clustersBuild(lng, lat, ids, options, false));
      for (let z = 0; z <= 13; z++) expect(lean.getClusters([-180, -85, 180, 85], z)).toEqual(load.getClusters([-180, -85, 180, 85], z));
      const trees = (lean as unknown as { trees: unknown[] }).trees;
      expect(trees[14] === undefined).toBe(lean.getClusters([-180, -85, 180, 85], 13).length < ids.length);
    }
  });
});
