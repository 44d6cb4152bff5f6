/** Small shared pieces: skeleton rows, the plain-words error with retry, the open/closed line. */
import { CircleAlert, Clock } from './icons';
import type { ApiError } from '../lib/api';
import { useI18n } from '../i18n/context';
import type { Tone } from '../lib/format';

/** Grey rows the size of real rows, so nothing jumps when the data arrives. */
export function SkeletonRows({ count, label }: { count: number; label: string }) {
  return (
    <div class="skeleton-list" role="status" aria-label={label}>
      {Array.from({ length: count }, (_, i) => (
        <div class="row skeleton" key={i} aria-hidden="true">
          <span class="sk sk-title" />
          <span class="sk sk-line" />
          <span class="sk sk-chips" />
        </div>
      ))}
    </div>
  );
}

/** What went wrong in plain words, and a big retry button. */
export function ErrorNote({ error, onRetry }: { error: ApiError | null; onRetry: () => void }) {
  const { t } = useI18n();
  const text = error?.kind === 'not_found' ? t('errorNotFound') : error?.kind === 'server' ? t('errorServer') : t('errorNetwork');
  return (
    <div class="error-note" role="alert">
      <p>
        <CircleAlert size={22} aria-hidden="true" class="icon" /> {text}
      </p>
      <button type="button" class="btn btn-primary" onClick={onRetry}>
        {t('errorRetry')}
      </button>
    </div>
  );
}

/** "Open · closes at 18:00" with an icon; the tone colours it, the words say it. */
export function HoursLine({ tone, text, big }: { tone: Tone; text: string; big?: boolean }) {
  return (
    <span class={`hours tone-${tone}${big ? ' hours-big' : ''}`}>
      {tone === 'warning' ? <CircleAlert size={18} aria-hidden="true" class="icon" /> : <Clock size={18} aria-hidden="true" class="icon" />}
      <span>{text}</span>
    </span>
  );
}
