/**
 * POST /api/reports: a rider's problem report about a station or merchant. Public (no session) and
 * not behind the Origin check, because reports made offline are replayed later by the service
 * worker. What protects it instead: strict validation, a small body limit, a per-address rate limit
 * and the clientId — the same clientId again is the same report, stored exactly once.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AMENITY_KEYS, REPORT_KINDS } from '../../data/catalog';
import { idSchema } from '../../data/schema';
import type { AppEnv, Clock } from '../env';
import { newId } from '../auth/ids';
import { createRateLimiter } from '../auth/rate-limit';
import { clientAddress } from '../auth/request';
import { problem, type InvalidParam } from '../problem';
import { REPORT_TARGET_TYPES, type Report, type ReportInput } from '../store/port-reports';
import { countConfirmation } from '../operators/confirmations';

const MINUTE = 60_000;
/** New reports per client address; loose, because carrier NAT puts many riders behind one address. */
export const REPORT_LIMITS = { perAddress: { limit: 30, windowMs: 10 * MINUTE } };
const NOTE_MAX = 500; // characters (code points) in a report's note
const BODY_MAX_BYTES = 8 * 1024; // a report is a few hundred bytes; a full note in CJK is ~1.5 KB

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/; // any version, either case
// control characters (but tab and newline) and bidi overrides: a note is plain text
const UNPRINTABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** zod's error option: "X is required" when absent, `otherwise` when present but wrong. */
const needs = (field: string, otherwise: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `${field} is required` : otherwise),
});

const note = z
  .string({ error: 'note must be text' })
  .transform((s) => s.replace(/\r\n?/g, '\n').replace(UNPRINTABLE, '').normalize('NFC').trim())
  .refine((s) => [...s].length <= NOTE_MAX, `note must be at most ${NOTE_MAX} characters`)
  .transform((s) => s || undefined);

/** The body of POST /api/reports. */
export const reportBody = z
  .strictObject({
    clientId: z
      .string(needs('clientId', 'clientId must be a string'))
      .regex(UUID, 'clientId must be a UUID (8-4-4-4-12 hex digits)')
      .transform((s) => s.toLowerCase()),
    targetType: z.enum(REPORT_TARGET_TYPES, needs('targetType', `targetType must be one of ${REPORT_TARGET_TYPES.join(', ')}`)),
    targetId: z.string(needs('targetId', 'targetId must be a string')).pipe(idSchema),
    kind: z.enum(REPORT_KINDS, needs('kind', `kind must be one of ${REPORT_KINDS.join(', ')}`)),
    note: note.nullish().transform((s) => s ?? undefined),
    amenity: z.enum(AMENITY_KEYS, { error: 'amenity must be an amenity key (see data/catalog.ts)' })
      .nullish().transform((s) => s ?? undefined),
  })
  .refine((b) => b.amenity === undefined || b.kind === 'amenity_missing', {
    path: ['amenity'], error: 'amenity goes only with kind "amenity_missing"',
  });

function invalid(c: Context, params: InvalidParam[]) {
  return problem(c, 400, params.map((p) => `${p.name}: ${p.reason}`).join('; '), { invalid_params: params });
}

/**
 * The validated report, or a 400 naming each bad field. The body is read as JSON whatever its
 * Content-Type says (a beacon sends text/plain); anything but a JSON object is refused.
 */
async function readReport(c: Context): Promise<ReportInput | Response> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid(c, [{ name: 'body', reason: 'the body must be a JSON object' }]);
  }
  const parsed = reportBody.safeParse(body);
  if (parsed.success) return parsed.data;
  return invalid(c, parsed.error.issues.map((i) => ({ name: i.path.length ? i.path.join('.') : 'body', reason: i.message })));
}

/** True when two reports say the same thing (a retry), false when a clientId was reused. */
const sameContent = (a: ReportInput, b: ReportInput) =>
  a.targetType === b.targetType && a.targetId === b.targetId && a.kind === b.kind &&
  (a.amenity ?? null) === (b.amenity ?? null) && (a.note ?? null) === (b.note ?? null);

/** A report as the reporter sees it (no triage details). */
function publicReport(r: Report) {
  return {
    id: r.id, clientId: r.clientId, targetType: r.targetType, targetId: r.targetId, kind: r.kind,
    ...(r.amenity ? { amenity: r.amenity } : {}), ...(r.note ? { note: r.note } : {}),
    createdAt: r.createdAt, status: r.status,
  };
}

/** 201 with the stored report when it says what was sent; 409 when the clientId means another report. */
function answer(c: Context, stored: Report, sent: ReportInput) {
  if (!sameContent(stored, sent)) {
    return problem(c, 409, `clientId ${sent.clientId} was already used for a different report; make a new clientId.`);
  }
  return c.json({ report: publicReport(stored) }, 201);
}

/** The /api/reports sub-app; its rate limiter lives as long as the app and reads the app's clock. */
export function createReportRoutes(clock: Clock, limits = REPORT_LIMITS) {
  const perAddress = createRateLimiter({ ...limits.perAddress, name: 'reports.address', clock });
  const tooLarge = (c: Context) => problem(c, 413, `A report is at most ${BODY_MAX_BYTES / 1024} KB`);

  return new Hono<AppEnv>().post('/', bodyLimit({ maxSize: BODY_MAX_BYTES, onError: tooLarge }), async (c) => {
    const input = await readReport(c);
    if (input instanceof Response) return input;
    const { store } = c.get('deps');
    const earlier = await store.reportByClientId(input.clientId);
    if (earlier) return answer(c, earlier, input); // a retry: free, not counted against the limit
    const wait = await perAddress.hit(store, clientAddress(c));
    if (wait) {
      c.header('Retry-After', String(wait));
      return problem(c, 429, `Too many reports from this address. Try again in ${wait} s.`, { retryAfter: wait });
    }
    const known = input.targetType === 'station'
      ? (await store.stationDoc(input.targetId)) !== undefined
      : (await store.merchantById(input.targetId)) !== undefined;
    if (!known) return problem(c, 404, `No ${input.targetType} with id "${input.targetId}"`);
    const { report, created } = await store.insertReport({ ...input, id: newId('r'), createdAt: clock().toISOString() });
    if (created) await countConfirmation(c, report);
    return answer(c, report, input);
  });
}
