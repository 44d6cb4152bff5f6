/**
 * Each station's row times (data/list-item.ts rowTimes: when it was updated and last verified,
 * as numbers), read once from the documents in the background after a stations listing is built.
 * With them a station's list row is spelt from the listing's columns: the first answer that names
 * a station needs no document read (at random places over 100 k stations, that read was the
 * nearest route's largest cost: 0.68–0.69× /api/health's throughput with it, 0.75–0.77× without),
 * and while the database is gone the row is still whole.
 */
import { rowTimes, type RowTimes } from '../data/list-item';
import type { Station } from '../data/schema';
import type { Listing } from './listing';
import type { Store } from './store/port';

/** A listing's row times by record (16 bytes each, and the stamp they were read at). */
interface TimesColumns {
  updated: Float64Array;
  verified: Float64Array;
  /** the record's stamp (Listing.stamp) + 1 when its times were read; 0: not read, or no row times */
  read: Uint32Array;
}
const times = new WeakMap<Listing, TimesColumns>();
/** Listings whose read has started (once each). */
const reading = new WeakSet<Listing>();

/**
 * Documents read at a time (~2 ms of work), and the pause after each batch: a fifth of a core at
 * most, the rest left to requests and to whatever starts beside it (another API process, a rebuild).
 */
const DOCS_PER_TURN = 256;
const PAUSE_MS = 8;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, PAUSE_MS));

/**
 * Reads the row times of every station of `listing` that has none (all but those `carryRowTimes`
 * gave it) from its document, a batch at a time with a pause between (once per listing; ~8 µs a
 * station: 3.4 s of work at 400 k, over ~15 s), for as long as the listing is `current` (a replaced
 * one stops at its next batch, and is let go). A station patched while its batch is read gets
 * none; those, and all of them while this runs or if it fails (the database cannot be read), have
 * their rows read from their documents as before.
 */
export async function readRowTimes(listing: Listing, store: Store, current: () => boolean = () => true): Promise<void> {
  if (reading.has(listing)) return;
  reading.add(listing);
  const n = listing.size, cols = listing.cols;
  const t = times.get(listing) ?? { updated: new Float64Array(n), verified: new Float64Array(n), read: new Uint32Array(n) };
  times.set(listing, t);
  for (let k = 0; k < n && current(); k += DOCS_PER_TURN) {
    const at: number[] = [];
    for (let i = k; i < Math.min(k + DOCS_PER_TURN, n); i++) if (t.read[i] === 0) at.push(i);
    if (at.length === 0) continue;
    const stamps = at.map((i) => listing.stamp(i)); // a patch meanwhile: the document read may be older or newer than the columns
    const docs = await store.stationDocs(at.map((i) => cols.rowid[i]));
    docs.forEach((doc, j) => {
      const i = at[j], r = doc === undefined || listing.stamp(i) !== stamps[j] ? undefined : rowTimes(JSON.parse(doc) as Station, cols, i);
      if (!r) return;
      [t.updated[i], t.verified[i], t.read[i]] = [r.updated, r.verified, stamps[j] + 1];
    });
    await pause();
  }
}

/**
 * Gives `to`, a listing built from `from`'s columns with a few records edited (the same records
 * at the same places: api/listings.ts withEdits), the row times `from` has of the others, so that
 * its rows are spelt at once and its read (readRowTimes) is only of the edited ones.
 */
export function carryRowTimes(from: Listing, to: Listing, edited: readonly number[]): void {
  const f = times.get(from);
  if (!f || times.has(to) || to.size !== from.size) return;
  const t: TimesColumns = { updated: f.updated.slice(), verified: f.verified.slice(), read: new Uint32Array(to.size) };
  for (let i = 0; i < to.size; i++) if (f.read[i] !== 0 && f.read[i] === from.stamp(i) + 1) t.read[i] = to.stamp(i) + 1;
  for (const i of edited) t.read[i] = 0;
  times.set(to, t);
}

/** Station i's row times, when read and the station not patched since. */
export function rowTimesOf(listing: Listing, i: number): RowTimes | undefined {
  const t = times.get(listing);
  if (!t || t.read[i] !== listing.stamp(i) + 1) return undefined;
  return { updated: t.updated[i], verified: t.verified[i] };
}
