/**
 * OpenAPI paths of union membership (merged into api/openapi.ts): the member's own routes (session
 * cookie, same-origin Origin on writes), the public verifier routes, and the admin's.
 */
import { z } from 'zod';
import { applicationBody, applicationReviewBody, revokeBody } from '../data/membership/application';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const json = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } } });
const ok = (status: number, description: string, schema: object = { type: 'object' }) => ({ [status]: { description, content: { 'application/json': { schema } } } });
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const MEMBER = { 400: problem('Invalid body (each field named in invalid_params)'), 401: problem('Not signed in'), 403: problem('Cross-site request without our Origin') };
const ADMIN = { ...MEMBER, 403: problem('Not an admin, or a cross-site request') };

const VERDICT = {
  oneOf: [
    { type: 'object', required: ['valid', 'card'], properties: { valid: { const: true }, card: { type: 'object', description: '{ id, name (masked), org, iss, issuedAt, expiresAt, kid }' } } },
    { type: 'object', required: ['valid', 'reason'], properties: { valid: { const: false }, reason: { enum: ['malformed', 'bad_signature', 'unknown_key', 'expired', 'revoked'] }, card: { type: 'object', description: 'present for expired and revoked (genuine) cards' } } },
  ],
};
const JWKS = { type: 'object', properties: { keys: { type: 'array', items: { type: 'object', required: ['kty', 'crv', 'x', 'y', 'kid'], properties: { kty: { const: 'EC' }, crv: { const: 'P-256' }, x: { type: 'string' }, y: { type: 'string' }, kid: { type: 'string', description: 'base64url of the COSE kid bytes' }, alg: { const: 'ES256' }, use: { const: 'sig' } } } } } };

/** The membership paths. */
export function membershipPaths() {
  return {
    '/api/membership': { get: { summary: 'The signed-in account’s newest application and membership', responses: { ...ok(200, '{ application?, member? }'), 401: MEMBER[401] } } },
    '/api/membership/applications': { post: { summary: 'Apply for union membership (phone and employer are seen only by the applicant and admins)', requestBody: json(applicationBody), responses: { ...ok(201, '{ application: { id, status: "pending", … } }'), ...MEMBER, 409: problem('An application is already open, or already a member') } } },
    '/api/membership/card': { get: { summary: 'The member’s card: issued on first visit, renewed when under a week is left (token: YZ1: + Base45 COSE_Sign1/CWT, ES256)', responses: { ...ok(200, '{ card: { id, token, name, org, issuedAt, expiresAt } }'), 401: MEMBER[401], 404: problem('Not a member'), 503: problem('No signing key on the server (npm run keys:create)') } } },
    '/api/membership/keys': { get: { summary: 'The issuer’s public keys (JWKS, RFC 7517); retired keys stay until their cards have expired', responses: ok(200, 'JWKS', JWKS) } },
    '/api/membership/revocations': { get: { summary: 'Card ids revoked since a version (reset: true when the version is unknown — replace the whole list)', parameters: [{ name: 'since', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } }], responses: { ...ok(200, '{ version, revoked: [cardId], reset? }'), 400: MEMBER[400] } } },
    '/api/membership/verify': { post: { summary: 'Verify a card token online — the same data/ verifier the merchant’s phone runs offline (no session needed)', requestBody: json(z.object({ token: z.string() })), responses: { ...ok(200, 'The verdict', VERDICT), 400: MEMBER[400] } } },
    '/api/admin/applications': { get: { summary: 'Membership applications, oldest first (rejected ones are deleted 90 days after the decision)', parameters: [{ name: 'status', in: 'query', schema: { enum: ['pending', 'approved', 'rejected'] } }, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } }, { name: 'after', in: 'query', description: 'Cursor: the previous page’s next', schema: { type: 'string' } }], responses: { ...ok(200, '{ items, next }'), ...ADMIN } } },
    '/api/admin/applications/{id}/review': { post: { summary: 'Approve (makes a member with a card) or reject (reason required); audited', parameters: [path('id')], requestBody: json(applicationReviewBody), responses: { ...ok(200, '{ application, member? }'), ...ADMIN, 404: problem('Unknown application'), 409: problem('Already decided') } } },
    '/api/admin/members/{cardId}/revoke': { post: { summary: 'Revoke a card (verifiers learn it from /api/membership/revocations); endMembership: true also ends the membership, otherwise the member gets a new card', parameters: [path('cardId')], requestBody: json(revokeBody), responses: { ...ok(200, '{ card, revocations }'), ...ADMIN, 404: problem('Unknown card'), 409: problem('Already revoked') } } },
  };
}
