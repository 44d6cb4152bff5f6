/**
 * Problem reports for the SQLite store. A report is stored exactly once per clientId: the UNIQUE
 * constraint decides, so duplicates racing in from retries (or other processes) store one row.
 * Reads join the target's name and status; reports touch no change version (they are not synced).
 */
import type Database from 'better-sqlite3';
import type { ReportQuery, ReportStore, ReportSummary, Resolution } from './port-reports';
import { toReport } from './rows';

const SELECT = `SELECT r.id, r.client_id AS clientId, r.target_type AS targetType, r.target_id AS targetId, r.kind,
    r.amenity, r.note, r.created_at AS createdAt, r.status, r.resolved_at AS resolvedAt, r.resolved_by AS resolvedBy,
    u.email AS resolvedByEmail, u.name AS resolvedByName, r.resolution_note AS resolutionNote, r.applied,
    coalesce(s.name, m.name) AS targetName, coalesce(s.status, m.status) AS targetStatus
  FROM reports r
  LEFT JOIN stations s ON r.target_type = 'station' AND s.id = r.target_id AND s.deleted = 0
  LEFT JOIN merchants m ON r.target_type = 'merchant' AND m.id = r.target_id AND m.deleted = 0
  LEFT JOIN users u ON u.id = r.resolved_by`;

const SUMMARY = `SELECT k.target_type AS targetType, k.target_id AS targetId, k.open, k.kinds, k.lastAt,
    coalesce(s.name, m.name) AS targetName, coalesce(s.status, m.status) AS targetStatus
  FROM (SELECT target_type, target_id, sum(n) AS open, json_group_object(kind, n) AS kinds, max(last) AS lastAt
    FROM (SELECT target_type, target_id, kind, count(*) AS n, max(created_at) AS last FROM reports
      WHERE status = 'open' AND (@targetType IS NULL OR target_type = @targetType)
      GROUP BY target_type, target_id, kind)
    GROUP BY target_type, target_id) k
  LEFT JOIN stations s ON k.target_type = 'station' AND s.id = k.target_id AND s.deleted = 0
  LEFT JOIN merchants m ON k.target_type = 'merchant' AND m.id = k.target_id AND m.deleted = 0
  ORDER BY k.open DESC, k.lastAt DESC, k.target_id LIMIT @limit`;

type Row = Record<string, string | number | null>;

/** The report half of the store, on the shared database. */
export function reportMethods(db: Database.Database): ReportStore {
  const q = {
    insert: db.prepare(`INSERT INTO reports (id, client_id, target_type, target_id, kind, amenity, note, created_at)
      VALUES (@id, @clientId, @targetType, @targetId, @kind, @amenity, @note, @createdAt) ON CONFLICT (client_id) DO NOTHING`),
    byClientId: db.prepare(`${SELECT} WHERE r.client_id = ?`),
    byId: db.prepare(`${SELECT} WHERE r.id = ?`),
    summary: db.prepare(SUMMARY),
    resolve: db.prepare(`UPDATE reports SET status = 'resolved', resolved_at = @at, resolved_by = @by,
      resolution_note = @note, applied = @applied WHERE id = @id AND status = 'open'`),
    resolveOpen: db.prepare(`UPDATE reports SET status = 'resolved', resolved_at = @at, resolved_by = @by,
      resolution_note = @note, applied = @applied
      WHERE target_type = @type AND target_id = @target AND kind = @kind AND status = 'open' RETURNING id`).pluck(),
  };
  const lists = new Map<string, Database.Statement>();
  /** The list query for the filters present (fixed SQL fragments, so each shape can use its index). */
  const listStatement = (f: ReportQuery) => {
    const where = [
      f.status && 'r.status = @status', f.targetType && 'r.target_type = @targetType',
      f.targetId && 'r.target_id = @targetId', f.before && 'r.seq < (SELECT seq FROM reports WHERE id = @before)',
    ].filter(Boolean);
    const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.seq DESC LIMIT @limit`;
    if (!lists.has(sql)) lists.set(sql, db.prepare(sql));
    return lists.get(sql)!;
  };
  const resolution = (r: Resolution) => ({ at: r.at, by: r.by, note: r.note ?? null, applied: r.applied ? 1 : 0 });

  return {
    // one transaction: a call that found the database locked is tried again whole (sqlite-async.ts)
    insertReport: (r) => db.transaction(() => {
      const created = q.insert.run({ ...r, amenity: r.amenity ?? null, note: r.note ?? null }).changes === 1;
      return { report: toReport(q.byClientId.get(r.clientId) as Row), created };
    }).immediate(),
    reportByClientId(clientId) {
      const row = q.byClientId.get(clientId) as Row | undefined;
      return row && toReport(row);
    },
    reportById(id) {
      const row = q.byId.get(id) as Row | undefined;
      return row && toReport(row);
    },
    reports(f) {
      const params = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
      return (listStatement(f).all(params) as Row[]).map(toReport);
    },
    reportSummary({ targetType, limit }) {
      return (q.summary.all({ targetType: targetType ?? null, limit }) as Row[]).map((r): ReportSummary => ({
        targetType: r.targetType as ReportSummary['targetType'], targetId: r.targetId as string,
        target: r.targetName === null ? null : { name: r.targetName as string, status: r.targetStatus as string },
        open: r.open as number, kinds: JSON.parse(r.kinds as string), lastAt: r.lastAt as string,
      }));
    },
    resolveReport: (id, r) => q.resolve.run({ id, ...resolution(r) }).changes === 1,
    resolveOpenReports: (target, kind, r) =>
      q.resolveOpen.all({ type: target.type, target: target.id, kind, ...resolution(r) }) as string[],
  };
}
