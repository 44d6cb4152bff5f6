/**
 * /api/admin/stations: create and edit stations, including status changes (temporarily close,
 * close, reopen: PATCH `{ "status": … }`, a temporary closure optionally with `closed_until`, its
 * last day). Closed stations leave nearest and the map but stay readable by id and in exports.
 */
import { Hono, type Context } from 'hono';
import { canonicalStation, contentKey } from '../../data/records';
import { stationSchema, type Station } from '../../data/schema';
import { closedUntilProblem } from '../../data/temporary-closure';
import { newId } from '../auth/ids';
import type { AuthEnv } from '../auth/session';
import { stationCreateBody, stationPatchBody } from '../moderation/bodies';
import { auditEntry } from '../moderation/audit';
import { applyPatch } from '../moderation/patch';
import { writeStation } from '../moderation/writes';
import { idParam } from '../params';
import { problem, validate } from '../problem';

/** Why a body's `closed_until` cannot end the station's closure (not a closure, a day already over), or null. */
function closureProblem(closedUntil: string | null | undefined, next: Station, at: Date): string | null {
  if (!closedUntil) return null;
  if (next.status !== 'temporarily_closed') return 'closed_until goes only with status "temporarily_closed"';
  return closedUntilProblem(closedUntil, next, at);
}
const badClosure = (c: Context<AuthEnv>, reason: string) => problem(c, 400, reason, { invalid_params: [{ name: 'closed_until', reason }] });

/** The audit action of a station edit: a status change is named for the new status. */
const editAction = (before: Station, after: Station) =>
  before.status === after.status ? 'station.update' : `station.status.${after.status}`;

export const adminStationRoutes = new Hono<AuthEnv>()
  .post('/', validate('json', stationCreateBody), async (c) => {
    const deps = c.get('deps');
    const body = c.req.valid('json');
    const id = body.id ?? newId('s');
    if ((await deps.store.stationDoc(id)) !== undefined) return problem(c, 409, `A station with id "${id}" already exists; PATCH it instead.`);
    const station = canonicalStation({ ...body, id }, deps.clock().toISOString());
    const closure = closureProblem(body.closed_until, station, deps.clock());
    if (closure) return badClosure(c, closure);
    await writeStation(deps, station, {
      audit: auditEntry(c, 'station.create', { type: 'station', id }, null, station),
      base: null,
    });
    return c.json({ station }, 201);
  })
  .patch('/:id', validate('param', idParam), validate('json', stationPatchBody), async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const doc = await deps.store.stationDoc(id);
    if (doc === undefined) return problem(c, 404, `No station with id "${id}"`);
    const old = stationSchema.parse(JSON.parse(doc));
    const body = c.req.valid('json');
    const next = canonicalStation(applyPatch(old, body), deps.clock().toISOString());
    const closure = closureProblem(body.closed_until, next, deps.clock());
    if (closure) return badClosure(c, closure);
    if (contentKey(next) === contentKey(old)) return c.json({ station: old });
    await writeStation(deps, next, {
      audit: auditEntry(c, editAction(old, next), { type: 'station', id }, old, next),
      base: old,
    });
    return c.json({ station: next });
  });
