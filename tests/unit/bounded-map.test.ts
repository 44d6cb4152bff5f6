// Bounded caches: room is made by forgetting the oldest entries, a batch at a time, never more than needed.
import { describe, expect, it } from 'vitest';
import { makeRoom } from '../../data/bounded-map';

const filled = (n: number) => new Map<number, string>(Array.from({ length: n }, (_, i) => [i, `v${i}`]));

describe('makeRoom', () => {
  it('leaves a map with room as it is', () => {
    const m = filled(99);
    makeRoom(m, 100);
    expect([...m.keys()]).toEqual(Array.from({ length: 99 }, (_, i) => i));
  });

  it('forgets the oldest eighth of a full map, oldest first', () => {
    const m = filled(800);
    makeRoom(m, 800);
    expect(m.size).toBe(700);
    expect(m.has(99)).toBe(false);
    expect([...m.keys()][0]).toBe(100);
    // what was read or written again keeps its place in insertion order: it is old all the same
    m.set(100, 'again');
    for (let k = 800; m.size < 800; k++) m.set(k, `v${k}`);
    makeRoom(m, 800);
    expect(m.has(100)).toBe(false);
  });

  it('makes room for one in small maps, and brings an overfull map under its bound', () => {
    const small = filled(3);
    makeRoom(small, 3);
    expect([...small.keys()]).toEqual([1, 2]);
    const over = filled(50); // a bound lowered since it was filled
    makeRoom(over, 10);
    expect([...over.keys()]).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49]);
  });

  it('keeps a cache that is written to again and again within its bound', () => {
    const m = new Map<number, number>();
    for (let k = 0; k < 100_000; k++) {
      if (!m.has(k)) makeRoom(m, 1000);
      m.set(k, k);
      expect(m.size).toBeLessThanOrEqual(1000);
    }
    expect(m.has(99_999)).toBe(true);
    expect(m.has(98_000)).toBe(false);
  });
});
