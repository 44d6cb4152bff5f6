/**
 * Every HTTP call of the membership screens (/card, /verify): sign-in, applying, the card, and the
 * verifier's keys and revocations. Errors become MembershipError with the status and the server's
 * problem detail; a network failure has status 0.
 */
import type { ApplicationInput, Member, MemberCard, MembershipApplication } from '../../data/membership/application';
import type { PublicJwk } from '../../data/membership/card-token';
import { SESSION_HINT_COOKIE } from '../../data/wire';
import { sender, problemOf, type HttpDeps } from './http';
import type { MemberBenefit, StoredCard } from './membership-store';

export class MembershipError extends Error {
  constructor(readonly status: number, message: string, readonly fields: { name: string; reason: string }[] = []) {
    super(message);
  }
}

export interface MembershipApi {
  me(): Promise<{ id: string; email: string; name: string } | null>;
  signIn(email: string, password: string): Promise<void>;
  signUp(email: string, password: string, name: string): Promise<void>;
  status(): Promise<{ application?: MembershipApplication; member?: Member }>;
  apply(body: Omit<ApplicationInput, 'region'> & { region: string }): Promise<MembershipApplication>;
  card(): Promise<MemberCard | null>;
  benefits(): Promise<MemberBenefit[]>;
  uses(): Promise<NonNullable<StoredCard['uses']>>;
  keys(): Promise<PublicJwk[]>;
  revocations(since: number): Promise<{ version: number; revoked: string[]; reset?: boolean }>;
}

/** The membership API over `fetch` (same origin; the session cookie goes along). */
export function createMembershipApi(deps: HttpDeps = {}): MembershipApi {
  const send = sender(deps);
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await send(path, { method, credentials: 'same-origin', cache: 'no-store', json: body });
    } catch {
      throw new MembershipError(0, 'offline');
    }
    if (!res.ok) {
      const p = await problemOf(res);
      throw new MembershipError(res.status, p.detail ?? res.statusText, p.invalid_params ?? []);
    }
    return (res.status === 204 ? null : await res.json().catch(() => null)) as T;
  }
  return {
    // no sign-in hint cookie: nobody is signed in, and no 401 lands in the console
    me: () => !document.cookie.includes(`${SESSION_HINT_COOKIE}=`) ? Promise.resolve(null) : call<{ user: { id: string; email: string; name: string } }>('GET', '/api/auth/me').then((r) => r.user).catch((e) => {
      if (e instanceof MembershipError && e.status === 401) return null;
      throw e;
    }),
    signIn: (email, password) => call('POST', '/api/auth/login', { email, password }).then(() => undefined),
    signUp: (email, password, name) => call('POST', '/api/auth/register', { email, password, name }).then(() => undefined),
    status: () => call('GET', '/api/membership'),
    apply: (body) => call<{ application: MembershipApplication }>('POST', '/api/membership/applications', body).then((r) => r.application),
    card: () => call<{ card: MemberCard }>('GET', '/api/membership/card').then((r) => r.card).catch((e) => {
      if (e instanceof MembershipError && e.status === 404) return null;
      throw e;
    }),
    benefits: () => call<{ items: MemberBenefit[] }>('GET', '/api/membership/benefits').then((r) => r.items),
    uses: () => call<{ items: NonNullable<StoredCard['uses']> }>('GET', '/api/membership/redemptions').then((r) => r.items.slice(0, 20)),
    keys: () => call<{ keys: PublicJwk[] }>('GET', '/api/membership/keys').then((r) => r.keys),
    revocations: (since) => call('GET', `/api/membership/revocations?since=${since}`),
  };
}
