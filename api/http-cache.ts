/**
 * Conditional GETs keyed by the data (its version, or a stored document's content tag): a response that depends only on the data (and the
 * day, for offers) carries a weak ETag, and a matching If-None-Match gets a 304 without a body.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { jsonBody } from './middleware';

/** Sets ETag and Cache-Control; returns a 304 response when the client already has this version. */
export function notModified(c: Context, tag: string, cacheControl = 'no-cache'): Response | undefined {
  const etag = `W/"${tag}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', cacheControl);
  const inm = c.req.header('If-None-Match');
  if (inm && inm.split(',').some((t) => t.trim() === etag)) return c.body(null, 304);
  return undefined;
}

/** A short tag of a stored document: an ETag that changes exactly when the document does, with no database round trip of its own. */
export const contentTag = (doc: string) => createHash('sha1').update(doc).digest('base64url').slice(0, 16);

/** Sends JSON built by hand (precomputed documents spliced together), as text or UTF-8 bytes. */
export function jsonText(c: Context, text: string | Uint8Array<ArrayBuffer>, cacheControl?: string): Response {
  if (cacheControl) c.header('Cache-Control', cacheControl);
  return jsonBody(c, typeof text === 'string' ? Buffer.from(text) : text);
}
