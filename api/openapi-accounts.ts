/**
 * OpenAPI paths of the account, self-service and admin routes (merged into api/openapi.ts).
 * Request bodies are generated from the same zod schemas the routes validate with.
 */
import { z } from 'zod';
import { emailSchema, nameSchema, passwordSchema } from './auth/accounts';
import {
  merchantCreateBody, merchantPatchBody, offerCreateBody, offerPatchBody, reviewBody, stationCreateBody, stationPatchBody,
} from './moderation/bodies';
import { resolveBody } from './routes/admin-reports';
import { reportBody } from './routes/reports';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const COMMON = {
  400: problem('Invalid body or parameters (each named in invalid_params)'),
  401: problem('Not signed in'),
  403: problem('Not allowed (not an admin, or a cross-site request without our Origin)'),
};
const json = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } } });
const ok = (status: number, description: string) => ({ [status]: { description, content: { 'application/json': { schema: { type: 'object' } } } } });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const q = (name: string, description: string, schema: object) => ({ name, in: 'query', description, schema });

/** A signed-in account with the owner's notice (data/wire.ts SignInNotice). */
const signedIn = (description: string) => ({
  200: {
    description,
    content: { 'application/json': { schema: { type: 'object', required: ['user', 'failedSignIns'], properties: {
      user: { type: 'object', description: '{ id, email, name, role, created_at }' },
      failedSignIns: { type: 'integer', minimum: 0, description: 'wrong passwords tried at sign-in since the account’s last successful sign-in' },
      lastFailedSignInAt: { type: 'string', format: 'date-time', description: 'when the newest of them was tried; only when failedSignIns > 0' },
    } } } },
  },
});

function op(summary: string, responses: object, extra: object = {}) {
  return { summary, responses: { ...COMMON, ...responses }, ...extra };
}

/** The paths; writes need the session cookie and a same-origin Origin (or Referer) header. */
export function accountPaths() {
  return {
    '/api/auth/register': { post: op('Create a merchant account and sign in (sets the session cookie)', { ...ok(201, '{ user }'), 409: problem('Email taken'), 429: problem('Rate limited (Retry-After)') }, { requestBody: json(z.object({ email: emailSchema, password: passwordSchema, name: nameSchema })) }) },
    '/api/auth/login': { post: op('Sign in (sets an HttpOnly, SameSite=Lax session cookie; Secure over https)', { ...signedIn('Signed in; failedSignIns counts the wrong passwords tried before, and is cleared'), 429: problem('Rate limited (Retry-After)') }, { requestBody: json(z.object({ email: z.string(), password: z.string() })) }) },
    '/api/auth/password': { post: op('Change the own password (ends the account’s other sessions)', { 204: { description: 'Changed' }, 403: problem('Current password wrong'), 429: problem('Rate limited (Retry-After)') }, { requestBody: json(z.object({ current: z.string(), password: passwordSchema })) }) },
    '/api/admin/users/{id}/password': { post: op('Reset a merchant’s password: a one-off random password to hand over; the account’s sessions end (audited)', { ...ok(200, '{ user, temporaryPassword }'), 404: problem('No such account') }, { parameters: [id] }) },
    '/api/auth/logout': { post: op('End the session on the server and clear the cookie', { 204: { description: 'Signed out' } }) },
    '/api/auth/me': { get: op('The signed-in account', signedIn('The account; failedSignIns counts the wrong passwords tried since its newest sign-in')) },
    '/api/my/merchants': {
      get: op('Own shops with all offers, moderation status, reasons and live flags', ok(200, '{ items }')),
      post: op('Add a shop (pending until an admin approves it)', { ...ok(201, '{ merchant }'), 409: problem('Too many shops') }, { requestBody: json(merchantCreateBody) }),
    },
    '/api/my/merchants/{id}': { patch: op('Edit an own shop; material edits go back to review (null clears a field)', { ...ok(200, '{ merchant }'), 404: problem('No such shop of yours') }, { parameters: [id], requestBody: json(merchantPatchBody) }) },
    '/api/my/merchants/{id}/offers': { post: op('Add an offer to an own shop (pending)', { ...ok(201, '{ offer }'), 404: problem('No such shop of yours'), 409: problem('Too many offers') }, { parameters: [id], requestBody: json(offerCreateBody) }) },
    '/api/my/offers/{id}': { patch: op('Edit, pause ("paused") or resume ("active") an own offer', { ...ok(200, '{ offer }'), 404: problem('No such offer of yours'), 409: problem('A rejected offer cannot be paused') }, { parameters: [id], requestBody: json(offerPatchBody) }) },
    '/api/admin/queue': { get: op('Pending shops (with owner) and pending offers (with their shop)', ok(200, '{ merchants, offers }')) },
    '/api/admin/merchants/{id}/review': { post: op('Approve or reject a shop (reason required to reject)', { ...ok(200, '{ merchant }'), 404: problem('Unknown') }, { parameters: [id], requestBody: json(reviewBody) }) },
    '/api/admin/offers/{id}/review': { post: op('Approve or reject an offer (reason required to reject)', { ...ok(200, '{ offer }'), 404: problem('Unknown'), 409: problem('Paused by the merchant') }, { parameters: [id], requestBody: json(reviewBody) }) },
    '/api/admin/stations': { post: op('Create a station', { ...ok(201, '{ station }'), 409: problem('Id taken') }, { requestBody: json(stationCreateBody) }) },
    '/api/admin/stations/{id}': { patch: op('Edit a station; status temporarily_closed / closed / open closes and reopens it', { ...ok(200, '{ station }'), 404: problem('Unknown') }, { parameters: [id], requestBody: json(stationPatchBody) }) },
    '/api/admin/import': {
      post: op('Import a CSV or GeoJSON file (the body); dryRun=1 only reports', { ...ok(200, 'The per-row report: ok, rows, added, updated, unchanged, errors, warnings, items'), 413: problem('File too large'), 415: problem('Unsupported Content-Type'), 422: problem('The file has bad rows; nothing imported (errors, warnings)') }, {
        parameters: [
          q('kind', 'What the file holds', { enum: ['stations', 'merchants'], default: 'stations' }),
          q('crs', 'Coordinate system of the file', { enum: ['wgs84', 'gcj02', 'bd09'], default: 'wgs84' }),
          q('dryRun', '1: report only, write nothing', { enum: ['1', '0', 'true', 'false'] }),
          q('filename', 'Original file name (also accepted as the X-Filename header)', { type: 'string' }),
        ],
        requestBody: { required: true, content: { 'text/csv': {}, 'application/geo+json': {}, 'application/octet-stream': {} } },
      }),
    },
    '/api/admin/export': { get: op('Download stations or merchants (attachment; CSV is UTF-8 with BOM)', { 200: { description: 'The file', content: { 'text/csv': {}, 'application/geo+json': {} } } }, { parameters: [q('kind', '', { enum: ['stations', 'merchants'] }), q('format', '', { enum: ['geojson', 'csv'] })] }) },
    '/api/admin/audit': { get: op('Audit log, newest first', ok(200, '{ items: [{ id, at, actor_id, action, target_type, target_id, before, after }], next }'), { parameters: [q('limit', '1–200, default 50', { type: 'integer' }), q('before', 'Cursor: the previous page’s `next`', { type: 'integer' }), q('targetType', '', { enum: ['merchant', 'offer', 'station', 'import', 'export'] }), q('targetId', '', { type: 'string' })] }) },
  };
}

