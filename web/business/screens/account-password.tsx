/**
 * Changing the own password (POST /api/auth/password): the current one, then the new one. The
 * account's other sessions end; this one stays. Where the wrong-password notice leads.
 */
import { useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { TextField } from '../components/fields';
import { PageHead, errorText } from '../components/ui';
import { useI18n } from '../i18n';
import { asBizError } from '../lib/api-client';
import { homeOf } from '../lib/router';

const MIN_PASSWORD = 12; // as the API's MIN_PASSWORD_LENGTH (data/password-rules.ts)

export function PasswordScreen() {
  const { t } = useI18n();
  const app = useApp();
  const [f, setF] = useState({ current: '', password: '' });
  const [issues, setIssues] = useState<{ current?: string; password?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found = {
      current: f.current ? undefined : 'required',
      password: !f.password ? 'required' : f.password.length < MIN_PASSWORD ? t('errPasswordShort') : f.password === f.current ? t('errSamePassword') : undefined,
    };
    setIssues(found);
    setError(null);
    if (found.current || found.password) return document.getElementById(found.current ? 'pw-current' : 'pw-new')?.focus();
    setBusy(true);
    try {
      await app.api.changePassword(f.current, f.password);
      app.dismissWarning(); // the owner has acted on it
      app.announce(t('passwordChanged'));
      app.navigate(homeOf(app.user), true);
    } catch (x) {
      const err = asBizError(x);
      app.failed(err);
      const named = err.invalid.find((p) => p.name === 'password');
      if (named) setIssues({ password: named.reason });
      setError(err.status === 403 ? t('errCurrentPassword') : errorText(t, err));
      setTimeout(() => errorRef.current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="narrow">
      <PageHead title={t('changePassword')}>
        <p class="lead">{t('passwordIntro')}</p>
      </PageHead>
      <form class="form auth-form" onSubmit={submit} noValidate>
        {error && <p class="note note-warn" role="alert" tabIndex={-1} ref={errorRef}>{error}</p>}
        {/* the email lets password managers update the right entry */}
        <input type="email" autoComplete="username" value={app.user?.email ?? ''} hidden readOnly />
        <TextField id="pw-current" label={t('currentPassword')} type="password" value={f.current} onValue={(v) => setF({ ...f, current: v })}
          error={issues.current} autoComplete="current-password" />
        <TextField id="pw-new" label={t('newPassword')} type="password" value={f.password} onValue={(v) => setF({ ...f, password: v })}
          error={issues.password} help={t('passwordHint')} autoComplete="new-password" />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>{busy ? t('working') : t('changePassword')}</button>
      </form>
    </section>
  );
}
