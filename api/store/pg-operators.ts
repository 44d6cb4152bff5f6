/**
 * Station operators and freshness queries for the PostgreSQL store (see port-operators.ts,
 * sqlite-operators.ts).
 */
import type { OperatorGrant, OperatorStore } from './port-operators';
import type { Async } from './port';
import type { Db } from './pg-sql';

/** The operator half of the store over `db`. */
export function operatorMethods(db: Db): Async<OperatorStore> {
  return {
    async grantOperator(accountId, stationIds, at, by) {
      const done = await db`INSERT INTO station_operators (account_id, station_id, granted_at, granted_by)
        SELECT ${accountId}, id, ${at}, ${by} FROM (SELECT DISTINCT unnest(${stationIds as string[]}::text[]) AS id) ids
        ON CONFLICT DO NOTHING`;
      return done.count;
    },
    async revokeOperator(accountId, stationId) {
      const done = await db`DELETE FROM station_operators WHERE account_id = ${accountId} AND station_id = ${stationId}`;
      return done.count === 1;
    },
    async operatorStationIds(accountId) {
      const rows = await db<{ station_id: string }[]>`SELECT station_id FROM station_operators
        WHERE account_id = ${accountId} ORDER BY station_id`;
      return rows.map((r) => r.station_id);
    },
    async isOperator(accountId, stationId) {
      const rows = await db`SELECT 1 FROM station_operators WHERE account_id = ${accountId} AND station_id = ${stationId}`;
      return rows.length === 1;
    },
    operatorGrants: async () => [...await db<OperatorGrant[]>`SELECT o.account_id AS "accountId", u.email, o.station_id AS "stationId",
        o.granted_at AS "grantedAt", o.granted_by AS "grantedBy"
      FROM station_operators o JOIN users u ON u.id = o.account_id ORDER BY o.station_id, u.email`],
    async setReporter(reportId, reporter) {
      await db`UPDATE reports SET reporter = ${reporter} WHERE id = ${reportId}`;
    },
    async reportsBy(x) {
      const [{ n }] = await db<{ n: number }[]>`SELECT count(*)::int AS n FROM reports WHERE target_type = 'station'
        AND target_id = ${x.stationId} AND kind = ${x.kind} AND reporter = ${x.reporter}
        AND created_at >= ${x.from} AND created_at < ${x.to} AND id <> ${x.exceptId}`;
      return n;
    },
    async staleStationDocs(before, r) {
      // fields of the document compare byte-wise and sort NULLS FIRST, as SQLite's json_extract does
      const rows = await db<{ doc: string }[]>`SELECT doc FROM (
          SELECT doc, id, (j ->> 'province') COLLATE "C" AS province, (j ->> 'city') COLLATE "C" AS city,
            (j ->> 'district') COLLATE "C" AS district, coalesce(j ->> 'verified_at', j ->> 'updated_at') COLLATE "C" AS fresh
          FROM stations, LATERAL (SELECT doc::jsonb AS j) d WHERE NOT deleted AND status <> 'closed') s
        WHERE fresh < ${before}
          ${r.province == null ? db`` : db`AND province = ${r.province}`}
          ${r.city == null ? db`` : db`AND city = ${r.city}`}
        ORDER BY province NULLS FIRST, city NULLS FIRST, district NULLS FIRST, fresh, id LIMIT ${r.limit}`;
      return rows.map((row) => row.doc);
    },
    async closedReportTimes(since) {
      const rows = await db<{ target_id: string; times: string[] }[]>`SELECT target_id, array_agg(created_at ORDER BY seq) AS times
        FROM reports WHERE target_type = 'station' AND kind = 'closed' AND status = 'open' AND created_at > ${since}
        GROUP BY target_id ORDER BY target_id`;
      return new Map(rows.map((row) => [row.target_id, row.times]));
    },
  };
}