/** The problem-report paths: the public POST (no session, no Origin check: offline replays) and the triage. */
export function reportPaths() {
  const filters = [
    q('status', '', { enum: ['open', 'resolved'] }), q('targetType', '', { enum: ['station', 'merchant'] }),
    q('targetId', '', { type: 'string' }), q('limit', '1–200, default 50', { type: 'integer' }),
    q('before', 'Cursor: the previous page’s `next` (a report id)', { type: 'string' }),
  ];
  return {
    '/api/reports': {
      post: {
        summary: 'Report a problem with a station or approved merchant; the same clientId again returns the same report (stored once)',
        requestBody: json(reportBody),
        responses: {
          ...ok(201, '{ report: { id, clientId, targetType, targetId, kind, amenity?, note?, createdAt, status } }'),
          400: COMMON[400], 404: problem('No such station or approved merchant'), 409: problem('clientId already used for a different report'),
          413: problem('Body over 8 KB'), 429: problem('Too many new reports from this address (Retry-After)'),
        },
      },
    },
    '/api/admin/reports': { get: op('Problem reports, newest first, with the target’s name and status', ok(200, '{ items, next }'), { parameters: filters }) },
    '/api/admin/reports/summary': { get: op('Targets with open reports, most first: { targetType, targetId, target, open, kinds, lastAt }', ok(200, '{ items }'), { parameters: [q('targetType', '', { enum: ['station', 'merchant'] }), q('limit', '1–500, default 100', { type: 'integer' })] }) },
    '/api/admin/reports/{id}/resolve': { post: op('Resolve a report; apply: true writes closed / temporarily_closed (until closed_until, its last day, when given) / amenity_missing (the amenity out of order) / confirmed (verified_at) to the station and resolves its other open reports of that kind', { ...ok(200, '{ report, resolvedAlso, station? }'), 400: problem('Bad body, a kind that cannot be applied, or closed_until in the past / without a temporary closure'), 404: problem('Unknown report'), 409: problem('Already resolved, the station is gone, or it does not list the missing amenity') }, { parameters: [id], requestBody: json(resolveBody) }) },
  };
}
