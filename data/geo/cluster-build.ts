/**
 * supercluster's `load`, a slice at a time. `load` clusters every zoom in one call: ≈ 0.5 s at
 * 400 k points, which would hold the server's only thread (and a phone's) that long. This runs
 * the same steps with a yield between them: the points are read, each zoom clustered and its
 * tree sorted, a slice at a time.
 *
 * It mirrors `load` of supercluster 9.1 (its point layout, its trees, and its `_cluster` step), so
 * the version is pinned in package.json; tests/unit/geo-cluster-build.test.ts checks
 * that both give the same clusters. A supercluster whose internals differ is loaded at once.
 */
import KDBush from 'kdbush';
import Supercluster, { type AnyProps, type Options } from 'supercluster';
import type { Feature, Point } from 'geojson';
import { SLICE_ITEMS, sliced, type Sliced } from '../slices';
import { kdFinish } from './kd-sort';

/** The parts of supercluster 9.1 that `load` uses. */
interface Internals {
  options: { minZoom: number; maxZoom: number; nodeSize: number; reduce: unknown; radius: number; extent: number; minPoints: number };
  stride: number;
  trees: unknown[];
  numPoints: number;
  props: null[];
  coords: Float64Array;
  ids: ArrayLike<number> | null;
  _createTree(data: Int32Array, numItems: number): unknown;
  _cluster(prev: Int32Array, prevNum: number, zoom: number, out: Int32Array): number;
}

// supercluster 9.1's point layout: 6 Int32 per point, positions in fixed point (see its encode)
const STRIDE = 6, SCALE = 0x40000000;
const CLUSTER_SLICE = SLICE_ITEMS / 4; // points per slice: each looks up its neighbours (≈ 0.5 µs, more at low zooms)
const OFFSET_ZOOM = 2, OFFSET_ID = 3, OFFSET_PARENT = 4, OFFSET_NUM = 5;
const encode = (c: number) => (c - 0.5) * SCALE;

/**
 * Clusters of the points `ids` (point k of the index is ids[k], at (lng, lat)), with the feature
 * id of each point its index in `lng`/`lat`, and null properties. With `pointTree` false the tree
 * of the single points (the zoom above maxZoom, 34 bytes a point) is let go once the zooms are
 * clustered: getClusters answers up to maxZoom, as before, but getChildren, getLeaves and
 * getClusterExpansionZoom no longer reach below the clusters of maxZoom.
 */
export function* clustersBuild(
  lng: ArrayLike<number>, lat: ArrayLike<number>, ids: Uint32Array, options: Options<null, AnyProps>, pointTree = true,
): Sliced<Supercluster<null>> {
  const clusters = new Supercluster<null>(options);
  const s = clusters as unknown as Internals;
  if (s.stride !== STRIDE || s.options.reduce || typeof s._cluster !== 'function' || typeof s._createTree !== 'function' || typeof KDBush.prototype.withinInto !== 'function') {
    return clusters.load(features(lng, lat, ids));
  }
  const { minZoom, maxZoom } = s.options;
  const n = ids.length, notProcessed = maxZoom + 1;
  s.numPoints = n;
  const props = (s.props = new Array<null>(n)); // filled below (.fill(null) is 11 ms at 400 k)
  s.ids = ids; // only ever indexed (a copy, Array.from(ids), was 70 ms)
  s.coords = new Float64Array(n * 2);
  let prev: Int32Array = new Int32Array(n * STRIDE);
  yield* sliced(n, (k) => {
    props[k] = null;
    const px = lng[ids[k]] / 360 + 0.5, py = mercatorY(lat[ids[k]]), w = k * STRIDE;
    s.coords[2 * k] = px;
    s.coords[2 * k + 1] = py;
    prev[w] = encode(px);
    prev[w + 1] = encode(py);
    prev[w + 2] = notProcessed; // zoom
    prev[w + 3] = k; // index of the point
    prev[w + 4] = -1; // parent cluster
    prev[w + 5] = 1; // points in it
  });
  let prevNum = n;
  s.trees[maxZoom + 1] = yield* treeBuild(prev, prevNum, s.options.nodeSize);
  let recycled: Int32Array | null = null;
  for (let z = maxZoom; z >= minZoom; z--) {
    const out: Int32Array = recycled ?? new Int32Array(prevNum * STRIDE);
    recycled = null;
    const written = yield* clusterZoom(s, prev, prevNum, z, out);
    if (written === prevNum) { // nothing clustered: the zoom above's tree serves, and the slab is reused
      s.trees[z] = s.trees[z + 1];
      recycled = out;
    } else {
      // the slab was made for every point of the zoom above: kept whole, most of it would hold nothing
      // (at 400 k points zoom 13 writes a fifth of it, 7.5 MB of zeros for as long as the index lives)
      const kept = written * STRIDE < out.length / 2 ? out.slice(0, written * STRIDE) : out;
      s.trees[z] = s._createTree(kept, written);
      prev = kept;
      prevNum = written;
    }
    yield;
  }
  if (!pointTree && s.trees[maxZoom] !== s.trees[maxZoom + 1]) s.trees[maxZoom + 1] = undefined;
  return clusters;
}

