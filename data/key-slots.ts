/**
 * Numbers (non-negative integers below 2^53) → dense slot numbers 0, 1, 2… in the order first seen:
 * an open-addressing table over typed arrays. The search index asks it tens of millions of times
 * while it is built; a Map boxes every key above 2^31 (its gram keys are) and was most of the build.
 */
export interface KeySlots {
  /** The key's slot, made when it is new. */
  slotOf(key: number): number;
  /**
   * The slots of keys[0…count), made when new, in an array valid until the next call (keys handed
   * over one at a time to a call that is not inlined are boxed, a heap number each).
   */
  slotsFor(keys: Float64Array, count: number): Int32Array;
  /** The key's slot, or -1. */
  find(key: number): number;
  readonly size: number;
  /** The keys, by slot. */
  keys(): Float64Array;
}

export function createKeySlots(expected = 1024): KeySlots {
  let cap = 1 << Math.ceil(Math.log2(Math.max(16, expected * 2)));
  let table = new Int32Array(cap).fill(-1); // slot numbers by hash position; -1: empty
  let byslot = new Float64Array(Math.max(16, expected));
  let size = 0;
  let out = new Int32Array(64);

  const hash = (key: number) => {
    const lo = key >>> 0, hi = (key / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    return Math.imul(h, 0xc2b2ae35) ^ (h >>> 16);
  };
  const probe = (key: number) => {
    const mask = cap - 1;
    let at = hash(key) & mask;
    while (table[at] !== -1 && byslot[table[at]] !== key) at = (at + 1) & mask;
    return at;
  };
  const grow = () => {
    cap *= 2;
    table = new Int32Array(cap).fill(-1);
    for (let s = 0; s < size; s++) table[probe(byslot[s])] = s;
  };

  const slotOf = (key: number) => {
    const at = probe(key);
    if (table[at] !== -1) return table[at];
    if (size === byslot.length) {
      const bigger = new Float64Array(byslot.length * 2);
      bigger.set(byslot);
      byslot = bigger;
    }
    byslot[size] = key;
    table[at] = size;
    if (++size * 2 > cap) grow();
    return size - 1;
  };

  return {
    slotOf,
    slotsFor(keys, count) {
      if (count > out.length) out = new Int32Array(Math.max(count, 2 * out.length));
      for (let k = 0; k < count; k++) out[k] = slotOf(keys[k]);
      return out;
    },
    find(key) {
      return table[probe(key)];
    },
    get size() {
      return size;
    },
    keys: () => byslot.subarray(0, size),
  };
}
