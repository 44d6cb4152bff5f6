/**
 * The owner's notice after sign-in (issue 14): how many wrong passwords were tried on the account
 * since the last sign-in and when the latest was, with the way to change the password. It stays
 * until dismissed; a dismissed one is not shown again (app.tsx remembers its time).
 */
import { ShieldAlert } from 'lucide-preact';
import { useI18n } from '../i18n';
import type { SignInNotice } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { href } from '../lib/router';

export function SignInWarning({ notice, onDismiss }: { notice: SignInNotice; onDismiss(): void }) {
  const { t, locale } = useI18n();
  const n = notice.failedSignIns;
  const at = notice.lastFailedSignInAt ? formatDateTime(notice.lastFailedSignInAt, locale) : '';
  return (
    <div class="note note-warn sign-in-warning" role="alert">
      <p><ShieldAlert size={22} aria-hidden="true" class="icon" /> <span>{t(n === 1 ? 'failedSignInsOne' : 'failedSignIns', { n, at })}</span></p>
      <p class="actions">
        <a class="btn btn-primary" href={href('password')}>{t('changePassword')}</a>
        <button type="button" class="btn btn-secondary" onClick={onDismiss}>{t('failedSignInsSeen')}</button>
      </p>
    </div>
  );
}
