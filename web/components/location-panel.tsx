/**
 * Where am I: explains why before the browser asks, then offers a city or a tap on the map when
 * the position is denied or unavailable.
 */
import { LocateFixed, MapPinned } from 'lucide-preact';
import { CITIES } from '../lib/cities';
import type { LocationState } from '../hooks/use-location';
import { useI18n } from '../i18n/context';

/** `onCancel`: keep the current position (shown when there is one). */
export function LocationPanel({ loc, onCancel }: { loc: LocationState; onCancel?(): void }) {
  const { t, locale } = useI18n();
  const failed = loc.status === 'denied' || loc.status === 'unavailable' || loc.status === 'timeout';
  // changing a position the app already has: no "allow location" talk when it is allowed
  const message = loc.status === 'denied' ? t('locDenied') : failed ? t('locUnavailable') : onCancel ? t('locChangeWhy') : t('locWhy');
  return (
    <section class="locate" aria-labelledby="locate-title">
      <h2 id="locate-title">{t('locTitle')}</h2>
      <p role={failed ? 'alert' : undefined}>{message}</p>
      {loc.status === 'denied' && <p class="muted">{t('locDeniedHint')}</p>}
      {loc.status !== 'denied' && (
        <button type="button" class="btn btn-primary btn-block" onClick={loc.locate} disabled={loc.status === 'locating'}>
          <LocateFixed size={22} aria-hidden="true" class="icon" />
          {loc.status === 'locating' ? t('locLocating') : t('locUse')}
        </button>
      )}
      <h3 id="city-title">{t('locPickCity')}</h3>
      <ul class="city-grid" aria-labelledby="city-title">
        {CITIES.map((c) => (
          <li key={c.key}>
            <button type="button" class="btn btn-quiet" onClick={() => loc.pickCity(c)}>
              {locale === 'en' ? c.en : c.zh}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="btn btn-secondary btn-block" onClick={() => loc.setPicking(true)}>
        <MapPinned size={22} aria-hidden="true" class="icon" />
        {t('locPickOnMap')}
      </button>
      {onCancel && (
        <button type="button" class="btn btn-quiet btn-block" onClick={onCancel}>{t('locCancel')}</button>
      )}
    </section>
  );
}
