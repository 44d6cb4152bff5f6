/**
 * Problem reports for the PostgreSQL store (as sqlite-reports.ts). A report is stored exactly once
 * per clientId: INSERT … ON CONFLICT DO NOTHING on the UNIQUE column decides, so duplicates racing
 * in from retries or other processes store one row (the loser waits for the winner's commit, then
 * reads its row). Reports touch no change version (they are not synced).
 */
import type { Fragment } from 'postgres';
import type { ReportStore, ReportSummary, Resolution } from './port-reports';
import type { Async } from './port';
import type { Db } from './pg-sql';
import { toReport } from './rows';

type Row = Record<string, string | number | null>;

/** The report half of the store over `db`. */
export function reportMethods(db: Db): Async<ReportStore> {
  /** Reports with their target's name and status and the resolver's email, filtered by `where`. */
  const select = (where: Fragment) => db<Row[]>`SELECT r.id, r.client_id AS "clientId", r.target_type AS "targetType",
      r.target_id AS "targetId", r.kind, r.amenity, r.note, r.created_at AS "createdAt", r.status, r.resolved_at AS "resolvedAt",
      r.resolved_by AS "resolvedBy", u.email AS "resolvedByEmail", u.name AS "resolvedByName", r.resolution_note AS "resolutionNote", r.applied,
      coalesce(s.name, m.name) AS "targetName", coalesce(s.status, m.status) AS "targetStatus"
    FROM reports r
    LEFT JOIN stations s ON r.target_type = 'station' AND s.id = r.target_id AND NOT s.deleted
    LEFT JOIN merchants m ON r.target_type = 'merchant' AND m.id = r.target_id AND NOT m.deleted
    LEFT JOIN users u ON u.id = r.resolved_by
    ${where}`;
  const one = async (where: Fragment) => {
    const [row] = await select(where);
    return row && toReport(row);
  };
  const resolution = (r: Resolution) => ({ at: r.at, by: r.by, note: r.note ?? null, applied: r.applied ? 1 : 0 });

  return {
    async insertReport(r) {
      const done = await db`INSERT INTO reports (id, client_id, target_type, target_id, kind, amenity, note, created_at)
        VALUES (${r.id}, ${r.clientId}, ${r.targetType}, ${r.targetId}, ${r.kind}, ${r.amenity ?? null}, ${r.note ?? null}, ${r.createdAt})
        ON CONFLICT (client_id) DO NOTHING`;
      return { report: (await one(db`WHERE r.client_id = ${r.clientId}`))!, created: done.count === 1 };
    },
    reportByClientId: (clientId) => one(db`WHERE r.client_id = ${clientId}`),
    reportById: (id) => one(db`WHERE r.id = ${id}`),
    async reports(f) {
      const where = [
        f.status && db`r.status = ${f.status}`, f.targetType && db`r.target_type = ${f.targetType}`,
        f.targetId && db`r.target_id = ${f.targetId}`, f.before && db`r.seq < (SELECT seq FROM reports WHERE id = ${f.before})`,
      ].filter((w) => !!w);
      const filter = where.reduce((acc, w, i) => db`${acc} ${i ? db`AND` : db`WHERE`} ${w}`, db``);
      return (await select(db`${filter} ORDER BY r.seq DESC LIMIT ${f.limit}`)).map(toReport);
    },
    async reportSummary({ targetType, limit }) {
      const rows = await db<Row[]>`SELECT k.target_type AS "targetType", k.target_id AS "targetId", k.open, k.kinds,
          k.last_at AS "lastAt", coalesce(s.name, m.name) AS "targetName", coalesce(s.status, m.status) AS "targetStatus"
        FROM (SELECT target_type, target_id, sum(n)::int AS open, json_object_agg(kind, n ORDER BY kind)::text AS kinds, max(last) AS last_at
          FROM (SELECT target_type, target_id, kind, count(*)::int AS n, max(created_at) AS last FROM reports
            WHERE status = 'open' ${targetType ? db`AND target_type = ${targetType}` : db``}
            GROUP BY target_type, target_id, kind) g
          GROUP BY target_type, target_id) k
        LEFT JOIN stations s ON k.target_type = 'station' AND s.id = k.target_id AND NOT s.deleted
        LEFT JOIN merchants m ON k.target_type = 'merchant' AND m.id = k.target_id AND NOT m.deleted
        ORDER BY k.open DESC, k.last_at DESC, k.target_id LIMIT ${limit}`;
      return rows.map((r): ReportSummary => ({
        targetType: r.targetType as ReportSummary['targetType'], targetId: r.targetId as string,
        target: r.targetName === null ? null : { name: r.targetName as string, status: r.targetStatus as string },
        open: r.open as number, kinds: JSON.parse(r.kinds as string), lastAt: r.lastAt as string,
      }));
    },
    async resolveReport(id, r) {
      const x = resolution(r);
      const done = await db`UPDATE reports SET status = 'resolved', resolved_at = ${x.at}, resolved_by = ${x.by},
        resolution_note = ${x.note}, applied = ${x.applied} WHERE id = ${id} AND status = 'open'`;
      return done.count === 1;
    },
    async resolveOpenReports(target, kind, r) {
      const x = resolution(r);
      const rows = await db<{ id: string }[]>`WITH done AS (UPDATE reports SET status = 'resolved', resolved_at = ${x.at},
          resolved_by = ${x.by}, resolution_note = ${x.note}, applied = ${x.applied}
        WHERE target_type = ${target.type} AND target_id = ${target.id} AND kind = ${kind} AND status = 'open' RETURNING id, seq)
        SELECT id FROM done ORDER BY seq`;
      return rows.map((row) => row.id);
    },
  };
}
