/**
 * Record ids → listing index, as an open-addressing hash table in one typed array: built a slice
 * at a time, and ≈ 4 bytes a slot. A Map of 400 k string keys costs ≈ 20 MB more, and its rehash
 * past 262 k entries is one step of ≈ 50 ms.
 */
import { sliced, type Sliced } from './slices';

/** Looks an id up: its index in the ids the table was built over, or undefined. */
export type IdLookup = (id: string) => number | undefined;

/** FNV-1a over the UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The lookup of `ids` (the first of equal ids wins, as a Map filled in order would keep the last: ids are unique). */
export function* idTableBuild(ids: ArrayLike<string>): Sliced<IdLookup> {
  let size = 16;
  while (size < ids.length * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  yield* sliced(ids.length, (i) => {
    let s = hash(ids[i]) & mask;
    while (slots[s] !== -1) s = (s + 1) & mask;
    slots[s] = i;
  });
  return (id) => {
    for (let s = hash(id) & mask; ; s = (s + 1) & mask) {
      const i = slots[s];
      if (i === -1) return undefined;
      if (ids[i] === id) return i;
    }
  };
}
