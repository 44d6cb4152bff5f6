/**
 * What a request says about where it comes from: the client's address (for rate limits), whether
 * it arrived over https (for the cookie's Secure flag), and the CSRF checks.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { IncomingMessage } from 'node:http';
import { problem } from '../problem';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The client's IP address. X-Forwarded-For is believed only from a proxy on this machine (a
 * loopback peer) or in-process (no socket), and then only its last hop, the one the proxy added.
 */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress;
  const forwarded = c.req.header('X-Forwarded-For');
  if (forwarded && (!peer || LOOPBACK.test(peer))) {
    const hops = forwarded.split(',').map((h) => h.trim()).filter(Boolean);
    if (hops.length) return hops[hops.length - 1];
  }
  return peer ?? 'local';
}

/** True when the client used https, directly or through a proxy that says so (X-Forwarded-Proto). */
export function isHttps(c: Context): boolean {
  const proto = c.req.header('X-Forwarded-Proto')?.split(',')[0].trim().toLowerCase();
  return proto ? proto === 'https' : new URL(c.req.url).protocol === 'https:';
}

/** The scheme and host of an Origin/Referer value ("https://host:port"), or undefined when unusable. */
function originOf(value: string | undefined): string | undefined {
  if (!value || value === 'null') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? `${url.protocol}//${url.host}` : undefined;
  } catch {
    return undefined;
  }
}

/** This request's own origin as the client sees it (scheme from X-Forwarded-Proto behind a proxy). */
export function ownOrigin(c: Context): string {
  return `${isHttps(c) ? 'https:' : 'http:'}//${new URL(c.req.url).host}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection: a state-changing request must carry an Origin (or, failing that, a Referer)
 * whose scheme and host are this request's own; anything else is a 403 problem.
 */
export const sameOrigin: MiddlewareHandler = async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const source = originOf(c.req.header('Origin') ?? c.req.header('Referer'));
  if (!source) return problem(c, 403, 'Cross-site request refused: the request has no usable Origin or Referer header.');
  if (source !== ownOrigin(c)) return problem(c, 403, 'Cross-site request refused: Origin does not match this site.');
  return next();
};

/**
 * For GETs with side effects (the audited admin export): refused when the browser says the request
 * came from another site (Sec-Fetch-Site), or, from browsers that do not say, with a foreign Referer.
 */
export const notCrossSite: MiddlewareHandler = async (c, next) => {
  const site = c.req.header('Sec-Fetch-Site');
  const referer = originOf(c.req.header('Referer'));
  const foreign = site ? site !== 'same-origin' && site !== 'none' : referer !== undefined && referer !== ownOrigin(c);
  if (foreign) return problem(c, 403, 'Cross-site request refused: open this from the admin app itself.');
  return next();
};
