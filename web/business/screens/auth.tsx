/**
 * Sign in and sign up (merchant accounts; admin accounts come from the CLI). Problems are said in
 * plain words next to the form: email taken (409), wrong email or password (401), too many
 * attempts (429, "try again in N minutes"), a password under 12 characters.
 */
import { useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { TextField } from '../components/fields';
import { PageHead, errorText } from '../components/ui';
import { useI18n, type MessageKey } from '../i18n';
import { asBizError } from '../lib/api-client';
import { homeOf, href } from '../lib/router';

const MIN_PASSWORD = 12; // as the API's MIN_PASSWORD_LENGTH (data/password-rules.ts)
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function AuthForm({ mode }: { mode: 'signin' | 'signup' }) {
  const { t } = useI18n();
  const app = useApp();
  const [f, setF] = useState({ email: '', password: '', name: '' });
  const [issues, setIssues] = useState<Partial<Record<'email' | 'password' | 'name', MessageKey | 'required'>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const signup = mode === 'signup';
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });

  const check = () => {
    const out: typeof issues = {};
    if (!EMAIL.test(f.email.trim())) out.email = 'errEmail';
    if (!f.password) out.password = 'required';
    else if (signup && f.password.length < MIN_PASSWORD) out.password = 'errPasswordShort';
    if (signup && !f.name.trim()) out.name = 'required';
    return out;
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const found = check();
    setIssues(found);
    setError(null);
    if (Object.keys(found).length) {
      const first = (['name', 'email', 'password'] as const).find((k) => found[k]);
      document.getElementById(`auth-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const email = f.email.trim();
      const { user, ...notice } = signup
        ? { user: await app.api.signUp({ email, password: f.password, name: f.name.trim() }), failedSignIns: 0 }
        : await app.api.signIn(email, f.password);
      app.setUser(user, notice);
      app.navigate(homeOf(user), true);
    } catch (x) {
      const err = asBizError(x);
      setError(
        err.kind === 'conflict' ? t('errEmailTaken') : err.kind === 'unauthorized' ? t('errWrongLogin') : errorText(t, err),
      );
      const named = err.invalid.find((p) => ['email', 'password', 'name'].includes(p.name));
      if (named) setIssues({ [named.name]: named.reason as MessageKey });
      setTimeout(() => errorRef.current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };
  const text = (k: keyof typeof issues) => {
    const v = issues[k];
    return v === undefined ? undefined : v === 'required' ? 'required' : v.startsWith('err') ? t(v as MessageKey) : v;
  };

  return (
    <form class="form auth-form" onSubmit={submit} noValidate>
      {error && <p class="note note-warn" role="alert" tabIndex={-1} ref={errorRef}>{error}</p>}
      {signup && <TextField id="auth-name" label={t('name')} value={f.name} onValue={set('name')} error={text('name')} autoComplete="name" maxLength={80} />}
      <TextField id="auth-email" label={t('email')} type="email" value={f.email} onValue={set('email')} error={text('email')}
        autoComplete={signup ? 'email' : 'username'} inputMode="email" autoCapitalize="none" spellcheck={false} />
      <TextField id="auth-password" label={t('password')} type="password" value={f.password} onValue={set('password')} error={text('password')}
        help={signup ? t('passwordHint') : undefined} autoComplete={signup ? 'new-password' : 'current-password'} />
      <button type="submit" class="btn btn-primary btn-block" disabled={busy}>{busy ? t('working') : t(signup ? 'signUpSubmit' : 'signInSubmit')}</button>
      <p class="auth-switch">
        <a href={href(signup ? 'signin' : 'signup')}>{t(signup ? 'toSignIn' : 'toSignUp')}</a>
      </p>
    </form>
  );
}

export function SignInScreen() {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <PageHead title={t('signInTitle')} />
      <AuthForm mode="signin" />
      <p class="muted small">{t('adminAccounts')}</p>
    </section>
  );
}

export function SignUpScreen() {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <PageHead title={t('signUpTitle')}>
        <p class="lead">{t('signUpIntro')}</p>
      </PageHead>
      <AuthForm mode="signup" />
    </section>
  );
}
