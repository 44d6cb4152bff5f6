/**
 * The storage port's problem-report half: reports riders send about a station or merchant (often
 * queued offline and replayed), and the union admin's triage of them. Part of `Store` (port.ts).
 * Reports are not listings: they carry no change version and never appear in /api/sync.
 */
import type { ReportKind } from '../../data/catalog';

export const REPORT_TARGET_TYPES = ['station', 'merchant'] as const;
export const REPORT_STATUSES = ['open', 'resolved'] as const;

export type ReportTargetType = (typeof REPORT_TARGET_TYPES)[number];
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What a reporter sends, in canonical form (note trimmed, absent when empty; clientId lower-case). */
export interface ReportInput {
  clientId: string;
  targetType: ReportTargetType;
  targetId: string;
  kind: ReportKind;
  amenity?: string;
  note?: string;
}

/** How an admin closed a report. */
export interface Resolution {
  at: string;
  /** the admin's account id */
  by: string;
  note?: string;
  /** true when the reported state was written to the station */
  applied: boolean;
}

/** A stored report. */
export interface Report extends ReportInput {
  id: string;
  createdAt: string;
  status: ReportStatus;
  resolution?: Resolution & { byEmail?: string };
}

/** A report as triage shows it: with its target's name and status (null when the target is gone). */
export interface TriageReport extends Report {
  target: { name: string; status: string } | null;
}

export interface ReportQuery {
  status?: ReportStatus;
  targetType?: ReportTargetType;
  targetId?: string;
  limit: number;
  /** only reports older than this report (the previous page's last id) */
  before?: string;
}

/** Open reports of one target, for a triage list grouped by station. */
export interface ReportSummary {
  targetType: ReportTargetType;
  targetId: string;
  target: { name: string; status: string } | null;
  open: number;
  kinds: Partial<Record<ReportKind, number>>;
  /** when the newest open report was made */
  lastAt: string;
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
