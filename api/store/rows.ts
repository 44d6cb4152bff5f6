/**
 * Stored rows as the port's records, the same for both adapters (their queries name the columns
 * alike): reports with their target and resolution, membership applications, benefits; and rows
 * read by key, in the order asked.
 */
import type { Report, TriageReport } from './port-reports';
import type { AdminApplication, MembershipApplication } from './port-membership';
import type { Benefit } from './port-benefits';

type Row = Record<string, string | number | null>;

/** A joined row as a report: absent fields dropped, resolution and target nested. */
export function toReport(row: Row): TriageReport {
  const r = row as Record<string, string | null>;
  const report: TriageReport = {
    id: r.id!, clientId: r.clientId!, targetType: r.targetType as Report['targetType'], targetId: r.targetId!,
    kind: r.kind as Report['kind'], ...(r.amenity ? { amenity: r.amenity } : {}), ...(r.note ? { note: r.note } : {}),
    createdAt: r.createdAt!, status: r.status as Report['status'],
    target: r.targetName === null ? null : { name: r.targetName!, status: r.targetStatus! },
  };
  if (r.resolvedAt) {
    report.resolution = {
      at: r.resolvedAt, by: r.resolvedBy!, ...(r.resolvedByEmail ? { byEmail: r.resolvedByEmail } : {}),
      ...(r.resolvedByName?.trim() ? { byName: r.resolvedByName.trim() } : {}),
      ...(r.resolutionNote ? { note: r.resolutionNote } : {}), applied: row.applied === 1,
    };
  }
  return report;
}

/** An application row (joined with its account's email) as the admin sees it. */
export function toApplication(r: Record<string, string | null>): AdminApplication {
  return {
    id: r.id!, userId: r.userId!, email: r.email!, status: r.status as MembershipApplication['status'],
    ...JSON.parse(r.doc!), createdAt: r.createdAt!,
    ...(r.reviewedAt ? { reviewedAt: r.reviewedAt } : {}), ...(r.reason ? { reason: r.reason } : {}),
  };
}

/** The applicant's own view: no account fields. */
export function ownView(a: AdminApplication): MembershipApplication {
  const { userId: _u, email: _e, ...own } = a;
  return own;
}

export const toBenefit = (r: { id: string; doc: string; createdAt: string }): Benefit => ({ ...JSON.parse(r.doc), id: r.id, createdAt: r.createdAt });

/** The values of `rows` ([key, value] pairs, any order) in the order of `keys`: undefined for a key with no row. */
export function inOrderOf<K, V>(keys: readonly K[], rows: Iterable<readonly [K, V]>): (V | undefined)[] {
  const found = new Map(rows);
  return keys.map((k) => found.get(k));
}
