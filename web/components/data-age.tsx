/**
 * How old the answers are, in plain words under the list: "Data as of 10:42 (3 minutes ago)",
 * "Offline · data as of …" when the network is gone, and a warning when the copy is over a week old.
 */
import { formatClock } from '../lib/format';
import { formatAge, formatAsOf } from '../lib/offline-format';
import { STALE_MS, useOfflineState } from '../lib/offline-status';
import { useI18n } from '../i18n/context';

/** `arrived`: when the list's data arrived from the network (used until there is an offline copy). */
export function DataAge({ arrived, now }: { arrived: Date | null; now: Date }) {
  const s = useOfflineState();
  const { t, locale } = useI18n();
  if (!s.copy) return arrived && <p class="muted as-of">{t('listAsOf', { time: formatClock(arrived, locale) })}</p>;
  const at = s.copy.checkedAt;
  const t0 = Math.max(now.getTime(), Date.now());
  const words = { time: formatAsOf(at, t0, locale), ago: formatAge(at, t0, locale) };
  return (
    <>
      <p class={`as-of${s.online ? ' muted' : ' is-offline'}`}>{t(s.online ? 'dataAsOf' : 'dataOffline', words)}</p>
      {Date.now() - at > STALE_MS && <p class="banner-warning stale" role="note">{t('dataStale')}</p>}
    </>
  );
}
