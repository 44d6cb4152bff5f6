/**
 * The segment of a route nearest to point after point, by exact offset (corridor-segment.ts),
 * fast when consecutive points are close — as a kd-tree lists them.
 *
 * Cheap bounds do most of the work. For Q within reach of P, R·c·|PQ| ≤ haversine(P, Q) ≤
 * R·C·|PQ| (|PQ| in the Mercator plane), c bounding cos φ from below along the great-circle arc
 * P→Q (its latitude exceeds max(|φP|, |φQ|) by at most tan φ·d²/8, and |φQ| − |φP| ≤
 * (|yQ| − |yP|)·cos φP), C from above along the straight Mercator path. Only segments whose lower
 * bound reaches the best upper bound get the trigonometry of an exact offset: usually one.
 *
 * Which segments to bound comes first from the chain of bisectors (corridor-chain.ts): it names the
 * segment nearest in the Mercator plane, and the distances grow outward from it, so its neighbours
 * are bounded one after another until one is out of the running, with bounds ~3 cm apart at 10 km
 * (`tight`). On the bench route it serves 98 % of the points: 3.5 segments bounded and 1.01 exact
 * offsets a point, where the lists below scan 12, bound 5.3 and measure 1.5.
 *
 * Where the chain does not decide, the anchors' lists do. A point far from the last few anchors
 * walks the route's R-tree and becomes an anchor: it lists every segment within its best bound +
 * `reuse` metres, each with the half-plane beyond its point nearest the anchor (a segment lies
 * wholly in it, so the distance to that line bounds the distance to the segment). Later points test
 * only the list: a segment off it is farther from them than the radius minus their distance from
 * the anchor, which proves it out — or sends for a new walk. The last eight anchors are kept (the
 * kd-tree lists cells, and a point may be near one before the last): 2,482 walks on the bench route
 * where one anchor needs 6,009 (four: 3,027; sixteen cost more than they save), when the lists served
 * every point.
 */
import { EARTH_RADIUS_M, RAD } from './haversine';
import { footAt, footLat, measure, measureOn, M, M_COS, M_COSφ, M_LAT, M_OUT, M_T, M_X, M_λ, M_φ } from './corridor-segment';
import type { Route } from './corridor-route';
import { SegmentList, descend } from './corridor-near';
import { BisectorChain } from './corridor-chain';

/** Where a point meets a route: segment, position on it (0..1), metres from it and, where 0 < t < 1, that place's latitude (radians). */
export interface Closest {
  s: number;
  t: number;
  offset: number;
  φ: number;
}

/** Points as columns: longitude and latitude in degrees (interleaved, as kdbush keeps them), cos φ, Mercator y. */
export interface ProbeColumns {
  coords: Float64Array;
  cos: Float64Array;
  y: Float64Array;
}

/**
 * The segment nearest to each point of a route's corridor, for one route and reach (`maxM`
 * metres, inclusive) over the points `p`: by the chain of bisectors (corridor-chain.ts) where it
 * decides, else by the anchors' lists (`reuseM` sizes them). A class, not closures made per query:
 * the call sites in the sweep see one target for every query, and V8 inlines it once. (It and its
 * helpers take a point's index, not its coordinates: a number passed to or returned from a function
 * that is not inlined is boxed, a new heap object each; the exact offsets go through corridor-segment.ts's
 * scratch array M for the same reason.)
 */
export class SegmentFinder {
  private readonly reach: number;
  private readonly lists = Array.from({ length: ANCHORS }, () => new SegmentList());
  /** the anchors (x, y, radius in Mercator), in an array: the fields of an object would box each double written */
  private readonly a = new Float64Array(3 * ANCHORS).fill(-1);
  /** the next anchor to replace, the last nearest segment and the last anchor used */
  private readonly state = Int32Array.of(0, -1, -1);
  private readonly chain: BisectorChain;
  /** the group's points in slabs (`slabs`), where each starts, and their places along and across the axis; the same in kd-tree order (scratch) */
  order = new Int32Array(0);
  starts = new Int32Array(0);
  u = new Float64Array(0);
  v = new Float64Array(0);
  at = new Int32Array(0);
  ku = new Float64Array(0);
  kv = new Float64Array(0);
  /** the group's extents along and across the axis, then its Mercator bounds; its slabs' boxes and its own (oriented) */
  readonly box = new Float64Array(4);
  private boxes = new Float64Array(64);

