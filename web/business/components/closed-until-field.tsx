/**
 * The optional last day of a temporary closure (triage, the admin's station page, the operator's
 * station): a date no earlier than today in China, written out in full beside the input.
 */
import { useI18n } from '../i18n';
import { formatDate, todayInChina } from '../lib/format';
import { DateEcho } from './fields';

export function ClosedUntilField({ id, value, onValue }: { id: string; value: string; onValue(v: string): void }) {
  const { t, locale } = useI18n();
  return (
    <div class="resolve-box">
      <label for={id}>{t('closedUntil')}<span class="muted">{t('optional')}</span></label>
      <p class="help" id={`${id}-help`}>{t('closedUntilHelp')}</p>
      <input id={id} type="date" value={value} min={todayInChina()} aria-describedby={`${id}-help`} onInput={(e) => onValue(e.currentTarget.value)} />
      {value && <DateEcho value={formatDate(value, locale)} />}
    </div>
  );
}
