/**
 * Small shared pieces: a page heading (focused after navigation), the plain-words error with
 * retry, the moderation status badge (words and icon, never colour alone) and a loading line.
 */
import type { ComponentChildren } from 'preact';
import { ArrowLeft, CircleAlert, CircleCheck, CircleDashed, CircleMinus, CirclePause, CircleX, Eye, EyeOff } from 'lucide-preact';
import { useI18n, type I18n } from '../i18n';
import { minutesToWait, type BizError } from '../lib/api-client';

/** What went wrong, in the user's language. */
export function errorText(t: I18n['t'], e: BizError): string {
  switch (e.kind) {
    case 'network': return t('errNetwork');
    case 'server': return t('errServer');
    case 'forbidden': return t('errForbidden');
    case 'not_found': return t('errNotFound');
    case 'unauthorized': return t('sessionEnded');
    case 'too_large': return t('errTooLarge');
    case 'rate_limited': return t('errRateLimited', { n: minutesToWait(e.retryAfter ?? 60) });
    default: return t('errRejected', { detail: e.detail });
  }
}

export function ErrorBox({ error, onRetry }: { error: BizError; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="error-note" role="alert">
      <p><CircleAlert size={22} aria-hidden="true" class="icon" /> <span>{errorText(t, error)}</span></p>
      {onRetry && <button type="button" class="btn btn-primary" onClick={onRetry}>{t('retry')}</button>}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p class="loading muted" role="status">{t('loading')}</p>;
}

/** The page's h1 (the app focuses it after each navigation) with an optional back link above it. */
export function PageHead({ title, back, children }: { title: string; back?: string; children?: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <div class="page-head">
      {back && (
        <a class="btn-link back-link" href={back}>
          <ArrowLeft size={20} aria-hidden="true" class="icon" />{t('back')}
        </a>
      )}
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </div>
  );
}

const STATUS_ICON = {
  pending: CircleDashed, approved: CircleCheck, rejected: CircleX, suspended: CircleMinus, paused: CirclePause,
} as const;

/** "Waiting for review" / "Approved" … with an icon; `live` adds whether members see it now. */
export function StatusBadge({ status, live }: { status: string; live?: boolean }) {
  const { t, tk } = useI18n();
  const Icon = STATUS_ICON[status as keyof typeof STATUS_ICON] ?? CircleDashed;
  return (
    <span class="badges">
      <span class={`badge badge-${status}`}><Icon size={18} aria-hidden="true" class="icon" />{tk('status_', status)}</span>
      {live !== undefined && (
        <span class={`badge ${live ? 'badge-live' : 'badge-hidden'}`}>
          {live ? <Eye size={18} aria-hidden="true" class="icon" /> : <EyeOff size={18} aria-hidden="true" class="icon" />}
          {t(live ? 'live' : 'notLive')}
        </span>
      )}
    </span>
  );
}

/** The admin's reason for a decision, as text. */
export function Reason({ reason }: { reason?: string }) {
  const { t } = useI18n();
  return reason ? <p class="reason">{t('adminReason', { reason })}</p> : null;
}

/** A note about moderation ("changes wait for review"), with an icon. */
export function Note({ children, tone = 'info' }: { children: ComponentChildren; tone?: 'info' | 'warn' }) {
  return (
    <p class={`note note-${tone}`}>
      <CircleAlert size={20} aria-hidden="true" class="icon" />
      <span>{children}</span>
    </p>
  );
}
