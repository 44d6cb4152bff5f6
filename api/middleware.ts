/**
 * The API's own middleware, shaped for the hot read routes: every header is set before the
 * response exists (touching a finished response's headers halves @hono/node-server's throughput),
 * and work that only some requests need (bodies, gzip) is skipped for the others.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { chooseEncoding } from './accept-encoding';
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

const acceptsGzip = (c: Context) => chooseEncoding(c.req.header('Accept-Encoding'), ['gzip'] as const) !== undefined;

/**
 * A JSON body as the hot read routes send it: compressed in one call (zlib) when large and the
 * client accepts it, its headers set before the response exists. Every phone asks for gzip: read
 * back and piped through Hono's compress(), a warm nearest request at 400 k took 1.5 ms against
 * 0.6–0.8 without. An answer of a packet or two (a nearest list of ten: ~5 KB) is compressed at
 * the fastest settings, a packet's worth either way: brotli at quality 1 when accepted (~35 µs
 * against gzip's ~62 at its default level), else gzip at level 3 (~47 µs, 7 % larger).
 */
export function jsonBody(c: Context, body: Uint8Array<ArrayBuffer>): Response {
  sent.add(c); // compressLarge leaves it as it is: reading back a response's body or headers is the slow path
  const type = 'application/json; charset=utf-8';
  if (body.byteLength < COMPRESS_MIN_BYTES) return c.body(body, 200, { 'Content-Type': type });
  const small = body.byteLength <= FAST_CODING_MAX_BYTES;
  const coding = chooseEncoding(c.req.header('Accept-Encoding'), small ? (['br', 'gzip'] as const) : (['gzip'] as const));
  if (!coding) return c.body(body, 200, { 'Content-Type': type, Vary: 'Accept-Encoding' });
  const packed = coding === 'br' ? brotliCompressSync(body, FAST_BROTLI) : gzipSync(body, small ? FAST_GZIP : undefined);
  return c.body(packed, 200, { 'Content-Type': type, 'Content-Encoding': coding, Vary: 'Accept-Encoding' });
}
/**
 * Bodies up to this (the PWA's list of twenty: ~10 KB) are compressed at the fastest settings, a
 * packet or two either way; larger ones (corridor pages, long lists) as gzip at its default level,
 * 15–20 % smaller than fast brotli.
 */
const FAST_CODING_MAX_BYTES = 12 * 1024;
const FAST_BROTLI = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } };
const FAST_GZIP = { level: 3 };
const sent = new WeakSet<Context>();

/**
 * gzip, for clients that accept it, of the other responses above the threshold: read whole and
 * gzipped in one call (Hono's compress() pipes a CompressionStream, slower still). As compress()
 * does: not for HEAD, partial, already encoded, no-transform or incompressible types, and a strong
 * ETag becomes weak.
 */
export const compressLarge: MiddlewareHandler = async (c, next) => {
  if (!acceptsGzip(c)) return next();
  c.header('Vary', 'Accept-Encoding');
  await next();
  if (sent.has(c)) return;
  const res = c.res;
  const type = res.headers.get('Content-Type');
  if (!res.body || c.req.method === 'HEAD' || res.status === 206 || res.headers.has('Content-Encoding') || res.headers.has('Transfer-Encoding')
    || !type || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('Cache-Control') ?? '')) return;
  if (Number(res.headers.get('Content-Length') ?? Infinity) < COMPRESS_MIN_BYTES) return;
  const bytes = new Uint8Array(await res.arrayBuffer());
  const small = bytes.byteLength < COMPRESS_MIN_BYTES;
  const body = small ? bytes : gzipSync(bytes);
  c.res = new Response(body, res);
  c.res.headers.set('Content-Length', String(body.byteLength));
  if (small) return;
  c.res.headers.set('Content-Encoding', 'gzip');
  const etag = c.res.headers.get('ETag');
  if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
};
