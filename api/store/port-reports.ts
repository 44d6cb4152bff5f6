/**
 * The storage port's problem-report half: reports riders send about a station or merchant (often
 * queued offline and replayed), and the union admin's triage of them. Part of `Store` (port.ts).
 * Reports are not listings: they carry no change version and never appear in /api/sync.
 */
import type { ReportKind } from '../../data/catalog';
import type { Report, ReportInput, ReportStatus, ReportSummary, ReportTargetType, Resolution, TriageReport } from '../../data/wire';

export { REPORT_STATUSES, REPORT_TARGET_TYPES } from '../../data/wire';
export type { Report, ReportInput, ReportStatus, ReportSummary, ReportTargetType, Resolution, TriageReport } from '../../data/wire';

export interface ReportQuery {
  status?: ReportStatus;
  targetType?: ReportTargetType;
  targetId?: string;
  limit: number;
  /** only reports older than this report (the previous page's last id) */
  before?: string;
}

export interface ReportStore {
  /**
   * Stores a report unless one with its clientId exists (INSERT … ON CONFLICT DO NOTHING, so
   * concurrent duplicates store one row); returns the stored report either way.
   */
  insertReport(report: ReportInput & { id: string; createdAt: string }): { report: Report; created: boolean };
  reportByClientId(clientId: string): Report | undefined;
  reportById(id: string): TriageReport | undefined;
  /** Reports newest first, with their targets. */
  reports(q: ReportQuery): TriageReport[];
  /** Targets with open reports, most open reports first. */
  reportSummary(q: { targetType?: ReportTargetType; limit: number }): ReportSummary[];
  /** Resolves one report if it is open; false when it is not (already resolved, or unknown). */
  resolveReport(id: string, resolution: Resolution): boolean;
  /** Resolves every open report of a target and kind; returns their ids. */
  resolveOpenReports(target: { type: ReportTargetType; id: string }, kind: ReportKind, resolution: Resolution): string[];
}
