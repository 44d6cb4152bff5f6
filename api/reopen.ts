/**
 * Temporary closures that have run out: stations marked temporarily closed with a `closed_until`
 * whose last day is over are written back to open (audited as the system's doing). Every API
 * process runs this on a timer; the write is compare-and-set, so when two processes race, one
 * writes and the other finds the station already changed and leaves it.
 */
import { canonicalStation } from '../data/records';
import { stationSchema } from '../data/schema';
import { reopenDue, reopened } from '../data/temporary-closure';
import type { Listings } from './listings';
import { putStation, WriteConflictError } from './moderation/writes';
import type { Store } from './store/port';

export const REOPEN_CHECK_MS = 60_000; // how often closures are checked for their end
export const SYSTEM_ACTOR = 'system'; // audit actor of what the server does by itself

/** Reopens every station whose temporary closure has ended at `now`; resolves to their ids. */
export async function reopenEnded(deps: { store: Store; listings: Listings }, now: Date): Promise<string[]> {
  const due = (await deps.store.closingStationDocs()).map((doc) => stationSchema.parse(JSON.parse(doc))).filter((s) => reopenDue(s, now));
  const done: string[] = [];
  const at = now.toISOString();
  for (const before of due) {
    const after = canonicalStation(reopened(before), at);
    const audit = { at, actor_id: SYSTEM_ACTOR, action: 'station.status.open', target_type: 'station', target_id: before.id, before, after };
    try {
      await deps.store.atomically((tx) => putStation(tx, after, { audit, base: before }));
      done.push(before.id);
    } catch (e) {
      if (!(e instanceof WriteConflictError)) throw e; // changed meanwhile (another process reopened it, or someone edited it)
    }
  }
  if (done.length) await deps.listings.refreshNow('stations');
  return done;
}
