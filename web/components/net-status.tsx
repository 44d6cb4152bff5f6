/**
 * The unobtrusive status over the map: nothing while all is well; "Offline", "Old data" or
 * "2 reports waiting" when it matters. A tap opens the settings and offline-data panel.
 */
import { CloudOff, Send, TriangleAlert } from 'lucide-preact';
import { STALE_MS, useOfflineState } from '../lib/offline-status';
import { useI18n } from '../i18n/context';

export function NetStatus({ onOpen }: { onOpen(): void }) {
  const s = useOfflineState();
  const { t } = useI18n();
  const stale = s.copy !== null && Date.now() - s.copy.checkedAt > STALE_MS;
  const parts = [
    !s.online && { key: 'offline', icon: <CloudOff size={18} aria-hidden="true" />, text: t('netOffline') },
    stale && { key: 'stale', icon: <TriangleAlert size={18} aria-hidden="true" />, text: t('netStale') },
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
