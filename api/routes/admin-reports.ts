/**
 * /api/admin/reports (admin session only): problem-report triage. List reports (with their
 * target's name and status), a summary by target, and resolve — optionally applying what a report
 * says to its station through the same audited write path as station edits (versions bump, the
 * listing refreshes), which also resolves the target's other open reports of that kind.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { Store } from '../store/port';
import type { Amenity, ReportKind } from '../../data/catalog';
import { canonicalStation, contentKey } from '../../data/records';
import { idSchema, stationSchema, type Station } from '../../data/schema';
import { currentUser, requireAdmin, type AuthEnv } from '../auth/session';
import { auditEntry } from '../moderation/audit';
import { putStation } from '../moderation/writes';
import { idParam } from '../params';
import { problem, validate } from '../problem';
import {
  REPORT_STATUSES, REPORT_TARGET_TYPES, type ReportSummary, type Resolution, type TriageReport,
} from '../store/port-reports';
import { FRESHNESS, flaggedClosed } from '../../data/freshness';
import { closedUntilProblem } from '../../data/temporary-closure';

const LIST_MAX = 200; // reports per page
const SUMMARY_MAX = 500; // targets per summary
type ResolveBody = z.output<typeof resolveBody>;
/** Report kinds that can be written to the station, and what each writes (a string: why it cannot be). */
const APPLY: Partial<Record<ReportKind, (s: Station, now: string, r: TriageReport, b: ResolveBody) => Station | string>> = {
  closed: (s) => ({ ...s, status: 'closed' }),
  // a closure's end as given; without one an existing closure keeps its end
  temporarily_closed: (s, _now, _r, b) => ({ ...s, status: 'temporarily_closed', closed_until: b.closed_until ?? (s.status === 'temporarily_closed' ? s.closed_until : undefined) }),
  confirmed: (s, now) => ({ ...s, verified_at: now, verified_by: 'admin' }),
  // the amenity is kept but marked out of order (what an operator does), so it can come back
  amenity_missing: (s, _now, r) => {
    const a = r.amenity as Amenity | undefined;
    if (!a) return 'the report names no amenity; resolve it without apply';
    if (!s.amenities.includes(a)) return `the station does not list ${a}; resolve the report without apply`;
    return { ...s, amenities_unavailable: [...(s.amenities_unavailable ?? []), a] };
  },
};

/**
 * Stations that several visitors reported closed within a week are flagged for review and lead
 * the queue (they are not closed automatically); the rest keep their order.
 */
async function flaggedFirst(c: Context<AuthEnv>, items: ReportSummary[]) {
  const now = c.get('deps').clock();
  const closed = await c.get('deps').store.closedReportTimes(new Date(now.getTime() - FRESHNESS.flagDays * 24 * 3600_000).toISOString());
  const flagged = (id: string) => flaggedClosed(closed.get(id) ?? [], now);
  const marked = items.map((s) => ({ ...s, flagged: s.targetType === 'station' && flagged(s.targetId) }));
  return [...marked.filter((s) => s.flagged), ...marked.filter((s) => !s.flagged)];
}

const targetType = z.enum(REPORT_TARGET_TYPES, { error: `targetType must be one of ${REPORT_TARGET_TYPES.join(', ')}` });
const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max, `limit must be ≤ ${max}`).default(fallback);

const reportListQuery = z.object({
  status: z.enum(REPORT_STATUSES, { error: 'status must be open or resolved' }).optional(),
  targetType: targetType.optional(),
  targetId: idSchema.optional(),
  limit: limit(LIST_MAX, 50),
  before: idSchema.optional(),
});
const reportSummaryQuery = z.object({ targetType: targetType.optional(), limit: limit(SUMMARY_MAX, 100) });
/** The body of POST /api/admin/reports/{id}/resolve (may be empty). */
export const resolveBody = z.strictObject({
  apply: z.boolean({ error: 'apply must be true or false' }).optional(),
  note: z.string({ error: 'note must be text' }).trim().max(500, 'note must be at most 500 characters').optional(),
  /** with apply on a temporarily_closed report: the last day of the closure (YYYY-MM-DD); open again after it */
  closed_until: z.string({ error: 'closed_until must be a date (YYYY-MM-DD)' }).date('closed_until must be a date (YYYY-MM-DD)').optional(),
});

type C = Context<AuthEnv>;
interface StationChange {
  before: Station;
  after: Station;
  changed: boolean;
}

