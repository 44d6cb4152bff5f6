/**
 * The chain of bisectors along a route: which segment is nearest to a point in the Mercator
 * plane, proven by sign tests instead of distances, for a group of points near each other at once.
 *
 * Two segments meeting at vertex V — in from A, out to B, with unit directions u_in and u_out —
 * are mirror images across the bisector through V with normal n = u_in + u_out: the mirror takes
 * the ray V→A onto the ray V→B, each point to the one as far from V. For P with (P − V)·n > 0,
 * every point X of the ray towards A has its mirror image σX nearer to P. So when the point X of
 * segment AV nearest to P is no farther from V than B is (|VX| ≤ |VB|), σX lies on VB and the
 * segment out is at least as near as the one in (nearer, unless X = V); and the other way round
 * for (P − V)·n < 0 and the nearest point of VB no farther from V than A. |VX| is P's projection
 * on the ray towards A, capped at |VA|: the condition is a half-plane, or always true when
 * |VA| ≤ |VB|.
 *
 * If those signs read + … + − … − along every vertex between the segments that can be in reach
 * of a point, the Mercator distances fall to the segment after the last + and rise after it: it is
 * nearest, and the distances of the others grow outward from it, so a search for the near-ties
 * that the exact offsets must settle stops at the first segment that is too far. A point within
 * 1e-13 of a bisector (a micrometre), or on the wrong side of a condition, is not decided here.
 *
 * For a group of points the segments in reach are found once (one R-tree walk with the group's
 * box grown by the reach), and each bisector is tested against the box: one side for the whole
 * box, or crossing it; then against smaller boxes within it, each lying along the route (the
 * finder's slabs), which few bisectors cross. Only those are tested per point. Where the route
 * bends back within reach, the signs read + … − … + … −: each local minimum of the distances is
 * searched outward within its run (`minima`).
 */
import { EARTH_RADIUS_M } from './haversine';
import { latOfY } from './corridor-segment';
import type { Route } from './corridor-route';
import type { Probe } from './corridor-near';

/** A sign within this of 0 (Mercator units, ≈ 0.6 µm) is not decided: rounding of the tests is ~1e-15. */
const EPS = 1e-13;
/** The widest reach (Mercator) the chain serves: its finder's bounds hold to 0.01 (64 km at the equator, 50 km at 40°). */
export const MAX_W = 0.01;
/** Values kept per vertex (BisectorChain.d). */
const VERTEX = 9;

/** Groups' segments in reach, their bisectors' signs over the group's box, and a point's nearest segment by the chain. */
export class BisectorChain {
  /**
   * Per vertex v (joining segments v − 1 and v), VERTEX values from VERTEX·v (together: one or two
   * cache lines a vertex): its bisector (n·P − c), the condition for its + side (u_in·P − c > 0)
   * and for its − side (c − u_out·P > 0), each as x, y, c; NaN where it has none.
   */
  private readonly d: Float64Array;
  /** the group's first and last segment in reach (hi = −1: none) */
  lo = 0;
  hi = -1;
  /** the direction the boxes lie along (a unit vector in the Mercator plane) */
  readonly axis = Float64Array.of(1, 0);
  /** every Q within reach of a point of the group's box is within w of it in the Mercator plane (the chain serves groups with w ≤ MAX_W) */
  w = 0;
  /** the last vertex whose + holds for the whole box (lo when none) and the first whose − does (hi + 1 when none) */
  private plus = 0;
  private minus = 0;
  /** the vertices crossing the box, and how many */
  private cross: Int32Array = new Int32Array(64);
  private crossing = 0;
  /** the same for the whole group (a box narrowed within it starts from them) */
  private groupServes = false;
  private groupPlus = 0;
  private groupMinus = 0;
  private groupCross: Int32Array = new Int32Array(64);
  private groupCrossing = 0;
  /** whether the signs over the box read + … + − … − for every point of it, as far as they are known (else `nearest` sends to `minima`) */
  private untangled = false;
  private groupUntangled = false;
  /** the sign of each vertex lo + 1 … hi over the group's box (at v − lo): 1, −1, or 0 where its bisector crosses the box */
  private signs = new Int8Array(64);
  /** what `minima` found: per local minimum, its segment and the first and last segment of its run */
  runs = new Int32Array(48);
  private readonly stack: number[] = [];
  private readonly reach: number;

  constructor(private readonly r: Route, maxM: number) {
    this.reach = (maxM / EARTH_RADIUS_M) * (1 + 1e-9) + 1e-12;
    this.d = vertices(r);
  }

