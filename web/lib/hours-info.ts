/**
 * The open/closed state of a place for display. The server's `openNow`/`is24h` are the truth for
 * the list; the next change ("closes at 18:00") comes from the server when it sends it, else from
 * data/hours evaluated here in the station's zone.
 */
import type { HoursModule } from '../hooks/use-hours';
import { DEFAULT_TZ, type HoursInfo } from './format';

export interface HoursSource {
  openNow?: boolean | null;
  is24h?: boolean;
  nextChange?: string;
  opening_hours?: string;
  timezone?: string;
}

/** HoursInfo from what the server said and (when loaded) the hours module. */
export function hoursInfo(p: HoursSource, mod: HoursModule | null, now: Date): HoursInfo {
  const local = mod && p.opening_hours ? mod.openState(p.opening_hours, now, p.timezone ?? DEFAULT_TZ) : null;
  if (p.openNow === undefined) {
    // A record without the server's verdict (e.g. from /api/stations/{id}): evaluate it here.
    return local ?? { state: 'unknown', is24h: p.is24h ?? false };
  }
  const state = p.openNow === null ? 'unknown' : p.openNow ? 'open' : 'closed';
  const next = p.nextChange ? new Date(p.nextChange) : local && local.state === state ? local.nextChange : undefined;
  return { state, is24h: p.is24h ?? false, nextChange: next };
}
