/**
 * Admin routes (behind requireAdmin) for station operators and inspections:
 * POST /operators `{ accountEmail, stationIds }` grants an account stations to run,
 * DELETE /operators/{accountId}/stations/{stationId} revokes one, GET /operators lists grants
 * (all audited); GET /inspection lists, per region, the stations not verified for 180 days
 * (`format=csv` for the union's inspection teams).
 */
import { Hono } from 'hono';
import Papa from 'papaparse';
import { z } from 'zod';
import { freshSince, FRESHNESS, staleBefore } from '../../data/freshness';
import { localDate } from '../../data/merchants';
import { idSchema, type Station } from '../../data/schema';
import { currentUser, type AuthEnv } from '../auth/session';
import { auditEntry } from '../moderation/audit';
import { problem, validate } from '../problem';

const INSPECTION_MAX = 5000; // stations per inspection list
const DAY_MS = 24 * 3600_000;

const grantBody = z.strictObject({
  accountEmail: z.string({ error: 'accountEmail is required' }).trim().toLowerCase().email('accountEmail must be an email address'),
  stationIds: z.array(idSchema, { error: 'stationIds must be an array of station ids' }).min(1, 'stationIds must not be empty').max(500),
});
const revokeParam = z.object({ accountId: z.string().min(1).max(64), stationId: z.string().min(1).max(64) });
const inspectionQuery = z.object({
  province: z.string().trim().min(1).max(40).optional(),
  city: z.string().trim().min(1).max(40).optional(),
  format: z.enum(['json', 'csv'], { error: 'format must be "json" or "csv"' }).optional(),
});

const INSPECTION_COLUMNS = [
  'id', 'name', 'type', 'province', 'city', 'district', 'address', 'phone', 'operator', 'status',
  'verified_at', 'verified_by', 'updated_at', 'days_unverified',
] as const;

export const adminOperatorRoutes = new Hono<AuthEnv>()
  .get('/operators', async (c) => c.json({ items: await c.get('deps').store.operatorGrants() }))
  .post('/operators', validate('json', grantBody), async (c) => {
    const { accountEmail, stationIds } = c.req.valid('json');
    const { store, clock } = c.get('deps');
    const account = await store.userByEmail(accountEmail);
    if (!account) return problem(c, 404, `No account with email ${accountEmail}; the operator signs up first.`);
    const ids = [...new Set(stationIds)];
    const docs = await store.stationDocsById(ids);
    const unknown = ids.filter((_, k) => docs[k] === undefined);
    if (unknown.length) {
      return problem(c, 400, `No station with id ${unknown.map((id) => `"${id}"`).join(', ')}`, {
        invalid_params: unknown.map((id) => ({ name: 'stationIds', reason: `no station with id "${id}"` })),
      });
    }
    await store.atomically(async (tx) => {
      await tx.grantOperator(account.id, ids, clock().toISOString(), currentUser(c).id);
      await tx.appendAudit(auditEntry(c, 'operator.grant', { type: 'operator', id: account.id }, null, { accountEmail: account.email, stationIds }));
    });
    return c.json({ operator: { accountId: account.id, email: account.email, stationIds: await store.operatorStationIds(account.id) } }, 201);
  })
  .delete('/operators/:accountId/stations/:stationId', validate('param', revokeParam), async (c) => {
    const { accountId, stationId } = c.req.valid('param');
    const { store } = c.get('deps');
    const revoked = await store.atomically(async (tx) => {
      if (!(await tx.revokeOperator(accountId, stationId))) return false;
      await tx.appendAudit(auditEntry(c, 'operator.revoke', { type: 'operator', id: accountId }, { stationId }, null));
      return true;
    });
    if (!revoked) return problem(c, 404, `Account "${accountId}" does not operate station "${stationId}"`);
    return c.body(null, 204);
  })
  .get('/inspection', validate('query', inspectionQuery), async (c) => {
    const q = c.req.valid('query');
    const { store, clock } = c.get('deps');
    const now = clock();
    const stations = (await store.staleStationDocs(staleBefore(now), { ...q, limit: INSPECTION_MAX })).map((d) => JSON.parse(d) as Station);
    const rows = stations.map((s) => ({ ...s, days_unverified: Math.floor((now.getTime() - Date.parse(freshSince(s))) / DAY_MS) }));
    if (q.format !== 'csv') return c.json({ staleDays: FRESHNESS.staleDays, truncated: rows.length === INSPECTION_MAX, items: rows });
    const data = rows.map((r) => INSPECTION_COLUMNS.map((k) => (r as Record<string, unknown>)[k] ?? ''));
    const region = [q.province, q.city].filter(Boolean).join('-');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="inspection${region ? '-' + encodeURIComponent(region) : ''}-${localDate(now)}.csv"`);
    return c.body('\uFEFF' + Papa.unparse({ fields: [...INSPECTION_COLUMNS], data }, { newline: '\r\n' }));
  });
