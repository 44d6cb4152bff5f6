// The id table answers as a Map of id → index does: every id found at its index, others not found.
import { describe, expect, it } from 'vitest';
import { Random } from '../../data/demo/random';
import { idTableBuild } from '../../data/id-table';
import { finish } from '../../data/slices';

const rnd = new Random(5);
const anId = () => Array.from({ length: rnd.int(1, 12) }, () => rnd.pick(['a', 'b', 'z', '0', '9', '-', '驿', '站', '😀'])).join('');

describe('idTableBuild', () => {
  it('finds each id at its index and nothing else', () => {
    for (const n of [0, 1, 7, 1000, 50_000]) {
      const ids = [...new Set(Array.from({ length: n * 2 }, anId))].slice(0, n);
      const lookup = finish(idTableBuild(ids));
      ids.forEach((id, i) => expect(lookup(id)).toBe(i));
      for (let k = 0; k < 500; k++) {
        const other = `${anId()}#`;
        expect(lookup(other)).toBeUndefined();
      }
      expect(lookup('')).toBeUndefined();
    }
  });
});
