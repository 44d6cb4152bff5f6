import { describe, expect, it } from 'vitest';
import { Random } from '../../data/demo/random';
import { createPostingsPacker, plainList } from '../../data/postings';

/** Lists of ascending numbers with gaps of every varint width (1 to 4 bytes), some empty. */
function lists(rnd: Random): number[][] {
  return Array.from({ length: 40 }, (_, k) => {
    const out: number[] = [], gap = [2, 200, 30_000, 5_000_000][k % 4];
    for (let v = Math.floor(rnd.next() * gap), m = k % 7 === 0 ? 0 : 1 + Math.floor(rnd.next() * 150); out.length < m; v += 1 + Math.floor(rnd.next() * gap)) out.push(v);
    return out;
  });
}

describe('createPostingsPacker', () => {
  it('reads every list as it was: entries, lower bounds, membership and runs, over any range', () => {
    const rnd = new Random(3), raw = lists(rnd);
    // handed over interleaved, as a build reads records: by value, lists in a shuffled order
    const entries = raw.flatMap((l, s) => l.map((v) => [s, v, rnd.next()] as const)).sort((a, b) => a[1] - b[1] || a[2] - b[2]);
    const packer = createPostingsPacker(raw.length);
    for (const [s, v] of entries) packer.count([s], 0, 1, v);
    for (const [s, v] of entries) packer.add([s], 0, 1, v);
    const packed = packer.done();
    raw.forEach((want, s) => {
      for (const got of [packed.list(s), plainList(Uint32Array.from(want), -1)]) {
        expect(got.length).toBe(want.length);
        want.forEach((v, k) => expect(got.at(k)).toBe(v));
        for (let t = 0; t < 60; t++) {
          const lo = Math.floor(rnd.next() * (want.length + 1)), hi = lo + Math.floor(rnd.next() * (want.length + 1 - lo));
          const v = want.length > 0 && rnd.next() < 0.5 ? want[Math.floor(rnd.next() * want.length)] + (rnd.next() < 0.5 ? 0 : 1) : Math.floor(rnd.next() * 1e8);
          let k = lo;
          while (k < hi && want[k] < v) k++;
          expect(got.lowerBound(v, lo, hi), `list ${s} [${lo}, ${hi}) ≥ ${v}`).toBe(k);
          expect(got.has(v, lo, hi)).toBe(want.slice(lo, hi).includes(v));
          const out = new Uint32Array(hi - lo);
          got.read(lo, hi, out);
          expect([...out]).toEqual(want.slice(lo, hi));
        }
      }
    });
  });
});
