/**
 * A temporary closure with an end: a station marked `temporarily_closed` may carry `closed_until`,
 * the last day it is closed (a date in the station's own zone, as notices' ends are). Once that day
 * is over the station is open again — the API writes it back to `open` (api/reopen.ts).
 */
import type { Station } from './schema';
import { DEFAULT_TZ } from './time-zone';
import { instantOf, wallEnd, wallFields } from './wall-time';

type Closure = Pick<Station, 'status' | 'closed_until' | 'timezone'>;

/** The instant (ms) a closure's last day ends in the station's zone, or undefined when it has no end. */
export function reopensAt(s: Closure): number | undefined {
  if (s.status !== 'temporarily_closed' || !s.closed_until || !wallFields(s.closed_until)) return undefined;
  return instantOf(wallEnd(s.closed_until), s.timezone ?? DEFAULT_TZ);
}

/** True when the station is temporarily closed and the last day of its closure is over at `at`. */
export function reopenDue(s: Closure, at: Date): boolean {
  const t = reopensAt(s);
  return t !== undefined && t <= at.getTime();
}

/** The station open again: status `open`, the end dropped. */
export function reopened<S extends Station>(s: S): S {
  const { closed_until: _end, ...rest } = s;
  return { ...rest, status: 'open' } as S;
}

/** Why `closedUntil` cannot end a closure of station `s` at `at` (a day already over), or null. */
export function closedUntilProblem(closedUntil: string, s: Pick<Station, 'timezone'>, at: Date): string | null {
  if (!wallFields(closedUntil) || closedUntil.includes('T')) return 'closed_until must be a date (YYYY-MM-DD)';
  if (instantOf(wallEnd(closedUntil), s.timezone ?? DEFAULT_TZ) <= at.getTime()) return 'closed_until must be today or a later day';
  return null;
}
