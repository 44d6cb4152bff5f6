/**
 * The storage port's station-operator and freshness half: which accounts run which stations, who
 * sent a report (to count a visitor's confirmation once a day), the inspection list of stations
 * not verified for a long time, and stations flagged by "closed" reports. Part of `Store` (port.ts).
 */

import type { OperatorGrant } from '../../data/wire';

export type { OperatorGrant };

/** Where an inspection list looks (absent fields: everywhere). */
export interface RegionQuery {
  province?: string;
  city?: string;
  limit: number;
}

export interface OperatorStore {
  /** Grants an account the stations (already granted ones stay as they were); returns how many are new. */
  grantOperator(accountId: string, stationIds: readonly string[], at: string, by: string): number;
  /** Revokes one grant; false when there was none. */
  revokeOperator(accountId: string, stationId: string): boolean;
  /** The station ids an account runs, sorted. */
  operatorStationIds(accountId: string): string[];
  isOperator(accountId: string, stationId: string): boolean;
  /** Every grant (for the admin's list), by station then account. */
  operatorGrants(): OperatorGrant[];
  /** Records who sent a report (a salted hash of the client, never the address itself). */
  setReporter(reportId: string, reporter: string): void;
  /** How many other reports of `kind` this reporter sent about the station in [from, to). */
  reportsBy(q: { stationId: string; kind: string; reporter: string; from: string; to: string; exceptId: string }): number;
  /** Live stations (not closed) whose last verification (or, never verified, last update) is before `before`, as documents. */
  staleStationDocs(before: string, region: RegionQuery): string[];
  /** When each station's open "closed" reports since `since` were made (stations without any left out). */
  closedReportTimes(since: string): Map<string, string[]>;
}
