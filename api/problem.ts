/**
 * RFC 9457 problem details: every error the API returns goes through here, so bad input always
 * gets a 4xx `application/problem+json` naming what was wrong.
 */
import type { Context, ValidationTargets } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { validator } from 'hono/validator';
import type { ZodType, output } from 'zod';
import { StoreBusyError, StoreInputError, isStoreOutage } from './store/errors';

export interface InvalidParam {
  name: string;
  reason: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

/** A problem+json response. */
export function problem(c: Context, status: ContentfulStatusCode, detail: string, extra: Record<string, unknown> = {}) {
  const body = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, instance: c.req.path, ...extra };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json' });
}

/**
 * zod validation of one request part; a failure is a 400 problem listing every bad parameter.
 * `quick` may parse the plainly valid values of a hot route without zod (undefined: ask zod).
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
  quick?: (value: Record<string, unknown>) => output<T> | undefined,
) {
  return validator(target, (value, c): output<T> | Response => {
    // Hono reads a body that is not declared JSON as {}: say so instead of "no change, 200"
    if (target === 'json' && c.req.raw.body !== null && !JSON_TYPE.test(c.req.header('Content-Type') ?? '')) {
      return problem(c, 415, 'The request body must be JSON, sent with Content-Type: application/json.');
    }
    const data = quick?.(value as Record<string, unknown>);
    if (data !== undefined) return data;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const params: InvalidParam[] = result.error.issues.map((i) => ({
      name: i.path.length === 0 ? target : target === 'json' ? i.path.join('.') : String(i.path[0]),
      reason: i.message,
    }));
    const detail = params.map((p) => `${p.name}: ${p.reason}`).join('; ');
    return problem(c, 400, detail, { invalid_params: params });
  });
}

const ABORT_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'ABORT_ERR']);

/** True when the error is the client hanging up mid-request (not worth an error log). */
function clientGone(err: Error, c: Context): boolean {
  const code = (err as { code?: unknown }).code;
  return c.req.raw.signal?.aborted === true || err.name === 'AbortError' || (typeof code === 'string' && ABORT_CODES.has(code)) || err.message === 'aborted';
}

/**
 * The app's error handler: HTTP errors keep their status; a busy or unwritable store is a 503 with
 * Retry-After (the one place store errors become HTTP); anything else is logged and hidden.
 */
export function onError(err: Error, c: Context) {
  if (err instanceof HTTPException && err.status < 500) {
    return problem(c, err.status as ContentfulStatusCode, err.message || TITLES[err.status] || 'Error');
  }
  if (clientGone(err, c)) return problem(c, 400, 'The request was aborted by the client.'); // nobody to tell; not our error
  if (isStoreOutage(err)) {
    c.header('Retry-After', String(err.retryAfterSeconds));
    const detail = err instanceof StoreBusyError
      ? 'The database is busy with another write (for example an import). Please retry in a moment.'
      : `The database cannot take changes right now (${err.reason}). Reading still works; please retry later.`;
    return problem(c, 503, detail, { retryAfter: err.retryAfterSeconds });
  }
  if (err instanceof StoreInputError) return problem(c, 400, err.message);
  console.error(err);
  return problem(c, 500, 'Something went wrong on our side. Please try again.');
}