/**
 * supercluster 9.1's `_cluster` (without `reduce`, which clustersBuild leaves to `load`), a slice
 * of points at a time: the top zoom alone held the loop ≈ 0.2 s at 400 k points. It clusters the
 * `numItems` points of `data` at `zoom` into `out` and returns how many it wrote.
 */
function* clusterZoom(s: Internals, data: Int32Array, numItems: number, zoom: number, out: Int32Array): Sliced<number> {
  const { radius, extent, minPoints, maxZoom } = s.options;
  const r = (radius / (extent * (1 << zoom))) * SCALE;
  const notProcessed = maxZoom + 1;
  const tree = s.trees[zoom + 1] as KDBush;
  const neighborIds = new Uint32Array(numItems);
  let cursor = 0;
  for (let start = 0; start < numItems; start += CLUSTER_SLICE) {
    const limit = Math.min(numItems, start + CLUSTER_SLICE) * STRIDE;
    for (let i = start * STRIDE; i < limit; i += STRIDE) {
      if (data[i + OFFSET_ZOOM] <= zoom) continue; // visited at this zoom
      data[i + OFFSET_ZOOM] = zoom;
      const x = data[i], y = data[i + 1];
      const neighborCount = tree.withinInto(x, y, r, neighborIds);
      const numPointsOrigin = data[i + OFFSET_NUM];
      let numPoints = numPointsOrigin;
      for (let n = 0; n < neighborCount; n++) {
        const k = neighborIds[n] * STRIDE;
        if (data[k + OFFSET_ZOOM] > zoom) numPoints += data[k + OFFSET_NUM];
      }
      if (numPoints > numPointsOrigin && numPoints >= minPoints) { // a cluster: the weighted centre of the unvisited neighbours
        let wx = x * numPointsOrigin, wy = y * numPointsOrigin;
        const id = (((i / STRIDE) | 0) << 5) + (zoom + 1) + s.numPoints; // origin point and zoom, as supercluster encodes them
        for (let n = 0; n < neighborCount; n++) {
          const k = neighborIds[n] * STRIDE;
          if (data[k + OFFSET_ZOOM] <= zoom) continue;
          data[k + OFFSET_ZOOM] = zoom;
          const numPoints2 = data[k + OFFSET_NUM];
          wx += data[k] * numPoints2;
          wy += data[k + 1] * numPoints2;
          data[k + OFFSET_PARENT] = id;
        }
        data[i + OFFSET_PARENT] = id;
        out[cursor] = wx / numPoints;
        out[cursor + 1] = wy / numPoints;
        out[cursor + OFFSET_ZOOM] = notProcessed;
        out[cursor + OFFSET_ID] = id;
        out[cursor + OFFSET_PARENT] = -1;
        out[cursor + OFFSET_NUM] = numPoints;
        cursor += STRIDE;
      } else { // left unclustered, and so are its unvisited neighbours
        for (let j = 0; j < STRIDE; j++) out[cursor + j] = data[i + j];
        cursor += STRIDE;
        if (numPoints > 1) {
          for (let n = 0; n < neighborCount; n++) {
            const k = neighborIds[n] * STRIDE;
            if (data[k + OFFSET_ZOOM] <= zoom) continue;
            data[k + OFFSET_ZOOM] = zoom;
            for (let j = 0; j < STRIDE; j++) out[cursor + j] = data[k + j];
            cursor += STRIDE;
          }
        }
      }
    }
    yield;
  }
  return cursor / STRIDE;
}

/** supercluster's `_createTree`, a slice at a time: a kd-tree of the first `n` points of `data`, which it keeps. */
function* treeBuild(data: Int32Array, n: number, nodeSize: number): Sliced<KDBush> {
  const tree = new KDBush(n, nodeSize, Int32Array);
  yield* sliced(n, (k) => tree.add(data[k * STRIDE], data[k * STRIDE + 1]));
  return Object.assign(yield* kdFinish(tree), { data });
}

/** Web-Mercator y in [0, 1] (0 at the north edge), as supercluster projects. */
export function mercatorY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

/**
 * The chosen points as GeoJSON features for supercluster's `load`, made one at a time as it reads
 * them (it keeps only their id, properties and position): at 400 k points, a whole array of them
 * would be ≈ 60 MB of short-lived objects. supercluster 9's `load` only reads `length` and
 * iterates; the viewport tests catch one that indexes instead.
 */
function features(lng: ArrayLike<number>, lat: ArrayLike<number>, ids: Uint32Array): Feature<Point, null>[] {
  const iterable = {
    length: ids.length,
    *[Symbol.iterator](): Iterator<Feature<Point, null>> {
      for (const i of ids) yield { type: 'Feature', id: i, properties: null, geometry: { type: 'Point', coordinates: [lng[i], lat[i]] } };
    },
  };
  return iterable as unknown as Feature<Point, null>[];
}
