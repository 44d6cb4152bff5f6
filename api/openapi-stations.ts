/**
 * OpenAPI paths of the station-service routes: notices (admin or the station's operator),
 * operators' own stations, the admin's operator grants and the inspection list (merged into
 * api/openapi.ts). Request bodies are generated from the zod schemas the routes validate with.
 */
import { z } from 'zod';
import { noticeCreateBody, noticePatchBody, noticeSchema } from '../data/notice-bodies';
import { operatorPatchBody } from './routes/my-stations';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const COMMON = {
  400: problem('Invalid body or parameters (each named in invalid_params)'),
  401: problem('Not signed in'),
  403: problem('Not an admin or station operator, or a cross-site request'),
  404: problem('No such station — also any station the operator does not run'),
};
const json = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } } });
const ok = (status: number, description: string) => ({ [status]: { description, content: { 'application/json': { schema: { type: 'object' } } } } });
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const op = (summary: string, responses: object, extra: object = {}) => ({ summary, responses: { ...COMMON, ...responses }, ...extra });

/** The paths; writes need the session cookie and a same-origin Origin (or Referer) header. */
export function stationServicePaths() {
  const id = path('id');
  return {
    '/api/admin/stations/{id}/notices': {
      get: op('Every notice of the station, ended ones included (admin or its operator)', ok(200, '{ notices }'), { parameters: [id] }),
      post: op('Post a notice; starts/ends are wall-clock times in the station\'s zone ("YYYY-MM-DDTHH:mm" or a date); live at once, audited', { ...ok(201, '{ notice: { id, … } }'), 409: problem('Too many notices') }, { parameters: [id], requestBody: json(noticeCreateBody) }),
    },
    '/api/admin/stations/{id}/notices/{noticeId}': {
      patch: op('Edit a notice (null clears an optional field)', ok(200, '{ notice }'), { parameters: [id, path('noticeId')], requestBody: json(noticePatchBody) }),
      delete: op('Remove a notice', { 204: { description: 'Removed' } }, { parameters: [id, path('noticeId')] }),
    },
    '/api/my/stations': { get: op('The stations the signed-in operator runs', ok(200, '{ stations }')) },
    '/api/my/stations/{id}': {
      patch: op('Operator edit: opening hours, amenities, amenities out of order, temporarily closed / open; live at once, audited', { ...ok(200, '{ station }'), 409: problem('Closed permanently: only an admin can reopen it') }, { parameters: [id], requestBody: json(operatorPatchBody) }),
    },
    '/api/my/stations/{id}/verify': { post: op('"Checked today": sets verified_at (verified_by operator or admin)', ok(200, '{ station }'), { parameters: [id] }) },
    '/api/admin/operators': {
      get: op('Every operator grant', ok(200, '{ items: [{ accountId, email, stationId, grantedAt, grantedBy }] }')),
      post: op('Grant an account (by email) stations to operate; audited', ok(201, '{ operator: { accountId, email, stationIds } }'), {
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['accountEmail', 'stationIds'], properties: { accountEmail: { type: 'string', format: 'email' }, stationIds: { type: 'array', items: { type: 'string' }, minItems: 1 } } } } } },
      }),
    },
    '/api/admin/operators/{accountId}/stations/{stationId}': {
      delete: op('Revoke one grant; audited', { 204: { description: 'Revoked' } }, { parameters: [path('accountId'), path('stationId')] }),
    },
    '/api/admin/inspection': {
      get: op('Stations not verified for 180 days, by region (for inspection teams); format=csv for a spreadsheet', { 200: { description: '{ staleDays, truncated, items } or CSV', content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': {} } } }, {
        parameters: ['province', 'city', 'format'].map((name) => ({ name, in: 'query', schema: name === 'format' ? { enum: ['json', 'csv'] } : { type: 'string' } })),
      }),
    },
  };
}

/** The Notice schema for components. */
export const noticeJsonSchema = () => z.toJSONSchema(noticeSchema, { io: 'output' });
