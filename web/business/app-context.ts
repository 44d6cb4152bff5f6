/**
 * What every screen of the business app shares: the API, the signed-in user, a polite
 * announcement for screen readers (and a visible toast), and one way of handling failures —
 * a 401 anywhere means the session ended, so the app returns to sign-in.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { BizApi, SignInNotice, User } from './lib/api';
import type { BizError } from './lib/api-client';

export interface AppContext {
  api: BizApi;
  user: User | null;
  /** `notice`: wrong passwords tried since the last sign-in (shown until dismissed) */
  setUser(u: User | null, notice?: SignInNotice): void;
  /** hides the wrong-password notice for good (it is not shown again for the same attempts) */
  dismissWarning(): void;
  /** a short message in the live region (and a toast) */
  announce(text: string): void;
  /** reports a failed call to the app (signs out on 401); the screen shows errorText() itself */
  failed(e: BizError): void;
  /** goes to a hash route; `replace` keeps Back from returning to a redirect */
  navigate(hash: string, replace?: boolean): void;
}

export const AppCtx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const ctx = useContext(AppCtx);
  if (!ctx) throw new Error('useApp outside the business app');
  return ctx;
}
