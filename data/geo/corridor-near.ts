/**
 * Segments of a route near a point, for corridor-finder.ts: the list an anchor point keeps (every
 * segment within a radius, nearest first, each with the half-plane that holds it), found by walking
 * flatbush's packed R-tree, and a short walk along the route to a nearer segment, for a seed.
 */
import { footAt } from './corridor-segment';
import type { Route } from './corridor-route';

/** The segments within a radius of an anchor, nearest first, each with the half-plane n·Q ≥ c that holds it. */
export class SegmentList {
  s: number[] = [];
  d: number[] = [];
  nx: number[] = [];
  ny: number[] = [];
  c: number[] = [];
  size = 0;
  private stack: number[] = [];
  // the walk's finds before they are put in order, and that order
  private found: { s: number[]; d: number[]; nx: number[]; ny: number[]; c: number[] } = { s: [], d: [], nx: [], ny: [], c: [] };
  private order: number[] = [];
  private orderD: number[] = [];

  /** Lists every segment within `radius` (Mercator) of a point, walking flatbush's packed tree. */
  collect(r: Route, at: Probe, radius: number): void {
    const px = at.λ, py = at.y;
    const { tree, x, y, inv } = r, boxes = tree._boxes, indices = tree._indices, bounds = tree._levelBounds;
    const nodeSize4 = tree.nodeSize * 4, items4 = tree.numItems * 4, r2 = radius * radius, st = this.stack, f = this.found;
    let sp = 0, n = 0;
    st[sp++] = boxes.length - 4;
    st[sp++] = bounds.length - 1;
    while (sp > 0) {
      const level = st[--sp], node = st[--sp], end = Math.min(node + nodeSize4, bounds[level]);
      for (let pos = node; pos < end; pos += 4) {
        const ex = boxes[pos] - px, wx = px - boxes[pos + 2], ey = boxes[pos + 1] - py, wy = py - boxes[pos + 3];
        const dx = ex > 0 ? ex : wx > 0 ? wx : 0, dy = ey > 0 ? ey : wy > 0 ? wy : 0;
        if (dx * dx + dy * dy > r2) continue;
        const s = indices[pos >> 2];
        if (node >= items4) {
          st[sp++] = s;
          st[sp++] = level - 1;
          continue;
        }
        const t = footAt(x[s], y[s], x[s + 1], y[s + 1], inv[s], px, py);
        const fx = x[s] + t * (x[s + 1] - x[s]), fy = y[s] + t * (y[s + 1] - y[s]);
        const vx = fx - px, vy = fy - py, d = Math.sqrt(vx * vx + vy * vy);
        if (d * d > r2) continue;
        const nx = d > 0 ? vx / d : 0, ny = d > 0 ? vy / d : 0, lx = x[s + 1] - x[s], ly = y[s + 1] - y[s], len = Math.sqrt(lx * lx + ly * ly);
        f.s[n] = s;
        f.d[n] = d;
        f.nx[n] = nx;
        f.ny[n] = ny;
        // the foot is rounded by ~1e-15, which tilts the normal by that over d: slack for it, or no bound at all
        f.c[n++] = d > 0 ? nx * fx + ny * fy - 4e-15 * (1 + len / d) : -Infinity;
      }
    }
    const o = this.order, od = this.orderD;
    for (let k = 0; k < n; k++) { // insertion sort of the finds by distance (lists are short), then the list in that order
      const dk = f.d[k];
      let j = k;
      for (; j > 0 && od[j - 1] > dk; j--) {
        o[j] = o[j - 1];
        od[j] = od[j - 1];
      }
      o[j] = k;
      od[j] = dk;
    }
    for (let j = 0; j < n; j++) {
      const k = o[j];
      this.s[j] = f.s[k];
      this.d[j] = f.d[k];
      this.nx[j] = f.nx[k];
      this.ny[j] = f.ny[k];
      this.c[j] = f.c[k];
    }
    this.size = n;
  }
}

/** A point in the Mercator plane (an object: numbers passed to a function not inlined are boxed afresh). */
export interface Probe {
  λ: number;
  y: number;
}

/**
 * From segment s, a short walk (fewer than `maxSteps` segments either way) to nearer neighbours in
 * the Mercator plane: a tight seed, cheaply. Up first; down when the next one up is no nearer.
 */
export function descend(r: Route, s: number, at: Probe, maxSteps = 8): number {
  const px = at.λ, py = at.y, { x, y, inv } = r;
  let best = s, here = Infinity, k = s, dir = 1;
  for (;;) {
    if (k >= 0 && k < r.segments && Math.abs(k - s) < maxSteps) {
      // the squared distance written out here: a double returned from a helper not inlined is boxed
      const t = footAt(x[k], y[k], x[k + 1], y[k + 1], inv[k], px, py);
      const fx = x[k] + t * (x[k + 1] - x[k]) - px, fy = y[k] + t * (y[k + 1] - y[k]) - py, there = fx * fx + fy * fy;
      if (there < here) {
        best = k;
        here = there;
        k += dir;
        continue;
      }
    }
    if (dir < 0 || best !== s) return best;
    dir = -1;
    k = s - 1;
  }
}