  constructor(private readonly r: Route, private readonly maxM: number, private readonly reuseM: number, private readonly p: ProbeColumns) {
    this.reach = maxM / EARTH_RADIUS_M;
    this.chain = new BisectorChain(r, maxM);
  }

  /**
   * Readies the finder for the points at positions[from…to), near each other (as a kd-tree lists
   * them) and near a stretch of route running along (ux, uy) in the Mercator plane. Puts them in
   * `order` in slabs across that direction, about SLAB points each (by their place along it, a
   * counting sort), slab k at order[starts[k]…starts[k + 1]); returns how many slabs. `narrow(k)`
   * readies it for slab k: the route's bisectors run across the slabs, so a slab's box, along the
   * direction, lies between few of them: 5.9 to test a point on the bench route with slabs of 32
   * in groups of 256 (3.9 with 16 in 128, whose setting up costs more than the tests saved; 16
   * neighbours in kd-tree order, in a box along the axes, have 8.5).
   */
  group(positions: Int32Array, from: number, to: number, ux: number, uy: number): number {
    const n = to - from, parts = Math.ceil(n / SLAB), a = this.chain.axis, len = Math.sqrt(ux * ux + uy * uy);
    const along = len > 1e-100; // (shorter: a chord of a point, or one whose square underflows; any direction serves)
    a[0] = along ? ux / len : 1;
    a[1] = along ? uy / len : 0;
    if (this.order.length < n) {
      [this.order, this.at] = [new Int32Array(2 * n), new Int32Array(2 * n)];
      [this.u, this.v, this.ku, this.kv] = [new Float64Array(2 * n), new Float64Array(2 * n), new Float64Array(2 * n), new Float64Array(2 * n)];
    }
    if (this.starts.length < parts + 1) [this.starts, this.boxes] = [new Int32Array(2 * parts + 2), new Float64Array(8 * parts + 8)];
    const all = slabs(this.p, positions, from, n, parts, a, this);
    for (let k = 0; k < parts; k++) if (this.starts[k] < this.starts[k + 1]) partBox(this.u, this.v, this.starts[k], this.starts[k + 1], a, this.boxes, 4 * k);
    oriented(all[0], all[1], all[2], all[3], a, this.boxes, 4 * parts); // the group's
    // its Mercator bounds, from the corners of that box
    const b = this.boxes, o = 4 * parts, ex = Math.abs(a[0]) * b[o + 2] + Math.abs(a[1]) * b[o + 3], ey = Math.abs(a[1]) * b[o + 2] + Math.abs(a[0]) * b[o + 3];
    all[0] = b[o] - ex - 1e-13;
    all[1] = b[o + 1] - ey - 1e-13;
    all[2] = b[o] + ex + 1e-13;
    all[3] = b[o + 1] + ey + 1e-13;
    this.chain.group(all, b, o);
    return parts;
  }

  /** Readies the finder for the points of part k of the last group. */
  narrow(k: number): void {
    this.chain.narrow(this.boxes, 4 * k);
  }

  /** Finds the segment nearest to point j (of the last group) into `out`; false when none is within reach. */
  find(j: number, out: Closest): boolean {
    const chain = this.chain;
    S.best2 = (this.maxM + SLACK_M) * (this.maxM + SLACK_M);
    S.nc = 0;
    if (chain.hi < 0) return false; // no segment in reach of the group
    P.λ = this.p.coords[2 * j] * RAD;
    P.y = this.p.y[j];
    const s = chain.nearest(P), runs = s === -2 ? chain.minima(P) : 0;
    if (s === -1 || runs < 0) {
      probe(this.p, j, this.reach);
      return this.byLists(j, out);
    }
    tight(this.p, j, chain.w);
    if (s >= 0) outward(this.r, s, chain.lo, chain.hi);
    else for (let k = 0; k < runs; k++) outward(this.r, chain.runs[3 * k], chain.runs[3 * k + 1], chain.runs[3 * k + 2]);
    if (!exact(this.r, this.p, j, this.maxM, out)) return false;
    this.state[1] = out.s;
    return true;
  }

