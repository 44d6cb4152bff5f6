/**
 * Settings and offline data: how fresh and how big the offline copy is, "update now", keeping the
 * copy or not, the language, storage used (navigator.storage.estimate) and whether it is persistent, reports
 * waiting, and the service worker switch. Loaded on demand; a modal <dialog>.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Languages, RefreshCw, Store } from 'lucide-preact';
import { formatAge, formatAsOf, formatBytes } from '../lib/offline-format';
import type { OfflineRuntime } from '../lib/offline-runtime';
import { STALE_MS, useOfflineState } from '../lib/offline-status';
import { serviceWorkerWanted, setServiceWorkerEnabled } from '../lib/sw-bridge';
import { numberFormat } from '../lib/intl';
import { useI18n } from '../i18n/context';
import { OfflineScope } from './offline-scope';
import '../styles/dialogs.css';

interface Props {
  runtime: OfflineRuntime | null;
  version?: string;
  onSwitchLanguage(): void;
  onClose(): void;
}

type Storage = Awaited<ReturnType<OfflineRuntime['storage']>>;

export function SettingsPanel({ runtime, version, onSwitchLanguage, onClose }: Props) {
  const { t, locale } = useI18n();
  const s = useOfflineState();
  const ref = useRef<HTMLDialogElement>(null);
  const [storage, setStorage] = useState<Storage | null>(null);
  const [keep, setKeep] = useState(runtime?.copyEnabled() ?? true);
  const [sw, setSw] = useState(() => serviceWorkerWanted(''));
  const [swChanged, setSwChanged] = useState(false);
  const now = Date.now();

  useEffect(() => {
    ref.current?.showModal();
  }, []);
  useEffect(() => {
    void runtime?.storage().then(setStorage);
  }, [runtime, s.copy?.version, s.ready]);

  const nf = numberFormat(locale);
  const copy = s.copy;
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="settings-title" onClose={onClose}>
      <div class="dialog-body">
        <h2 id="settings-title">{t('settingsTitle')}</h2>
        <p class="settings-member"><a class="btn btn-secondary btn-block" href="/card">{t('memberCardLink')}</a></p>
        <section aria-labelledby="settings-lang">
          <h3 id="settings-lang">{t('langTitle')}</h3>
          <button type="button" class="btn btn-secondary" lang={t('langSwitch') === 'English' ? 'en' : 'zh-CN'} aria-label={t('langSwitchLabel')}
            onClick={onSwitchLanguage}>
            <Languages size={20} aria-hidden="true" class="icon" />
            {t('langSwitch')}
          </button>
        </section>
        <section aria-labelledby="settings-offline">
          <h3 id="settings-offline">{t('offlineTitle')}</h3>
          {copy ? (
            <>
              <p>{t('dataAsOf', { time: formatAsOf(copy.checkedAt, now, locale), ago: formatAge(copy.checkedAt, now, locale) })}</p>
              <p class="muted">{t('offlineCounts', { stations: nf.format(copy.stations), merchants: nf.format(copy.merchants) })}</p>
              {now - copy.checkedAt > STALE_MS && <p class="banner-warning" role="note">{t('dataStale')}</p>}
            </>
          ) : (
            <p class="muted">{t('offlineNone')}</p>
          )}
          <OfflineScope runtime={runtime} state={s} keep={keep} />
          {s.syncError && <p class="form-error">{t('offlineSyncFailed')}</p>}
          {s.pendingReports > 0 && <p>{t('netPending', { n: s.pendingReports })}</p>}
          <button type="button" class="btn btn-secondary" disabled={!runtime || s.syncing || !keep} onClick={() => void runtime?.syncNow()}>
            <RefreshCw size={20} aria-hidden="true" class="icon" />
            {s.syncing ? t('offlineSyncing') : t('offlineSyncNow')}
          </button>
          <label class="switch-row">
            <input type="checkbox" checked={keep} disabled={!runtime}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setKeep(on);
                void runtime?.setCopyEnabled(on);
              }} />
            <span>{t('offlineKeep')}</span>
          </label>
        </section>
        <section aria-labelledby="settings-storage">
          <h3 id="settings-storage">{t('storageTitle')}</h3>
          {storage?.usage !== undefined && storage.quota !== undefined && (
            <p>{t('storageUsage', { used: formatBytes(storage.usage, locale), quota: formatBytes(storage.quota, locale) })}</p>
          )}
          {storage && <p class="muted">{storage.persisted ? t('storagePersisted') : t('storageNotPersisted')}</p>}
        </section>
        <section aria-labelledby="settings-sw">
          <h3 id="settings-sw">{t('swTitle')}</h3>
          <label class="switch-row">
            <input type="checkbox" checked={sw}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setSw(on);
                setSwChanged(true);
                void setServiceWorkerEnabled(on);
              }} />
            <span>{t('swToggle')}</span>
          </label>
          {swChanged && <p class="muted" role="status">{t('swReload')}</p>}
        </section>
        <section aria-labelledby="settings-biz">
          <h3 id="settings-biz">{t('bizTitle')}</h3>
          <p class="muted">{t('bizWhy')}</p>
          <a class="btn btn-secondary" href="/business/#/signup">
            <Store size={20} aria-hidden="true" class="icon" />
            {t('bizSignup')}
          </a>
        </section>
        {version && <p class="muted">{t('appVersion', { version })}</p>}
        <div class="dialog-actions">
          <button type="button" class="btn btn-primary" onClick={() => ref.current?.close()}>{t('settingsClose')}</button>
        </div>
      </div>
    </dialog>
  );
}
