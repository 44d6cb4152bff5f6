/**
 * Fuzzing generated from the OpenAPI document: every operation with malformed values of every
 * parameter and body field, oversized and deeply nested bodies, wrong content types. Asserts no
 * 5xx, problem+json on every API 4xx, and a live server afterwards. Bounded to a few seconds.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authEnv, ORIGIN, signInAdmin, type AuthEnv } from './auth-helpers';
import { merchant, station } from './helpers';

interface Param { name: string; in: 'query' | 'path'; required?: boolean }
interface Operation { parameters?: Param[]; requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }
interface Case { method: string; path: string; op: Operation }

let env: AuthEnv;
let cookie: string;
let cases: Case[];
beforeAll(async () => {
  env = await authEnv(
    [station({ id: 'f-1', lat: 32.06, lng: 118.79 }), station({ id: 'f-2', lat: 31.2, lng: 121.4 })],
    [merchant({ id: 'fm-1', status: 'approved' }, [{ title: '九折' }])],
  );
  cookie = (await signInAdmin(env)).cookie;
  const doc = (await (await env.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
  cases = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
});
afterAll(() => env.close());

/** Values no parameter should crash on: numbers in odd spellings, huge and empty strings, markup, unicode. */
const hostile = fc.oneof(
  fc.constantFrom('', ' ', '0x20', '1e309', '-0', 'NaN', 'Infinity', '9'.repeat(400), '[]', '{}', 'null', 'true', '%00', '\u0000', '../../etc/passwd', '<script>', '驿站', '\uD800', ',,,', 'a,b,c', '1,2,3,4', '118.79,32.06'),
  fc.string({ maxLength: 40 }),
  fc.double().map(String),
  fc.integer().map(String),
);
/** Body field values of every JSON type, nested a little. */
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Percent-encoding; a lone surrogate becomes the invalid UTF-8 it would be on the wire. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

function pathOf(c: Case, params: Record<string, string>): string {
  let path = c.path.replace(/\{(\w+)\}/g, (_, name) => enc(params[name] ?? 'x'));
  const query = (c.op.parameters ?? []).filter((p) => p.in === 'query' && params[p.name] !== undefined);
  if (query.length) path += '?' + query.map((p) => `${p.name}=${enc(params[p.name])}`).join('&');
  return path;
}

/** A body: shaped like the schema with hostile field values, any JSON, or something worse. */
type Body = { body?: string; type?: string };
function bodies(c: Case): fc.Arbitrary<Body> {
  const content = c.op.requestBody?.content ?? {};
  const fields = Object.keys(content['application/json']?.schema?.properties ?? {});
  const shaped = fields.length
    ? fc.record(Object.fromEntries(fields.map((f) => [f, anyJson])), { requiredKeys: [] }).map((o) => ({ body: JSON.stringify(o), type: 'application/json' }))
    : fc.constant<Body>({});
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    anyJson.map((v) => ({ body: JSON.stringify(v), type: 'application/json' })),
    fc.constantFrom<Body>(
      { body: '{"a":', type: 'application/json' },
      { body: '['.repeat(20_000) + ']'.repeat(20_000), type: 'application/json' },
      { body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), type: 'application/json' },
      { body: 'name=x&lat=1', type: 'application/x-www-form-urlencoded' },
      { body: '{"name":"x"}', type: 'text/plain' },
      { body: '\uFEFFid,name,lat,lng\n1,=cmd,95,200', type: 'text/csv' },
      {},
    ),
  );
}

function request(c: Case): fc.Arbitrary<{ path: string; init: RequestInit }> {
  const params = Object.fromEntries((c.op.parameters ?? []).map((p) => [p.name, p.required || p.in === 'path' ? hostile : fc.option(hostile, { nil: undefined })]));
  const hasBody = c.method !== 'GET';
  return fc.record({ params: fc.record(params), body: hasBody ? bodies(c) : fc.constant<Body>({}), signedIn: fc.boolean() }).map(({ params: p, body, signedIn }) => {
    const headers: Record<string, string> = { Origin: ORIGIN };
    if (signedIn && c.path !== '/api/auth/logout') headers.Cookie = cookie; // logout would end the session the other cases use
    if (body.type) headers['Content-Type'] = body.type;
    return { path: pathOf(c, p as Record<string, string>), init: { method: c.method, headers, body: body.body } };
  });
}

describe('fuzzing every operation in /api/openapi.json', () => {
  it('no 5xx, problem+json on every API 4xx, and the server still answers', async () => {
    expect(cases.length).toBeGreaterThan(30);
    for (const c of cases) {
      const runs = /\/auth\/(login|register|password)|\/users\//.test(c.path) ? 6 : 20; // scrypt-bound ones fewer
      await fc.assert(
        fc.asyncProperty(request(c), async ({ path, init }) => {
          const res = await env.app.request(path, init);
          const routerMissing = c.path === '/api/route' && res.status === 503; // documented: no ROUTER_URL configured
          expect(res.status < 500 || routerMissing, `${init.method} ${path} → ${res.status}`).toBe(true);
          if (res.status >= 400 && path.startsWith('/api/')) {
            expect(res.headers.get('content-type'), `${init.method} ${path} → ${res.status}`).toContain('application/problem+json');
          }
          await res.arrayBuffer();
        }),
        { numRuns: runs },
      );
    }
    const health = await env.app.request('/api/health');
    expect(health.status).toBe(200);
    expect((await env.app.request('/api/stations/nearest?lat=32.06&lng=118.79')).status).toBe(200);
  }, 120_000);
});