  /** `find` by the anchors' lists. */
  private byLists(j: number, out: Closest): boolean {
    const { r, a, state, lists } = this, last = state[1], seed = last >= 0 ? descend(r, last, P) : -1;
    if (seed >= 0) consider(r, seed);
    let at = chooseAnchor(a, state[2], this.p, j);
    if (at >= 0) scan(r, lists[at], seed);
    const k = Math.sqrt(S.k2);
    if (!(k * S.slack > Math.sqrt(S.best2))) { // not proven: walk the tree, anchor here
      at = state[0];
      state[0] = (at + 1) % ANCHORS;
      a[3 * at] = P.λ;
      a[3 * at + 1] = P.y;
      a[3 * at + 2] = k > 0 ? (Math.sqrt(S.best2) + this.reuseM) / k : Infinity;
      lists[at].collect(r, P, a[3 * at + 2]);
      S.moved = 0;
      scan(r, lists[at], seed);
    }
    state[2] = at;
    // nothing in the running: beyond reach
    if (S.nc === 0 || !exact(r, this.p, j, this.maxM, out)) return false;
    state[1] = out.s;
    return true;
  }
}

/**
 * The points at positions[from…from + n) into slabs across the axis `a` (unit x, y) in the Mercator
 * plane, as `group` describes: into f.order, with their places along and across the axis into f.u
 * and f.v (f.at, f.ku and f.kv the same in kd-tree order, scratch); their extents along and across
 * it (min, max, min, max) into f.box, which it returns.
 */
function slabs(p: ProbeColumns, positions: Int32Array, from: number, n: number, parts: number, a: Float64Array, f: Slabs): Float64Array {
  const ux = a[0], uy = a[1], { at, ku, kv, starts } = f, all = f.box;
  let u0 = Infinity, u1 = -Infinity, v0 = Infinity, v1 = -Infinity;
  for (let k = 0; k < n; k++) {
    const j = positions[from + k], x = p.coords[2 * j] * RAD, y = p.y[j], pu = x * ux + y * uy, pv = y * ux - x * uy;
    at[k] = j;
    ku[k] = pu;
    kv[k] = pv;
    if (pu < u0) u0 = pu;
    if (pu > u1) u1 = pu;
    if (pv < v0) v0 = pv;
    if (pv > v1) v1 = pv;
  }
  const scale = u1 > u0 ? (parts * (1 - 1e-9)) / (u1 - u0) : 0;
  starts.fill(0, 0, parts + 1);
  for (let k = 0; k < n; k++) starts[((ku[k] - u0) * scale) | 0]++;
  for (let b = 0, sum = 0; b <= parts; b++) {
    const c = starts[b];
    starts[b] = sum;
    sum += c;
  }
  const { order, u, v } = f;
  for (let k = 0; k < n; k++) {
    const slot = starts[((ku[k] - u0) * scale) | 0]++;
    order[slot] = at[k];
    u[slot] = ku[k];
    v[slot] = kv[k];
  }
  for (let b = parts; b > 0; b--) starts[b] = starts[b - 1]; // each slab's end moved to the next one's start
  starts[0] = 0;
  all[0] = u0;
  all[1] = u1;
  all[2] = v0;
  all[3] = v1;
  return all;
}

/** A finder's slabs (`slabs`). */
interface Slabs {
  order: Int32Array;
  u: Float64Array;
  v: Float64Array;
  at: Int32Array;
  ku: Float64Array;
  kv: Float64Array;
  starts: Int32Array;
  box: Float64Array;
}

/** The box of the points whose places along and across the axis are u[from…to) and v[from…to), as BisectorChain's `sort` reads it, into out[at…at + 3]. */
function partBox(u: Float64Array, v: Float64Array, from: number, to: number, a: Float64Array, out: Float64Array, at: number): void {
  let u0 = Infinity, u1 = -Infinity, v0 = Infinity, v1 = -Infinity;
  for (let k = from; k < to; k++) {
    if (u[k] < u0) u0 = u[k];
    if (u[k] > u1) u1 = u[k];
    if (v[k] < v0) v0 = v[k];
    if (v[k] > v1) v1 = v[k];
  }
  oriented(u0, u1, v0, v1, a, out, at);
}

/** The box of extents u0…u1 along the axis `a` and v0…v1 across it: its centre (x, y) and half extents into out[at…at + 3]. */
function oriented(u0: number, u1: number, v0: number, v1: number, a: Float64Array, out: Float64Array, at: number): void {
  const cu = (u0 + u1) / 2, cv = (v0 + v1) / 2;
  out[at] = cu * a[0] - cv * a[1];
  out[at + 1] = cu * a[1] + cv * a[0];
  out[at + 2] = (u1 - u0) / 2;
  out[at + 3] = (v1 - v0) / 2;
}

