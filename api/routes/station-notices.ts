/**
 * /api/admin/stations/{id}/notices: what is on at a station (job fairs, legal aid hours, relief),
 * posted, edited and removed by a union admin or that station's operator (others: 404 as for a
 * missing station; merchants: 403). Notices live in the station's document, so a write is one
 * station write: live at once, in /api/sync, audited. Mounted before the admin-only routes.
 */
import { Hono } from 'hono';
import { noticeCreateBody, noticePatchBody, patchNotice, type Notice } from '../../data/notice-bodies';
import { canonicalStation } from '../../data/records';
import type { Station } from '../../data/schema';
import { newId } from '../auth/ids';
import type { AuthEnv } from '../auth/session';
import { auditEntry } from '../moderation/audit';
import { writeStation } from '../moderation/writes';
import { stationForStaff } from '../operators/access';
import { idParam } from '../params';
import { problem, validate } from '../problem';
import { z } from 'zod';

/** Notices kept per station (ended ones included until removed or pruned). */
export const NOTICE_LIMITS = { perStation: 50 };

const noticeParam = idParam.extend({ noticeId: z.string().min(1).max(64) });

/** The station with its notices replaced, written with an audit entry. */
async function saveNotices(c: Parameters<typeof stationForStaff>[0], station: Station, notices: Notice[], action: string, before: unknown, after: unknown) {
  const deps = c.get('deps');
  const next = canonicalStation({ ...station, notices }, deps.clock().toISOString());
  await writeStation(deps, next, { audit: auditEntry(c, action, { type: 'station', id: station.id }, before, after), base: station });
}

export const stationNoticeRoutes = new Hono<AuthEnv>()
  .get('/:id/notices', validate('param', idParam), async (c) => {
    const station = await stationForStaff(c, c.req.valid('param').id);
    if (station instanceof Response) return station;
    return c.json({ notices: station.notices ?? [] });
  })
  .post('/:id/notices', validate('param', idParam), validate('json', noticeCreateBody), async (c) => {
    const station = await stationForStaff(c, c.req.valid('param').id);
    if (station instanceof Response) return station;
    const now = c.get('deps').clock().toISOString();
    const notices = station.notices ?? [];
    if (notices.length >= NOTICE_LIMITS.perStation) {
      return problem(c, 409, `A station keeps at most ${NOTICE_LIMITS.perStation} notices; remove old ones first.`);
    }
    const notice: Notice = { id: newId('n'), ...c.req.valid('json'), created_at: now, updated_at: now };
    await saveNotices(c, station, [...notices, notice], 'station.notice.create', null, notice);
    return c.json({ notice }, 201);
  })
  .patch('/:id/notices/:noticeId', validate('param', noticeParam), validate('json', noticePatchBody), async (c) => {
    const { id, noticeId } = c.req.valid('param');
    const station = await stationForStaff(c, id);
    if (station instanceof Response) return station;
    const old = station.notices?.find((n) => n.id === noticeId);
    if (!old) return problem(c, 404, `Station "${id}" has no notice with id "${noticeId}"`);
    const next = patchNotice(old, c.req.valid('json'), c.get('deps').clock().toISOString());
    if (typeof next === 'string') return problem(c, 400, `ends: ${next}`, { invalid_params: [{ name: 'ends', reason: next }] });
    await saveNotices(c, station, station.notices!.map((n) => (n.id === noticeId ? next : n)), 'station.notice.update', old, next);
    return c.json({ notice: next });
  })
  .delete('/:id/notices/:noticeId', validate('param', noticeParam), async (c) => {
    const { id, noticeId } = c.req.valid('param');
    const station = await stationForStaff(c, id);
    if (station instanceof Response) return station;
    const old = station.notices?.find((n) => n.id === noticeId);
    if (!old) return problem(c, 404, `Station "${id}" has no notice with id "${noticeId}"`);
    await saveNotices(c, station, station.notices!.filter((n) => n.id !== noticeId), 'station.notice.delete', old, null);
    return c.body(null, 204);
  });
