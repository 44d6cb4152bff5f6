/**
 * The open/closed state of a place for display. The server's `openNow`/`is24h` are the truth for
 * the list; the next change ("closes at 18:00") comes from the server when it sends it, else from
 * data/hours evaluated here in the station's zone.
 */
import { outOfService } from '../../data/catalog';
import type { HoursModule } from '../hooks/use-hours';
import { DEFAULT_TZ, type HoursInfo } from './format';

export interface HoursSource {
  openNow?: boolean | null;
  is24h?: boolean;
  nextChange?: string;
  opening_hours?: string;
  timezone?: string;
  /** a station's 'open', 'temporarily_closed' or 'closed' (a merchant's is its listing's: 'approved'…) */
  status?: string;
}

/**
 * Whether the phone has to evaluate a place's opening hours (data/hours) for hoursInfo: the server
 * said neither its state nor, for one with changes, when the next one is.
 */
export function needsHours(p: HoursSource): boolean {
  if (!p.opening_hours || outOfService(p.status)) return false;
  return p.openNow === undefined || (!p.nextChange && !p.is24h);
}

/** HoursInfo from what the server said and (when loaded) the hours module. */
export function hoursInfo(p: HoursSource, mod: HoursModule | null, now: Date): HoursInfo {
  if (outOfService(p.status)) return { state: 'closed', is24h: false }; // its line says why and until when
  const local = mod && needsHours(p) ? mod.openState(p.opening_hours, now, p.timezone ?? DEFAULT_TZ) : null;
  if (p.openNow === undefined) {
    // A record without the server's verdict (e.g. from /api/stations/{id}): evaluate it here.
    return local ?? { state: 'unknown', is24h: p.is24h ?? false };
  }
  const state = p.openNow === null ? 'unknown' : p.openNow ? 'open' : 'closed';
  const next = p.nextChange ? new Date(p.nextChange) : local && local.state === state ? local.nextChange : undefined;
  return { state, is24h: p.is24h ?? false, nextChange: next };
}