/**
 * Bounds segment s, nearest to the probe in the Mercator plane, then its neighbours outward (within
 * lo..hi) until one is beyond the best upper bound: by the chain, the Mercator distances only grow
 * outward from s, so every later one is beyond it too.
 */
function outward(r: Route, s: number, lo: number, hi: number): void {
  near(r, s);
  for (let t = s + 1; t <= hi && near(r, t); t++);
  for (let t = s - 1; t >= lo && near(r, t); t--);
}

/**
 * Sets the probe to point j (its λ and y already set) for `near`, `w` its group's reach in the Mercator plane (≤ MAX_W).
 *
 * The bounds `near` uses, for Q within m ≤ 0.01 of P in the Mercator plane (Δx, Δy = yQ − yP),
 * s = sin φP, and f = sech, the Mercator scale (cos φ):
 *   R²·cos²φP·m²·(1 − s·Δy − 0.6·m²) ≤ haversine(P, Q)² ≤ R²·cos²φP·m²·(1 − s·Δy + 1.09·m²),
 * a gap of ~3 cm at 10 km where the cheap bounds above leave ~11 m. Upper: the great circle is no
 * longer than the rhumb line, R·m·(mean of f over yP…yQ); that mean is within f(ym)·(1 ± m²/24·e^(m/2))
 * of the midpoint's (|f″| ≤ f, and f changes by at most e^|δ| over δ); and ln f is concave with slope
 * −tanh, so f(ym)² ≤ cos²φP·e^(−s·Δy) ≤ cos²φP·(1 − s·Δy + m²). Lower: θ² ≥ 4·hav θ = 4 sin²(Δφ/2) +
 * cos φP·cos φQ·4 sin²(Δλ/2), with 4 sin²(x/2) ≥ x²(1 − x²/24)², Δφ = Δy·(the mean of f), cos φP·cos φQ ≥
 * f(ym)²·e^(−Δy²/4) ((ln f)″ ≥ −1), so θ² ≥ f(ym)²·m²·(1 − m²/3); and f(ym)² ≥ cos²φP·e^(−s·Δy − Δy²/4).
 * A bound that does not depend on the direction, for the stop: lower ≥ R²·cos²φP·m²·(1 − |s|·w − 0.6·w²)
 * for m ≤ w. (Checked on random pairs in tests/unit/geo-corridor-chain.test.ts.)
 */
function tight(p: ProbeColumns, j: number, w: number): void {
  const c = p.cos[j], sin = Math.sqrt(Math.max(0, 1 - c * c)); // sin |φ|: its rounding near the equator (~1e-8) moves the bounds by ~1e-10, within their slack
  P.cos = c;
  T.s = p.y[j] < 0 ? -sin : sin;
  T.kc = R2 * c * c;
  T.k2 = T.kc * (1 - sin * w - 0.6 * w * w) * (1 - 1e-9);
  T.w2 = w * w;
}

/**
 * Bounds the offset to segment t by the bounds of `tight`; keeps it in the running when it may be
 * nearest. False when it is beyond the group's reach or, by the bound for every direction, beyond
 * the best upper bound: so is every segment at least as far.
 */
function near(r: Route, t: number): boolean {
  const { x, y } = r, u = footAt(x[t], y[t], x[t + 1], y[t + 1], r.inv[t], P.λ, P.y);
  const fx = x[t] + u * (x[t + 1] - x[t]) - P.λ, fy = y[t] + u * (y[t + 1] - y[t]) - P.y, d2 = fx * fx + fy * fy;
  if (d2 > T.w2 || T.k2 * d2 > S.best2) return false;
  bounds2(T.kc, T.s, d2, fy, B);
  if (B[0] > S.best2) return true;
  cand[S.nc++] = t;
  cand[S.nc++] = u;
  cand[S.nc++] = B[0];
  const ub = Math.sqrt(B[1]) + SLACK_M;
  if (ub * ub < S.best2) S.best2 = ub * ub;
  return true;
}

