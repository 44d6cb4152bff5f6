/**
 * Visitor "confirmed" reports as freshness: each counts once per client per station per day (the
 * station's day), is kept on the station for 30 days, and enough of them refresh its verified_at
 * (data/freshness.ts). The client is a salted hash of its address, never the address itself.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { applyConfirmation, FRESHNESS } from '../../data/freshness';
import { zonedDay } from '../../data/wall-time';
import { canonicalStation } from '../../data/records';
import { stationSchema } from '../../data/schema';
import type { AppEnv } from '../env';
import { clientAddress } from '../auth/request';
import { WriteConflictError, writeStation } from '../moderation/writes';
import type { Report } from '../store/port';

const SALT = 'yizhan-reporter-v1:';

const CONFLICT_TRIES = 5; // concurrent confirmations of one station: each is counted, none lost

/** Counts a new "confirmed" report on its station (once per client per day); other reports are left alone. */
export async function countConfirmation(c: Context<AppEnv>, report: Report): Promise<void> {
  if (report.kind !== 'confirmed' || report.targetType !== 'station') return;
  const deps = c.get('deps');
  const reporter = createHash('sha256').update(SALT + clientAddress(c)).digest('base64url').slice(0, 22);
  await deps.store.setReporter(report.id, reporter);
  for (let tries = 1; ; tries++) {
    const doc = await deps.store.stationDoc(report.targetId);
    if (doc === undefined) return;
    const station = stationSchema.parse(JSON.parse(doc));
    const at = new Date(report.createdAt);
    const [from, to] = zonedDay(at, station.timezone);
    const earlier = await deps.store.reportsBy({ stationId: station.id, kind: 'confirmed', reporter, from, to, exceptId: report.id });
    if (earlier > 0) return;
    const next = applyConfirmation(station, at, deps.config.confirmationsToVerify ?? FRESHNESS.confirmationsToVerify);
    try {
      return await writeStation(deps, canonicalStation(next, station.updated_at), { base: station });
    } catch (err) {
      if (!(err instanceof WriteConflictError) || tries === CONFLICT_TRIES) throw err;
    }
  }
}
