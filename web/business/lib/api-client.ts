/**
 * The HTTP core of the business app: JSON in and out, same-origin cookies (the session), and one
 * error type that says what went wrong in a way a screen can act on — which field (invalid_params),
 * how long to wait (429 Retry-After), whether the session is gone (401).
 * The browser sends the same-origin Origin header on every write, which the server's CSRF check needs.
 * Fetching and reading problem documents are the PWA's one HTTP core (web/lib/http.ts).
 */
import { ApiError, problemOf, retryAfterOf, sender, type HttpDeps } from '../../lib/http';

export interface InvalidParam {
  name: string;
  reason: string;
}

export type ErrorKind =
  | 'network' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'invalid' | 'too_large' | 'server';

/** A failed call. `data` is the problem document (an import's 422 carries its report there). */
export class BizError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly status: number,
    readonly detail: string,
    readonly invalid: InvalidParam[] = [],
    /** seconds, for rate_limited */
    readonly retryAfter?: number,
    readonly data: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

/** Anything a call threw as a BizError (a thrown non-BizError is the network failing). */
export const asBizError = (x: unknown): BizError => (x instanceof BizError ? x : new BizError('network', 0, String(x)));

/** The kind of error a status is. */
export function kindOf(status: number): ErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  return status < 500 ? 'invalid' : 'server';
}

/** Whole minutes to wait for a Retry-After in seconds (at least 1). */
export const minutesToWait = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export interface Http {
  /** JSON request; `body` is sent as JSON unless it is raw bytes (then with `contentType`). */
  call<T>(method: string, path: string, o?: { body?: unknown; raw?: BodyInit; contentType?: string; fresh?: boolean }): Promise<T>;
}

/** Builds the HTTP core; tests pass their own fetch. */
export function createHttp(deps: HttpDeps = {}): Http {
  const send = sender(deps);
  return {
    async call<T>(method: string, path: string, o: { body?: unknown; raw?: BodyInit; contentType?: string; fresh?: boolean } = {}) {
      const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
      let body: BodyInit | undefined;
      if (o.raw !== undefined) {
        body = o.raw;
        headers['content-type'] = o.contentType ?? 'application/octet-stream';
      } else if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] = 'application/json';
      }
      let res: Response;
      try {
        // admin screens read what was just written: revalidate instead of using the HTTP cache
        res = await send(path, { method, headers, body, credentials: 'same-origin', cache: o.fresh ? 'no-cache' : 'default' });
      } catch (e) {
        throw new BizError('network', 0, e instanceof ApiError ? e.message : String(e));
      }
      if (res.status === 204) return undefined as T;
      const doc = await problemOf(res); // not JSON (a proxy's error page): {}, and the status says enough
      if (res.ok) return doc as T;
      const invalid = Array.isArray(doc.invalid_params) ? doc.invalid_params : [];
      throw new BizError(kindOf(res.status), res.status, String(doc.detail ?? res.statusText), invalid, retryAfterOf(res, doc), doc);
    },
  };
}

/** Query string of the defined values ('' when none), with the leading '?'. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