  /**
   * Readies the chain for points in a Mercator box (`bounds`: min x, min y, max x, max y), and
   * within it the box at boxes[at…at + 3] (as `sort` reads it): the segments in reach (lo..hi) and
   * the bisectors' signs over the box.
   */
  group(bounds: Float64Array, boxes: Float64Array, at: number): void {
    const ay = Math.max(Math.abs(bounds[1]), Math.abs(bounds[3])), far = Math.abs(latOfY(ay)) + this.reach;
    // every Q within reach of a point of the box is within w of it in Mercator: along the great circle to Q, a Mercator unit is at least R·cos(far) metres
    const w = (this.w = far < Math.PI / 2 - 1e-6 ? (this.reach / Math.cos(far)) * (1 + 1e-9) : Infinity);
    this.groupServes = false;
    if (!this.inReach(bounds[0] - w, bounds[1] - w, bounds[2] + w, bounds[3] + w) || !(w <= MAX_W)) return;
    if (this.groupCross.length < this.hi - this.lo + 1) {
      this.groupCross = new Int32Array(2 * (this.hi - this.lo + 1));
      this.cross = new Int32Array(2 * (this.hi - this.lo + 1));
      this.signs = new Int8Array(2 * (this.hi - this.lo + 1));
      this.runs = new Int32Array(3 * (this.hi - this.lo + 1));
    }
    const n = this.sort(boxes, at, null, this.hi - this.lo, this.lo, this.hi + 1, this.groupCross);
    // (plain assignments in this file: a destructuring one makes its array, a heap object, at every call)
    this.groupPlus = this.plus;
    this.groupMinus = this.minus;
    this.groupCrossing = this.crossing = n;
    this.groupUntangled = this.untangled;
    this.groupServes = true;
    this.cross.set(this.groupCross.subarray(0, n));
  }

  /** Narrows the group's bisectors to those crossing a box within the group's (boxes[at…at + 3], as `group` takes one): fewer to test per point. */
  narrow(boxes: Float64Array, at: number): void {
    if (!this.groupServes) return;
    // where the signs over the group's box are tangled, this box's own may not be: all of lo … hi sorted again
    if (this.groupUntangled) this.crossing = this.sort(boxes, at, this.groupCross, this.groupCrossing, this.groupPlus, this.groupMinus, this.cross);
    else this.crossing = this.sort(boxes, at, null, this.hi - this.lo, this.lo, this.hi + 1, this.cross);
  }

  /**
   * Sorts the vertices `from` holds (n of them; null: lo + 1 … hi, whose signs it keeps in `signs`)
   * by their bisector's sign over the box at box[at…at + 3] — its centre (x, y) and its half
   * extents along `axis` and across it — into `plus` and `minus` (the last + for the whole box and
   * the first −, starting from those given), the rest into `into`; returns how many. `untangled`
   * tells whether no + comes after a − for every point of the box.
   */
  private sort(box: Float64Array, at: number, from: Int32Array | null, n: number, plus: number, minus: number, into: Int32Array): number {
    const cx = box[at], cy = box[at + 1], hu = box[at + 2], hv = box[at + 3], ux = this.axis[0], uy = this.axis[1];
    const d = this.d, signs = this.signs;
    let crossing = 0, untangled = true;
    for (let k = 0; k < n; k++) {
      const v = from ? from[k] : this.lo + 1 + k, o = VERTEX * v;
      // each linear form a·x + b·y − c spreads over the box by |a·ux + b·uy|·hu + |b·ux − a·uy|·hv either side of its centre's value
      const g = d[o] * cx + d[o + 1] * cy - d[o + 2], spread = Math.abs(d[o] * ux + d[o + 1] * uy) * hu + Math.abs(d[o + 1] * ux - d[o] * uy) * hv;
      let sign = 0;
      if (g - spread > EPS && d[o + 3] * cx + d[o + 4] * cy - d[o + 5] - (Math.abs(d[o + 3] * ux + d[o + 4] * uy) * hu + Math.abs(d[o + 4] * ux - d[o + 3] * uy) * hv) > EPS) {
        sign = 1;
        if (v > minus) untangled = false;
        if (v > plus) plus = v;
      } else if (g + spread < -EPS && d[o + 8] - d[o + 6] * cx - d[o + 7] * cy - (Math.abs(d[o + 6] * ux + d[o + 7] * uy) * hu + Math.abs(d[o + 7] * ux - d[o + 6] * uy) * hv) > EPS) {
        sign = -1;
        if (v < plus) untangled = false;
        if (v < minus) minus = v;
      } else into[crossing++] = v;
      if (!from) signs[k] = sign;
    }
    this.plus = plus;
    this.minus = minus;
    this.untangled = untangled;
    return crossing;
  }

  /**
   * The segment nearest to `p` (a point of the group's box) in the Mercator plane, by the chain;
   * −2 when the signs do not read + … + − … − (ask `minima`); −1 when the chain does not decide (or
   * no segment is in reach).
   */
  nearest(p: Probe): number {
    if (!this.groupServes) return -1;
    if (!this.untangled) return -2;
    const { d, cross } = this, px = p.λ, py = p.y;
    let plus = this.plus, minus = this.minus;
    for (let k = 0; k < this.crossing; k++) {
      const v = cross[k], o = VERTEX * v, g = d[o] * px + d[o + 1] * py - d[o + 2];
      if (g > EPS && d[o + 3] * px + d[o + 4] * py - d[o + 5] > EPS) {
        if (v > plus) plus = v;
      } else if (g < -EPS && d[o + 8] - d[o + 6] * px - d[o + 7] * py > EPS) {
        if (v < minus) minus = v;
      } else return -1;
    }
    return plus < minus ? plus : -2;
  }

