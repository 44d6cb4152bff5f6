/**
 * Where am I: explains why before the browser asks, then offers any city or county by name (or
 * one of the big cities with one tap) or a tap on the map when the position is denied or unavailable.
 */
import { LocateFixed, MapPinned } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { CITIES } from '../lib/cities';
import type { LocationState } from '../hooks/use-location';
import { useLazy } from '../hooks/use-lazy';
import { useI18n } from '../i18n/context';

/** `onCancel`: keep the current position (shown when there is one). */
export function LocationPanel({ loc, onCancel }: { loc: LocationState; onCancel?(): void }) {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState('');
  const q = query.trim();
  // the search answers and the gazetteer load once the person starts typing a name
  const Results = useLazy(() => import('./place-results').then((m) => m.PlaceResults), q !== '');
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
      <h3 id="city-title"><label for="place-query">{t('locPickCity')}</label></h3>
      <input id="place-query" type="search" class="text-input" value={query} autocomplete="off" enterKeyHint="search"
        placeholder={t('locPlacePlaceholder')} aria-describedby="place-status" onInput={(e) => setQuery(e.currentTarget.value)} />
      {q ? (
        Results && <Results query={q} locale={locale} statusId="place-status" labelledBy="city-title"
          onPick={(p, places) => loc.pickPlace(p, { zh: p.name, en: places.name(p, 'en') })} />
      ) : (
        <ul class="city-grid" aria-labelledby="city-title">
          {CITIES.map((c) => (
            <li key={c.key}>
              <button type="button" class="btn btn-quiet" onClick={() => loc.pickCity(c)}>
                {locale === 'en' ? c.en : c.zh}
              </button>
            </li>
          ))}
        </ul>
      )}
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
