import { describe, expect, it } from 'vitest';
import { createKeySlots } from '../../data/key-slots';
import { Random } from '../../data/demo/random';

describe('createKeySlots', () => {
  it('gives each key one slot in first-seen order, as a Map would, through growth', () => {
    const rnd = new Random(3), slots = createKeySlots(4), oracle = new Map<number, number>();
    for (let k = 0; k < 50_000; k++) {
      // keys like the search index's: kinds 2^32 apart, codes and pairs within
      const key = Math.floor(rnd.next() * 7) * 2 ** 32 + Math.floor(rnd.next() * (k % 2 ? 65536 : 2 ** 32));
      if (!oracle.has(key)) oracle.set(key, oracle.size);
      expect(slots.slotOf(key)).toBe(oracle.get(key));
    }
    expect(slots.size).toBe(oracle.size);
    expect(Array.from(slots.keys())).toEqual([...oracle.keys()]);
    for (const [key, s] of oracle) expect(slots.find(key)).toBe(s);
    expect(slots.find(6 * 2 ** 32 + 2 ** 32 - 1 + 0.5)).toBe(-1);
    expect(slots.find(2 ** 40)).toBe(-1);
  });

  it('gives a batch of keys the slots one by one would, new ones made in order, through growth', () => {
    const rnd = new Random(5), batched = createKeySlots(4), single = createKeySlots(4);
    for (let round = 0; round < 200; round++) {
      const count = 1 + Math.floor(rnd.next() * 700), keys = new Float64Array(count + 3);
      for (let k = 0; k < keys.length; k++) keys[k] = Math.floor(rnd.next() * 5) * 2 ** 32 + Math.floor(rnd.next() * 3000);
      const slots = Array.from(batched.slotsFor(keys, count).subarray(0, count));
      expect(slots).toEqual(Array.from(keys.subarray(0, count), (key) => single.slotOf(key)));
    }
    expect(batched.size).toBe(single.size);
    expect(Array.from(batched.keys())).toEqual(Array.from(single.keys()));
  });
});
