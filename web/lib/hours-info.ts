/**
 * The open/closed state of a place for display. The server's `openNow`/`is24h`/`nextChange` are
 * the truth for a list item; a record without them (GET /api/stations/{id}) is evaluated here with
 * data/hours, in the station's zone.
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
 * gave no verdict (a record, not a list item). A list item without `nextChange` is the server's
 * word too — 24 h, hours it cannot read, or no change within the week it looks ahead, which the
 * same code here finds the same — so it never costs a phone the parser (112 KB) and its work.
 */
export function needsHours(p: HoursSource): boolean {
  if (!p.opening_hours || outOfService(p.status)) return false;
  return p.openNow === undefined;
}

/** HoursInfo from what the server said, else (a record without its verdict) from the hours module when loaded. */
export function hoursInfo(p: HoursSource, mod: HoursModule | null, now: Date): HoursInfo {
  if (outOfService(p.status)) return { state: 'closed', is24h: false }; // its line says why and until when
  if (needsHours(p)) return mod?.openState(p.opening_hours, now, p.timezone ?? DEFAULT_TZ) ?? { state: 'unknown', is24h: p.is24h ?? false };
  const state = p.openNow === null || p.openNow === undefined ? 'unknown' : p.openNow ? 'open' : 'closed';
  return { state, is24h: p.is24h ?? false, nextChange: p.nextChange ? new Date(p.nextChange) : undefined };
}
