/**
 * Index rows put in rowid order. SQLite reads a listing's rows by status, then rowid (its covering
 * index), so the rows come as a few rising runs, one per status.
 */
import { sliced, type Sliced } from '../data/slices';

/**
 * The positions of `rowid` in ascending rowid order, null when they already ascend: the rising
 * runs merged (sorted when there are many). A rowid read more than once (its record's status
 * changed between two reads) is kept at its last read only.
 */
export function* rowidOrder(rowid: Float64Array): Sliced<Uint32Array | null> {
  const starts = [0];
  for (let i = 1; i < rowid.length; i++) if (rowid[i] <= rowid[i - 1]) starts.push(i);
  if (starts.length === 1) return null;
  let order: Uint32Array;
  if (starts.length > 16) order = Uint32Array.from(rowid, (_, i) => i).sort((a, b) => rowid[a] - rowid[b] || a - b);
  else {
    const ends = [...starts.slice(1), rowid.length], at = [...starts];
    order = new Uint32Array(rowid.length);
    yield* sliced(order.length, (k) => { // few runs: a linear pick of the smallest head (the earlier run on a tie)
      let best = -1;
      for (let r = 0; r < at.length; r++) if (at[r] < ends[r] && (best < 0 || rowid[at[r]] < rowid[at[best]])) best = r;
      order[k] = at[best]++;
    });
  }
  // equal rowids are now next to each other, in the order they were read: the last read stays
  let size = 0;
  for (let k = 0; k < order.length; k++) {
    if (size > 0 && rowid[order[size - 1]] === rowid[order[k]]) order[size - 1] = order[k];
    else order[size++] = order[k];
  }
  return order.subarray(0, size);
}
