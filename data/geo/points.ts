/**
 * Points as columns: what the geo indexes read (position, filter masks, 24 h), one array per field
 * instead of one object per point — at 400 k points the objects alone cost ≈ 40 MB and a pass to
 * make. The indexes take either form; typed columns are used as they are, without a copy.
 */
import KDBush from 'kdbush';
import { sliced, type Sliced } from '../slices';
import { kdFinish } from './kd-sort';

/** One point as the nearest search reads it (the object form of a row of PointColumns). */
export interface NearestPoint {
  lng: number;
  lat: number;
  /** bitmask queried with all-of semantics (amenities) */
  all: number;
  /** bitmask queried with any-of semantics (station type or merchant category) */
  any: number;
  is24h: boolean;
}

/** Point i is (lng[i], lat[i]) with its masks and 24 h flag. */
export interface PointColumns {
  lng: ArrayLike<number>;
  lat: ArrayLike<number>;
  /** bitmask queried with all-of semantics (amenities) */
  all: ArrayLike<number>;
  /** bitmask queried with any-of semantics (station type or merchant category) */
  any: ArrayLike<number>;
  /** 1 where the point is open around the clock, else 0 */
  is24h: ArrayLike<number>;
}

/** Points as objects or as columns. */
export type Points = ArrayLike<NearestPoint> | PointColumns;

/** The same points as typed columns (typed input columns are shared, not copied). */
export interface TypedPointColumns {
  lng: Float64Array;
  lat: Float64Array;
  all: Uint32Array;
  any: Uint32Array;
  is24h: Uint8Array;
}

export const isColumns = (points: Points | ArrayLike<{ lng: number; lat: number }>): points is PointColumns =>
  typeof (points as PointColumns).lng === 'object';

/** Number of points. */
export const pointCount = (points: Points): number => (isColumns(points) ? points.lng.length : points.length);

/** Typed columns of the points. */
export function typedColumns(points: Points): TypedPointColumns {
  if (isColumns(points)) {
    return {
      lng: typed(Float64Array, points.lng), lat: typed(Float64Array, points.lat),
      all: typed(Uint32Array, points.all), any: typed(Uint32Array, points.any), is24h: typed(Uint8Array, points.is24h),
    };
  }
  const n = points.length;
  const c: TypedPointColumns = {
    lng: new Float64Array(n), lat: new Float64Array(n),
    all: new Uint32Array(n), any: new Uint32Array(n), is24h: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const p = points[i];
    c.lng[i] = p.lng;
    c.lat[i] = p.lat;
    c.all[i] = p.all;
    c.any[i] = p.any;
    c.is24h[i] = p.is24h ? 1 : 0;
  }
  return c;
}

type TypedArrayOf<A> = { new (n: number): A; from(values: ArrayLike<number>): A };
function typed<A>(Type: TypedArrayOf<A>, values: ArrayLike<number>): A {
  return values instanceof (Type as unknown as Function) ? (values as unknown as A) : Type.from(values);
}

/** A kdbush kd-tree of `n` points (point j at (x(j), y(j))), filled and sorted a slice at a time. */
export function* kdBuild(n: number, nodeSize: number, x: (j: number) => number, y: (j: number) => number): Sliced<KDBush> {
  const kd = new KDBush(n, nodeSize, Float64Array);
  yield* sliced(n, (j) => kd.add(x(j), y(j)));
  return yield* kdFinish(kd);
}
