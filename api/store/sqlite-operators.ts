/**
 * Station operators and freshness queries for the SQLite store (see port-operators.ts).
 */
import type Database from 'better-sqlite3';
import type { OperatorGrant, OperatorStore } from './port-operators';

const FRESH_SINCE = `coalesce(json_extract(doc, '$.verified_at'), json_extract(doc, '$.updated_at'))`;

/** The operator half of the store, on the shared database. */
export function operatorMethods(db: Database.Database): OperatorStore {
  const q = {
    grant: db.prepare(`INSERT INTO station_operators (account_id, station_id, granted_at, granted_by)
      VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    revoke: db.prepare(`DELETE FROM station_operators WHERE account_id = ? AND station_id = ?`),
    stationsOf: db.prepare(`SELECT station_id FROM station_operators WHERE account_id = ? ORDER BY station_id`).pluck(),
    is: db.prepare(`SELECT 1 FROM station_operators WHERE account_id = ? AND station_id = ?`).pluck(),
    grants: db.prepare(`SELECT o.account_id AS accountId, u.email, o.station_id AS stationId, o.granted_at AS grantedAt,
      o.granted_by AS grantedBy FROM station_operators o JOIN users u ON u.id = o.account_id ORDER BY o.station_id, u.email`),
    reporter: db.prepare(`UPDATE reports SET reporter = ? WHERE id = ?`),
    reportsBy: db.prepare(`SELECT count(*) FROM reports WHERE target_type = 'station' AND target_id = @stationId
      AND kind = @kind AND reporter = @reporter AND created_at >= @from AND created_at < @to AND id != @exceptId`).pluck(),
    stale: db.prepare(`SELECT doc FROM stations WHERE deleted = 0 AND status != 'closed' AND ${FRESH_SINCE} < @before
      AND (@province IS NULL OR json_extract(doc, '$.province') = @province)
      AND (@city IS NULL OR json_extract(doc, '$.city') = @city)
      ORDER BY json_extract(doc, '$.province'), json_extract(doc, '$.city'), json_extract(doc, '$.district'), ${FRESH_SINCE}, id
      LIMIT @limit`).pluck(),
    closed: db.prepare(`SELECT target_id, json_group_array(created_at) FROM reports WHERE target_type = 'station'
      AND kind = 'closed' AND status = 'open' AND created_at > ? GROUP BY target_id`).raw(),
  };
  return {
    grantOperator: (accountId, stationIds, at, by) =>
      db.transaction(() => stationIds.reduce((n, id) => n + q.grant.run(accountId, id, at, by).changes, 0))(),
    revokeOperator: (accountId, stationId) => q.revoke.run(accountId, stationId).changes === 1,
    operatorStationIds: (accountId) => q.stationsOf.all(accountId) as string[],
    isOperator: (accountId, stationId) => q.is.get(accountId, stationId) === 1,
    operatorGrants: () => q.grants.all() as OperatorGrant[],
    setReporter: (reportId, reporter) => void q.reporter.run(reporter, reportId),
    reportsBy: (x) => Number(q.reportsBy.get(x)),
    staleStationDocs: (before, r) =>
      q.stale.all({ before, province: r.province ?? null, city: r.city ?? null, limit: r.limit }) as string[],
    closedReportTimes: (since) =>
      new Map((q.closed.all(since) as [string, string][]).map(([id, times]) => [id, JSON.parse(times) as string[]])),
  };
}
