/**
 * The unobtrusive status over the map: nothing while all is well; "Offline · updated 3 hours
 * ago", "Old data (23 Nov 16:33)" or "2 reports waiting" when it matters. A tap opens the settings and offline-data panel.
 */
import { CloudOff, Send, TriangleAlert } from './icons';
import { STALE_MS, useOfflineState } from '../lib/offline-status';
import { useI18n } from '../i18n/context';
import { formatAge, formatAsOf } from '../lib/offline-format';
import { useNow } from '../hooks/use-now';

export function NetStatus({ onOpen }: { onOpen(): void }) {
  const s = useOfflineState();
  const { t, locale } = useI18n();
  const now = Math.max(useNow().getTime(), Date.now());
  const at = s.copy?.checkedAt;
  const stale = at !== undefined && now - at > STALE_MS;
  // The data's age goes with the offline pill, where the eye is (with a date once it is old).
  const offline = at === undefined ? t('netOffline') : t('netOfflineAge', { ago: formatAge(at, now, locale) });
  const parts = [
    !s.online && { key: 'offline', icon: <CloudOff size={18} aria-hidden="true" />, text: offline },
    stale && { key: 'stale', icon: <TriangleAlert size={18} aria-hidden="true" />, text: t('netStaleAt', { date: formatAsOf(at, now, locale) }) },
    s.pendingReports > 0 && { key: 'pending', icon: <Send size={18} aria-hidden="true" />, text: t('netPending', { n: s.pendingReports }) },
  ].filter((p) => p !== false);
  return (
    <div class="net-status-region" role="status" aria-live="polite">
      {parts.length > 0 && (
        <button type="button" class="net-status" data-offline={!s.online} onClick={onOpen} aria-label={`${parts.map((p) => p.text).join('，')} · ${t('settingsOpen')}`}>
          {parts.map((p) => (
            <span key={p.key} class="net-part">
              {p.icon}
              {p.text}
            </span>
          ))}
        </button>
      )}
    </div>
  );
}
