/**
 * Freshness people can trust: who last verified a station and when, what visitors confirmed over
 * the last 30 days, and when a station "may be out of date". Pure rules over a given instant, so
 * the API, the PWA offline and the tests (with a fixed clock) all agree.
 */
import type { Station } from './schema';

export const FRESHNESS = {
  windowDays: 30, // visitor confirmations count over this many days
  staleDays: 180, // unverified for longer → "may be out of date"
  confirmationsToVerify: 2, // independent confirmations within the window that refresh verified_at
  closedReportsToFlag: 3, // "closed" reports within flagDays that flag a station for review
  flagDays: 7,
};

/** Who verified a station: its operator, a union admin, enough visitors, or the import it came from. */
export const VERIFIERS = ['operator', 'admin', 'visitors', 'import'] as const;
export type Verifier = (typeof VERIFIERS)[number];

const DAY_MS = 24 * 3600_000;

/** Visitor confirmations over the window before `at`: how many and the latest (absent when none). */
export interface Confirmations {
  count: number;
  last?: string;
}

/** The confirmations of a station's record that fall within the window before `at`. */
export function confirmationsAt(s: Pick<Station, 'confirmed_on'>, at: Date, windowDays = FRESHNESS.windowDays): Confirmations {
  const from = at.getTime() - windowDays * DAY_MS;
  const within = (s.confirmed_on ?? []).filter((t) => {
    const ms = Date.parse(t);
    return ms > from && ms <= at.getTime();
  });
  if (within.length === 0) return { count: 0 };
  return { count: within.length, last: within.reduce((a, b) => (a > b ? a : b)) };
}

/**
 * A station after one counted visitor confirmation at `at` (the caller counts at most one per
 * client per station per day): the confirmation is kept (older ones beyond the window dropped),
 * and when `needed` confirmations have come in within the window since the last verification,
 * the station counts as verified now, by visitors.
 */
export function applyConfirmation(s: Station, at: Date, needed = FRESHNESS.confirmationsToVerify): Station {
  const iso = new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString();
  const from = at.getTime() - FRESHNESS.windowDays * DAY_MS;
  const kept = [...(s.confirmed_on ?? []).filter((t) => Date.parse(t) > from), iso].sort();
  const since = Math.max(from, s.verified_at ? Date.parse(s.verified_at) : -Infinity);
  const fresh = kept.filter((t) => Date.parse(t) > since).length;
  const next: Station = { ...s, confirmed_on: kept };
  return fresh >= needed ? { ...next, verified_at: iso, verified_by: 'visitors' } : next;
}

/** The instant freshness counts from: the last verification, else the last update (an import). */
export function freshSince(s: Pick<Station, 'verified_at' | 'updated_at'>): string {
  return s.verified_at ?? s.updated_at;
}

/** True when a station has not been verified for `staleDays` before `at`: "may be out of date". */
export function mayBeOutdated(s: Pick<Station, 'verified_at' | 'updated_at'>, at: Date, staleDays = FRESHNESS.staleDays): boolean {
  return at.getTime() - Date.parse(freshSince(s)) > staleDays * DAY_MS;
}

/** The cut-off instant of the inspection list: stations verified before it (or never) are listed. */
export function staleBefore(at: Date, staleDays = FRESHNESS.staleDays): string {
  return new Date(at.getTime() - staleDays * DAY_MS).toISOString();
}

/** True when enough "closed" reports (instants) came in within flagDays before `at` to flag a station. */
export function flaggedClosed(reportTimes: readonly string[], at: Date): boolean {
  const from = at.getTime() - FRESHNESS.flagDays * DAY_MS;
  return reportTimes.filter((t) => Date.parse(t) > from).length >= FRESHNESS.closedReportsToFlag;
}
