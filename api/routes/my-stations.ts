/**
 * /api/my/stations: the stations the signed-in account operates (station operators are trusted
 * staff: their edits are live at once, and audited). An operator may change what changes day to
 * day — opening hours, amenities and which of them are out of order, temporarily closed (optionally
 * until a last day) / open again — and confirm "checked today". Name, position, type and permanent
 * closure stay with admins. Another station is a 404 exactly like a missing one; an account that
 * operates nothing, a 403.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { AMENITY_KEYS } from '../../data/catalog';
import { validateHours } from '../../data/hours';
import { canonicalStation, contentKey } from '../../data/records';
import { stationSchema, type Station } from '../../data/schema';
import { closedUntilProblem } from '../../data/temporary-closure';
import { currentUser, requireUser, type AuthEnv } from '../auth/session';
import { auditEntry } from '../moderation/audit';
import { applyPatch } from '../moderation/patch';
import { writeStation } from '../moderation/writes';
import { stationForStaff, staffKind } from '../operators/access';
import { idParam } from '../params';
import { problem, validate } from '../problem';

const amenityList = z.array(z.enum(AMENITY_KEYS, { error: `unknown amenity; allowed: ${AMENITY_KEYS.join(', ')}` }));

export const operatorPatchBody = z
  .strictObject({
    opening_hours: z.string().trim().max(300).superRefine((v, ctx) => {
      const reason = v ? validateHours(v) : null;
      if (reason) ctx.addIssue({ code: 'custom', message: `opening_hours ${reason}` });
    }).nullable().optional(),
    amenities: amenityList.optional(),
    /** amenities out of order for now (shown as unavailable, not removed); must be among the station's amenities */
    amenities_unavailable: amenityList.optional(),
    status: z.enum(['open', 'temporarily_closed'], { error: 'status must be "open" or "temporarily_closed" (permanent closure is for admins)' }).optional(),
    /** with temporarily_closed: the closure's last day (data/temporary-closure.ts); null clears it */
    closed_until: z.string({ error: 'closed_until must be a date (YYYY-MM-DD)' }).date('closed_until must be a date (YYYY-MM-DD)').nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change');

/** The station with the operator's edit applied, or why it cannot be (the field it is about first). */
function edited(old: Station, body: z.output<typeof operatorPatchBody>, at: Date): Station | string {
  if (old.status === 'closed' && (body.status || body.closed_until)) return 'this station is closed permanently; only an admin can reopen it';
  const next = applyPatch(old, body as Record<string, unknown>);
  const missing = (next.amenities_unavailable ?? []).filter((a) => !next.amenities.includes(a));
  if (missing.length) return `amenities_unavailable: ${missing.join(', ')} not among the station's amenities`;
  if (body.closed_until) {
    if (next.status !== 'temporarily_closed') return 'closed_until goes only with status "temporarily_closed"';
    const problem = closedUntilProblem(body.closed_until, next, at);
    if (problem) return problem;
  }
  return canonicalStation(next, at.toISOString());
}
const FIELD_PROBLEM = /^(amenities_unavailable|closed_until)\b/;

export const myStationRoutes = new Hono<AuthEnv>()
  .use('*', requireUser)
  .get('/', async (c) => {
    const { store } = c.get('deps');
    const docs = await store.stationDocsById(await store.operatorStationIds(currentUser(c).id));
    const stations = docs.flatMap((doc) => (doc === undefined ? [] : [stationSchema.parse(JSON.parse(doc))]));
    return c.json({ stations });
  })
  .patch('/:id', validate('param', idParam), validate('json', operatorPatchBody), async (c) => {
    const old = await stationForStaff(c, c.req.valid('param').id);
    if (old instanceof Response) return old;
    const deps = c.get('deps');
    const next = edited(old, c.req.valid('json'), deps.clock());
    if (typeof next === 'string') {
      const field = FIELD_PROBLEM.exec(next)?.[1];
      return field ? problem(c, 400, next, { invalid_params: [{ name: field, reason: next }] }) : problem(c, 409, next);
    }
    if (contentKey(next) === contentKey(old)) return c.json({ station: old });
    const action = old.status !== next.status ? `station.status.${next.status}` : 'station.operate';
    await writeStation(deps, next, { audit: auditEntry(c, action, { type: 'station', id: old.id }, old, next), base: old });
    return c.json({ station: next });
  })
  .post('/:id/verify', validate('param', idParam), async (c) => {
    const old = await stationForStaff(c, c.req.valid('param').id);
    if (old instanceof Response) return old;
    const deps = c.get('deps');
    const now = deps.clock().toISOString();
    const next = canonicalStation({ ...old, verified_at: now, verified_by: staffKind(c) }, now);
    await writeStation(deps, next, { audit: auditEntry(c, 'station.verify', { type: 'station', id: old.id }, old, next), base: old });
    return c.json({ station: next });
  });