const badApply = (c: C, reason: string) => problem(c, 400, `apply: ${reason}`, { invalid_params: [{ name: 'apply', reason }] });

/** What applying `report` would write to its station, or the problem that prevents it. */
async function planApply(c: C, report: TriageReport, body: ResolveBody): Promise<StationChange | Response> {
  const write = APPLY[report.kind];
  if (report.targetType !== 'station') return badApply(c, 'only station reports can be applied (merchants go through review)');
  if (!write) return badApply(c, `only ${Object.keys(APPLY).join(', ')} reports can be applied; edit the station for the rest`);
  const doc = await c.get('deps').store.stationDoc(report.targetId);
  if (doc === undefined) return problem(c, 409, `Station "${report.targetId}" no longer exists; resolve the report without apply.`);
  const before = stationSchema.parse(JSON.parse(doc));
  const clock = c.get('deps').clock();
  const until = body.closed_until && closedUntilProblem(body.closed_until, before, clock);
  if (until) return problem(c, 400, until, { invalid_params: [{ name: 'closed_until', reason: until }] });
  const now = clock.toISOString();
  const written = write(before, now, report, body);
  if (typeof written === 'string') return problem(c, 409, written);
  const after = canonicalStation(written, now);
  return { before, after, changed: contentKey(after) !== contentKey(before) };
}

/** In one transaction: the report resolved, the same target's open reports of its kind too when applied, audit, station. */
async function commit(c: C, tx: Store, report: TriageReport, resolution: Resolution, change?: StationChange): Promise<string[]> {
  if (!(await tx.resolveReport(report.id, resolution))) throw new HTTPException(409, { message: `Report ${report.id} is already resolved.` });
  const also = change ? await tx.resolveOpenReports({ type: 'station', id: report.targetId }, report.kind, resolution) : [];
  const { target: _target, ...before } = report;
  const after = { ...before, status: 'resolved', resolution, alsoResolved: also };
  await tx.appendAudit(auditEntry(c, change ? 'report.apply' : 'report.resolve', { type: 'report', id: report.id }, before, after));
  if (change?.changed) {
    const action = change.before.status !== change.after.status ? `station.status.${change.after.status}`
      : report.kind === 'amenity_missing' ? 'station.amenity_unavailable' : report.kind === 'confirmed' ? 'station.verify' : 'station.update';
    const audit = auditEntry(c, action, { type: 'station', id: report.targetId }, change.before, change.after);
    await putStation(tx, change.after, { audit, base: change.before });
  }
  return also;
}

export const adminReportRoutes = new Hono<AuthEnv>()
  .use('*', requireAdmin)
  .get('/', validate('query', reportListQuery), async (c) => {
    const q = c.req.valid('query');
    const { store } = c.get('deps');
    if (q.before && !(await store.reportById(q.before))) {
      return problem(c, 400, 'before: no such report', { invalid_params: [{ name: 'before', reason: 'no such report' }] });
    }
    const items = await store.reports(q);
    return c.json({ items, next: items.length === q.limit ? items[items.length - 1].id : null });
  })
  .get('/summary', validate('query', reportSummaryQuery), async (c) => c.json({ items: await flaggedFirst(c, await c.get('deps').store.reportSummary(c.req.valid('query'))) }))
  .post('/:id/resolve', validate('param', idParam), validate('json', resolveBody), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { store, clock, listings } = c.get('deps');
    const report = await store.reportById(id);
    if (!report) return problem(c, 404, `No report with id "${id}"`);
    if (report.status !== 'open') return problem(c, 409, `Report ${id} was already resolved at ${report.resolution?.at}.`);
    if (body.closed_until && !(body.apply && report.kind === 'temporarily_closed')) {
      const reason = 'closed_until goes only with apply on a temporarily_closed report';
      return problem(c, 400, reason, { invalid_params: [{ name: 'closed_until', reason }] });
    }
    const change = body.apply ? await planApply(c, report, body) : undefined;
    if (change instanceof Response) return change;
    const resolution: Resolution = { at: clock().toISOString(), by: currentUser(c).id, note: body.note || undefined, applied: !!change };
    const also = await store.atomically((tx) => commit(c, tx, report, resolution, change));
    if (change?.changed) await listings.refreshNow('stations');
    return c.json({ report: await store.reportById(id), resolvedAlso: also.length, ...(change ? { station: change.after } : {}) });
  });