/**
 * The squared lower and upper bounds of `tight` on the haversine metres from P to Q, into out[0]
 * and out[1]: `kc` = R²·cos²φP, s = sin φP, m2 the squared Mercator distance (≤ 0.01²), dy = yQ − yP.
 * (Into an array: doubles returned from a call V8 does not inline are boxed.)
 */
export function bounds2(kc: number, s: number, m2: number, dy: number, out: Float64Array): void {
  out[0] = kc * m2 * (1 - s * dy - 0.6 * m2) * (1 - 1e-9);
  out[1] = kc * m2 * (1 - s * dy + 1.09 * m2) * (1 + 1e-9);
}
const B = new Float64Array(2);
/** Points in a slab of a group (SegmentFinder.group). */
const SLAB = 32;

/**
 * The anchor whose list serves point j: the one used last (`last`) when its list reaches far
 * enough beyond the point to prove the seed's bound (the bound only falls as the list is scanned),
 * else the one whose list reaches farthest beyond it; −1 when none reaches it. Leaves in S how far
 * it reaches beyond the point (`slack`) and how far the point is from it (`moved`), in Mercator.
 */
function chooseAnchor(a: Float64Array, last: number, p: ProbeColumns, j: number): number {
  const λ = P.λ, y = P.y, need = Math.sqrt(S.best2 / S.k2);
  if (last >= 0) {
    const dx = λ - a[3 * last], dy = y - a[3 * last + 1], m = Math.sqrt(dx * dx + dy * dy);
    if (a[3 * last + 2] - m > need) {
      S.slack = a[3 * last + 2] - m;
      S.moved = m;
      return last;
    }
  }
  let at = -1;
  S.slack = 0;
  for (let i = 0; i < ANCHORS; i++) {
    if (a[3 * i + 2] <= S.slack) continue; // cannot reach farther (and an unused anchor's radius is −1)
    const dx = λ - a[3 * i], dy = y - a[3 * i + 1], m = Math.sqrt(dx * dx + dy * dy);
    if (a[3 * i + 2] - m > S.slack) {
      S.slack = a[3 * i + 2] - m;
      S.moved = m;
      at = i;
    }
  }
  return at;
}

/**
 * The exact offsets of the segments still in the running: the nearest (the first on a tie) into
 * `out`; false when it is beyond `maxM`. A segment whose lower bound exceeds an offset already
 * measured (and a micrometre) is passed over. A vertex just measured for the segment on one side is
 * not measured again for the one on the other (offsetAt gives both the same metres), and is
 * measured from the φ and cos φ the route keeps for it (half the offsets on the bench route).
 */
function exact(r: Route, p: ProbeColumns, j: number, maxM: number, out: Closest): boolean {
  const best2 = S.best2, rx = r.x, frames = r.frames;
  let best = Infinity, beyond2 = Infinity, bestS = -1, bestT = 0, bestφ = 0, vertex = -1, atVertex = 0;
  M[M_λ] = P.λ;
  M[M_φ] = p.coords[2 * j + 1] * RAD;
  M[M_COSφ] = P.cos;
  for (let c = 0; c < S.nc; c += 3) {
    const s = cand[c], t = cand[c + 1], lb2 = cand[c + 2];
    if (lb2 > best2 || lb2 > beyond2) continue; // beyond the bound, or beyond an offset already measured
    const v = t === 0 ? s : t === 1 ? s + 1 : -1;
    let h = atVertex;
    if (v < 0) {
      M[M_T] = t;
      measureOn(r, s);
      h = M[M_OUT];
    } else if (v !== vertex) {
      vertex = v;
      M[M_X] = rx[v];
      M[M_LAT] = frames[3 * v];
      M[M_COS] = frames[3 * v + 1];
      measure();
      h = atVertex = M[M_OUT]; // offsetAt's metres, to the bit
    }
    if (h < best || (h === best && s < bestS)) {
      best = h;
      beyond2 = (h + SLACK_M) * (h + SLACK_M); // with the upper bounds' micrometre: rounding never passes over a tie
      bestS = s;
      bestT = t;
      bestφ = footLat.φ; // fresh where 0 < t < 1; stale at a vertex (t = 0 or 1), where the metres along do not read it
    }
  }
  if (bestS < 0 || !(best <= maxM)) return false;
  out.s = bestS;
  out.t = bestT;
  out.offset = best;
  out.φ = bestφ;
  return true;
}