  /**
   * Where the signs along lo … hi read more than one + … + − … − for `p` (the route bends back
   * within reach): the Mercator distances fall and rise by turns, so each segment where they stop
   * falling is a local minimum, and they only grow from it to the local maxima either side. Into
   * `runs`, per local minimum, its segment and the first and last segment of its run; returns how
   * many, or −1 when the chain does not decide a sign.
   */
  minima(p: Probe): number {
    const { d, signs, runs, lo, hi } = this, px = p.λ, py = p.y;
    let count = 0, start = lo, falling = true; // the run so far starts at `start`; the distances fall (towards a minimum) or rise
    for (let v = lo + 1; v <= hi; v++) {
      let sign = signs[v - lo - 1];
      if (sign === 0) {
        const o = VERTEX * v, g = d[o] * px + d[o + 1] * py - d[o + 2];
        if (g > EPS && d[o + 3] * px + d[o + 4] * py - d[o + 5] > EPS) sign = 1;
        else if (g < -EPS && d[o + 8] - d[o + 6] * px - d[o + 7] * py > EPS) sign = -1;
        else return -1;
      }
      if (falling && sign < 0) { // segment v − 1 is a local minimum
        runs[3 * count] = v - 1;
        runs[3 * count + 1] = start;
        falling = false;
      } else if (!falling && sign > 0) { // segment v − 1 is a local maximum: the run ends there, the next starts there
        runs[3 * count++ + 2] = v - 1;
        start = v - 1;
        falling = true;
      }
    }
    if (falling) { // the last run falls to hi
      runs[3 * count] = hi;
      runs[3 * count + 1] = start;
    }
    runs[3 * count++ + 2] = hi;
    return count;
  }

  /** The least and greatest segment whose box meets the box given (lo, hi; hi = −1 when none), by a walk of the route's R-tree; false when none does. */
  private inReach(minX: number, minY: number, maxX: number, maxY: number): boolean {
    const tree = this.r.tree, boxes = tree._boxes, indices = tree._indices, bounds = tree._levelBounds, st = this.stack;
    const nodeSize4 = tree.nodeSize * 4, items4 = tree.numItems * 4;
    let sp = 0, lo = Infinity, hi = -1;
    st[sp++] = boxes.length - 4;
    st[sp++] = bounds.length - 1;
    while (sp > 0) {
      const level = st[--sp], node = st[--sp], end = Math.min(node + nodeSize4, bounds[level]);
      for (let pos = node; pos < end; pos += 4) {
        if (boxes[pos] > maxX || boxes[pos + 1] > maxY || boxes[pos + 2] < minX || boxes[pos + 3] < minY) continue;
        const s = indices[pos >> 2];
        if (node >= items4) {
          st[sp++] = s;
          st[sp++] = level - 1;
        } else {
          if (s < lo) lo = s;
          if (s > hi) hi = s;
        }
      }
    }
    this.lo = lo;
    this.hi = hi;
    return hi >= 0;
  }
}

/** Each route's bisectors and conditions (BisectorChain.d), made once: every question about a route (page, filter, width) shares them. */
const made = new WeakMap<Route, Float64Array>();

function vertices(r: Route): Float64Array {
  let d = made.get(r);
  if (d) return d;
  const n = r.segments + 1, { x, y } = r;
  d = new Float64Array(VERTEX * n).fill(NaN);
  for (let v = 1; v < n - 1; v++) {
    const ax = x[v] - x[v - 1], ay = y[v] - y[v - 1], bx = x[v + 1] - x[v], by = y[v + 1] - y[v];
    const lenIn = Math.sqrt(ax * ax + ay * ay), lenOut = Math.sqrt(bx * bx + by * by);
    if (!(lenIn > 1e-9 && lenOut > 1e-9)) continue; // a point, or nearly: no direction (NaN: never decided)
    const uix = ax / lenIn, uiy = ay / lenIn, uox = bx / lenOut, uoy = by / lenOut, nx = uix + uox, ny = uiy + uoy;
    if (!(nx * nx + ny * ny > 1e-12)) continue; // a U-turn: no bisector
    const o = VERTEX * v;
    d[o] = nx;
    d[o + 1] = ny;
    d[o + 2] = nx * x[v] + ny * y[v];
    d[o + 3] = uix;
    d[o + 4] = uiy;
    d[o + 5] = lenIn <= lenOut ? -Infinity : uix * x[v] + uiy * y[v] - lenOut;
    d[o + 6] = uox;
    d[o + 7] = uoy;
    d[o + 8] = lenOut <= lenIn ? Infinity : uox * x[v] + uoy * y[v] + lenIn;
  }
  made.set(r, d);
  return d;
}
