// The sliced kd sort gives the very index kdbush's own `finish` gives: the same buffer, byte for
// byte, for coordinates of either type, ties and sizes around the leaf size, and it answers ranges.
import KDBush from 'kdbush';
import { describe, expect, it } from 'vitest';
import { Random } from '../../data/demo/random';
import { kdFinish } from '../../data/geo/kd-sort';
import { finish } from '../../data/slices';

const rnd = new Random(11);

/** Two kdbush indexes holding the same `n` random points, not finished. */
function twins(n: number, nodeSize: number, type: typeof Float64Array | typeof Int32Array, coarse: boolean): [KDBush, KDBush] {
  const a = new KDBush(n, nodeSize, type), b = new KDBush(n, nodeSize, type);
  for (let i = 0; i < n; i++) {
    const x = coarse ? rnd.int(0, 20) : rnd.next() * 1e6 - 5e5, y = coarse ? rnd.int(0, 20) : rnd.next() * 1e6 - 5e5;
    const [px, py] = type === Int32Array ? [Math.round(x), Math.round(y)] : [x, y];
    a.add(px, py);
    b.add(px, py);
  }
  return [a, b];
}

const bytes = (kd: KDBush) => Buffer.from(kd.data as ArrayBuffer);

describe('kdFinish', () => {
  it('sorts exactly as kdbush finish does', () => {
    for (const type of [Float64Array, Int32Array]) {
      for (const n of [0, 1, 16, 17, 600, 601, 5000, 120_000]) {
        for (const coarse of [false, true]) { // coarse: many equal coordinates
          const nodeSize = rnd.pick([4, 16, 64]);
          const [a, b] = twins(n, nodeSize, type, coarse);
          a.finish();
          const sliced = finish(kdFinish(b));
          expect(bytes(sliced).equals(bytes(a))).toBe(true);
          if (n > 0) expect(sliced.range(-1e5, -1e5, 1e5, 1e5).sort()).toEqual(a.range(-1e5, -1e5, 1e5, 1e5).sort());
        }
      }
    }
  });

  it('yields between ranges on a large index', () => {
    const work = kdFinish(twins(200_000, 16, Float64Array, false)[0]);
    let slices = 0;
    while (!work.next().done) slices++;
    expect(slices).toBeGreaterThan(10);
  });
});