// Scratch of the search in progress (one at a time): the probe point with what its bounds need,
// the squared upper bound of its nearest offset (m²), and the segments in the running as
// (segment, t, squared lower bound) triples.
const P = { λ: 0, y: 0, ay: 0, cos: 1, sin: 0, bulge: 0 };
const cand: number[] = [];
/** Anchors kept: a point may be near one before the last (a kd-tree lists cells, not a path). */
const ANCHORS = 8;
const S = { best2: 0, nc: 0, k2: 0, moved: 0, slack: 0 };
/** The probe's signed sin φ, R²·cos²φ, the bound for the stop and the squared reach (all `tight`). */
const T = { s: 0, kc: 0, k2: 0, w2: 0 };
const R2 = EARTH_RADIUS_M * EARTH_RADIUS_M;
// Upper bounds carry a micrometre on top: rounding (≈ 1e-8 m) never prunes a tie or a point on the line.
const SLACK_M = 1e-6;

/** Sets the probe to point j, and S.k2 to the (lower bound of metres per Mercator unit)² towards any Q within reach. */
function probe(p: ProbeColumns, j: number, reach: number): void {
  const cosφ = p.cos[j], y = p.y[j];
  const sin = Math.sqrt(Math.max(0, 1 - cosφ * cosφ)); // sin |φ|
  // ≤ cos(|φ| + reach); beyond 85° (off the map, where Mercator is clamped) no bound: every segment is measured
  const farCos = cosφ > 0.08 ? cosφ - sin * reach - (reach * reach) / 2 : 0;
  P.λ = p.coords[2 * j] * RAD;
  P.y = y;
  P.ay = Math.abs(y);
  P.cos = cosφ;
  P.sin = sin;
  // ≥ tan(|φ| + reach)·d²/8. Not one conditional expression: with its Infinity, a branch V8 has not seen taken, the
  // value would be kept as an object, a new heap number on every call (0.7 MB of garbage for a 400 k corridor).
  if (farCos > 0) P.bulge = (((sin + reach) / farCos) * reach * reach) / 8;
  else P.bulge = Infinity;
  S.k2 = farCos > 0 ? lower2(P.ay + reach / farCos) : 0; // |Δy| ≤ reach / cos(|φ| + reach)
}

/** (Lower bound of metres per Mercator unit)² from the probe to any Q within reach with |yQ| ≤ yFar. */
function lower2(yFar: number): number {
  const d = (yFar > P.ay ? (yFar - P.ay) * P.cos : 0) + P.bulge, c = P.cos - P.sin * d - (d * d) / 2;
  return c > 0 ? R2 * c * c * (1 - 1e-9) : 0;
}

/** Bounds the offset to segment s; keeps it in the running when it may be nearest. */
function consider(r: Route, s: number): void {
  const { x, y } = r, t = footAt(x[s], y[s], x[s + 1], y[s + 1], r.inv[s], P.λ, P.y);
  const yq = y[s] + t * (y[s + 1] - y[s]), fx = x[s] + t * (x[s + 1] - x[s]) - P.λ, fy = yq - P.y;
  const d2 = fx * fx + fy * fy, ayq = yq < 0 ? -yq : yq, lb2 = lower2(ayq) * d2;
  if (lb2 > S.best2) return;
  cand[S.nc++] = s;
  cand[S.nc++] = t;
  cand[S.nc++] = lb2;
  const C = yq * P.y < 0 ? 1 : Math.min(1, P.cos + P.sin * (P.ay > ayq ? P.ay - ayq : 0));
  const ub = EARTH_RADIUS_M * C * Math.sqrt(d2) * (1 + 1e-9) + SLACK_M;
  if (ub * ub < S.best2) S.best2 = ub * ub;
}

/** Considers the listed segments (nearest the anchor first) that the bounds cannot rule out, the probe S.moved from the anchor. */
function scan(r: Route, l: SegmentList, skip: number): void {
  const k2 = S.k2, moved = S.moved;
  for (let j = 0; j < l.size; j++) {
    const far = l.d[j] - moved; // ≤ the Mercator distance to segment j, and to every later one
    if (far > 0 && k2 * far * far > S.best2) break;
    const g = l.c[j] - l.nx[j] * P.λ - l.ny[j] * P.y; // ≤ the Mercator distance to segment j, often much closer to it
    if ((g > 0 && k2 * g * g > S.best2) || l.s[j] === skip) continue;
    consider(r, l.s[j]);
  }
}
