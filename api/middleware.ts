/**
 * The API's own middleware, shaped for the hot read routes: every header is set before the
 * response exists (touching a finished response's headers halves @hono/node-server's throughput),
 * and work that only some requests need (bodies, gzip) is skipped for the others.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { problem } from './problem';

const COMPRESS_MIN_BYTES = 2048; // smaller bodies cost more to gzip than they save
const BODY_MAX_BYTES = 1024 * 1024; // request bodies (routes with larger uploads set their own)

/** CORS for a public API without credentials: `*` on every answer, preflights answered here. */
export const apiCors: MiddlewareHandler = async (c, next) => {
  c.header('Access-Control-Allow-Origin', '*');
  c.header('X-Content-Type-Options', 'nosniff');
  if (c.req.method !== 'OPTIONS' || !c.req.header('Access-Control-Request-Method')) return next();
  c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE');
  c.header('Access-Control-Allow-Headers', c.req.header('Access-Control-Request-Headers') ?? 'Content-Type');
  c.header('Access-Control-Max-Age', '86400');
  return c.body(null, 204);
};

/** Limits request bodies to 1 MB, except on `exempt` paths; reads without a body skip it. */
export function limitBodies(exempt: readonly string[]): MiddlewareHandler {
  const limit = bodyLimit({ maxSize: BODY_MAX_BYTES, onError: (c) => problem(c, 413, 'Request body is larger than 1 MB') });
  return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' || exempt.includes(c.req.path) ? next() : limit(c, next));
}

const gzip = compress({ threshold: COMPRESS_MIN_BYTES });
/**
 * gzip for clients that accept it, only for bodies above the threshold: Hono's JSON bodies carry
 * no length, so the body is measured first (compress() then leaves small ones alone).
 */
export const compressLarge: MiddlewareHandler = async (c, next) => {
  if (!/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) return next();
  c.header('Vary', 'Accept-Encoding');
  return gzip(c, async () => {
    await next();
    if (!c.res.body || c.res.headers.has('Content-Length') || c.res.headers.has('Content-Encoding')) return;
    const bytes = await c.res.arrayBuffer();
    c.res = new Response(bytes, c.res);
    c.res.headers.set('Content-Length', String(bytes.byteLength));
  });
};
