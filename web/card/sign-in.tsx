/** Sign in (or sign up: the same accounts merchants use) before applying or showing a card. */
import { useState } from 'preact/hooks';
import { MembershipError, type MembershipApi } from '../lib/membership-api';
import type { CardT } from './messages';

export function SignIn({ api, t, onDone }: { api: MembershipApi; t: CardT; onDone: () => void }) {
  const [mode, setMode] = useState<'in' | 'up'>('in');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const [email, password, name] = ['email', 'password', 'name'].map((k) => String(f.get(k) ?? ''));
    setBusy(true);
    setError('');
    try {
      await (mode === 'in' ? api.signIn(email, password) : api.signUp(email, password, name));
      onDone();
    } catch (err) {
      setError(err instanceof MembershipError && err.status === 0 ? t('offline') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card-form" onSubmit={submit}>
      <h2>{t('signInTitle')}</h2>
      <label>{t('email')}<input name="email" type="email" autocomplete="username" required /></label>
      <label>{t('password')}<input name="password" type="password" minLength={mode === 'up' ? 12 : undefined} autocomplete={mode === 'in' ? 'current-password' : 'new-password'} required /></label>
      {mode === 'up' && <label>{t('yourName')}<input name="name" autocomplete="name" required /></label>}
      {error && <p class="card-error" role="alert">{error}</p>}
      <button class="btn btn-primary btn-block" disabled={busy}>{mode === 'in' ? t('signIn') : t('signUp')}</button>
      <button type="button" class="btn btn-link" onClick={() => setMode(mode === 'in' ? 'up' : 'in')}>
        {mode === 'in' ? t('noAccount') : t('haveAccount')}
      </button>
    </form>
  );
}
