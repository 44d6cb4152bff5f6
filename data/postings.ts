/**
 * Posting lists packed as gaps: each list (ascending numbers) in blocks of BLOCK entries, a block's
 * first number kept whole and the rest as varint gaps from the one before. Positions in quadtree
 * order are close in a list (a city's records are neighbours), so most gaps take one byte: 400 k
 * demo stations' 20.5 M postings are 82 MB as Uint32Array, ≈ 28 MB packed. A search reads a list
 * by binary search over its blocks' first numbers, then a few gaps.
 */

const BLOCK = 32; // entries a block: its first whole (4 bytes) and where its gaps start (4 bytes)
// gaps are read with 32-bit shifts: numbers (positions) below 2^28

/** One list of ascending numbers, read by index. */
export interface PostingList {
  readonly length: number;
  /** Same list, same key: tells lists apart without comparing them. */
  readonly key: number;
  /** The entry at index k. */
  at(k: number): number;
  /** The first index in [lo, hi) whose entry is ≥ v (hi when none). */
  lowerBound(v: number, lo: number, hi: number): number;
  /** Entries lo…hi−1 into `out` from 0 (out.length ≥ hi − lo). */
  read(lo: number, hi: number, out: Uint32Array): void;
  /** Whether v is an entry in [lo, hi). */
  has(v: number, lo: number, hi: number): boolean;
}

/** All lists of an index packed (see the file comment). */
export interface PackedPostings {
  list(s: number): PostingList;
}

/**
 * Packs lists handed over an entry at a time, twice (no raw array of them all: at 400 k stations
 * that was 82 MB, and writing it then packing it was most of the search index's build). Entries
 * may come in any interleaving of the lists, each list's ascending, the same both times.
 */
export interface PostingsPacker {
  /** First pass: entry v of each list in lists[from…to) (a record in the lists of its grams). */
  count(lists: ArrayLike<number>, from: number, to: number, v: number): void;
  /** Second pass: the same entries in the same order (the first call ends the first pass). */
  add(lists: ArrayLike<number>, from: number, to: number, v: number): void;
  /** After the second pass: the lists. */
  done(): PackedPostings;
}

export function createPostingsPacker(lists: number): PostingsPacker {
  const length = new Uint32Array(lists), last = new Uint32Array(lists), cursor = new Float64Array(lists);
  let firstBlock: Uint32Array, first: Uint32Array, offset: Uint32Array, gaps: Uint8Array, seen: Uint32Array | null = null;
  /** Where each list's blocks and gap bytes start (after the first pass `cursor` holds each list's gap bytes). */
  const layout = () => {
    firstBlock = new Uint32Array(lists + 1);
    for (let s = 0; s < lists; s++) firstBlock[s + 1] = firstBlock[s] + Math.ceil(length[s] / BLOCK);
    first = new Uint32Array(firstBlock[lists]);
    offset = new Uint32Array(firstBlock[lists] + 1);
    let bytes = 0;
    for (let s = 0; s < lists; s++) {
      const own = cursor[s];
      cursor[s] = bytes;
      bytes += own;
    }
    offset[firstBlock[lists]] = bytes;
    gaps = new Uint8Array(bytes);
    seen = new Uint32Array(lists);
  };
  return {
    count(lists, from, to, v) {
      for (let j = from; j < to; j++) {
        const s = lists[j];
        if (length[s]++ % BLOCK !== 0) cursor[s] += varintSize(v - last[s]);
        last[s] = v;
      }
    },
    add(lists, from, to, v) {
      if (seen === null) layout();
      for (let j = from; j < to; j++) {
        const s = lists[j], k = seen![s]++;
        if (k % BLOCK === 0) {
          const b = firstBlock[s] + k / BLOCK;
          first[b] = v;
          offset[b] = cursor[s];
        } else cursor[s] = writeVarint(gaps, cursor[s], v - last[s]);
        last[s] = v;
      }
    },
    done() {
      if (seen === null) layout();
      return { list: (s) => packedList(s, length[s], firstBlock[s], first, offset, gaps) };
    },
  };
}

/** List s of a packing: `length` entries in blocks from b0 on. */
function packedList(s: number, length: number, b0: number, first: Uint32Array, offset: Uint32Array, gaps: Uint8Array): PostingList {
  const at = (k: number) => {
    const b = b0 + ((k / BLOCK) | 0);
    let v = first[b], p = offset[b];
    for (let j = k % BLOCK; j > 0; j--) {
      let x = 0, shift = 0, byte = 0;
      do (byte = gaps[p++]), (x |= (byte & 127) << shift), (shift += 7);
      while (byte >= 128);
      v += x;
    }
    return v;
  };
  const lowerBound = (v: number, lo: number, hi: number) => {
    if (lo >= hi) return lo;
    // the last block in range starting at or below v: the answer lies in it or just after it
    let bl = (lo / BLOCK) | 0, bh = ((hi - 1) / BLOCK) | 0;
    if (first[b0 + bl] >= v) return lo; // its first is at or below entry lo
    while (bl < bh) {
      const mid = (bl + bh + 1) >>> 1;
      if (first[b0 + mid] < v) bl = mid;
      else bh = mid - 1;
    }
    // decode block bl from its first entry on
    const end = Math.min(hi, (bl + 1) * BLOCK);
    let k = bl * BLOCK, x = first[b0 + bl], p = offset[b0 + bl];
    for (;;) {
      if (k >= lo && x >= v) return k;
      if (++k >= end) return end;
      let d = 0, shift = 0, byte = 0;
      do (byte = gaps[p++]), (d |= (byte & 127) << shift), (shift += 7);
      while (byte >= 128);
      x += d;
    }
  };
  return {
    length,
    key: s,
    at,
    lowerBound,
    has(v, lo, hi) {
      const k = lowerBound(v, lo, hi);
      return k < hi && at(k) === v;
    },
    read(lo, hi, out) {
      if (lo >= hi) return;
      let k = lo, x = at(lo), b = b0 + ((lo / BLOCK) | 0), p = offset[b];
      // skip to lo's gaps within its block
      for (let j = lo % BLOCK; j > 0; j--) while (gaps[p++] >= 128);
      for (let o = 0; ; o++) {
        out[o] = x;
        if (++k >= hi) return;
        if (k % BLOCK === 0) (b++, (x = first[b]), (p = offset[b]));
        else {
          let d = 0, shift = 0, byte = 0;
          do (byte = gaps[p++]), (d |= (byte & 127) << shift), (shift += 7);
          while (byte >= 128);
          x += d;
        }
      }
    },
  };
}

/** A list held as it is (records renamed since the build), read like a packed one. */
export function plainList(values: Uint32Array, key: number): PostingList {
  const lowerBound = (v: number, lo: number, hi: number) => {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    length: values.length,
    key,
    at: (k) => values[k],
    lowerBound,
    has(v, lo, hi) {
      const k = lowerBound(v, lo, hi);
      return k < hi && values[k] === v;
    },
    read(lo, hi, out) {
      for (let k = lo; k < hi; k++) out[k - lo] = values[k];
    },
  };
}

const varintSize = (x: number) => (x < 128 ? 1 : x < 16384 ? 2 : x < 2097152 ? 3 : x < 268435456 ? 4 : 5);

function writeVarint(out: Uint8Array, at: number, x: number): number {
  while (x >= 128) {
    out[at++] = (x % 128) | 128;
    x = Math.floor(x / 128);
  }
  out[at++] = x;
  return at;
}
