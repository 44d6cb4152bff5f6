/**
 * The position picker: a map with a draggable pin (Leaflet, loaded on demand), "use my location",
 * "find a city or county" (the PWA's gazetteer, loaded when the field is used) to look there before
 * placing the pin. Typed coordinates move the pin; moving the pin fills the coordinates. When the
 * map cannot load, the coordinate fields still work on their own.
 */
import { LocateFixed } from 'lucide-preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { PlaceResults } from '../../components/place-results';
import { CHINA_VIEW } from '../../../data/country-view';
import { locate } from '../../lib/geolocation';
import type { LngLat } from '../../lib/api';
import { useApp } from '../app-context';
import { useI18n } from '../i18n';
import type { BizApi, TileConfig } from '../lib/api';
import type { PinMap } from '../lib/pin-map';

let tiles: Promise<TileConfig> | undefined;
const tileConfig = (api: BizApi) => (tiles ??= api.config().then((c) => c.tiles).catch((e: unknown) => ((tiles = undefined), Promise.reject(e))));

const same = (a: LngLat | null, b: LngLat | null) => (a && b ? Math.abs(a[0] - b[0]) < 1e-7 && Math.abs(a[1] - b[1]) < 1e-7 : a === b);

export function PinMapField({ id, pin, onMove }: { id: string; pin: LngLat | null; onMove(at: LngLat): void }) {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState('');
  const { api, announce } = useApp();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<PinMap | null>(null);
  const shown = useRef<LngLat | null>(pin);
  const [failed, setFailed] = useState(false);
  const [locating, setLocating] = useState(false);
  const move = (at: LngLat) => {
    shown.current = at;
    onMove(at);
    announce(t('positionSet', { lat: at[1].toFixed(6), lng: at[0].toFixed(6) }));
  };
  const moveRef = useRef(move);
  moveRef.current = move;

  useEffect(() => {
    let alive = true;
    Promise.all([tileConfig(api), import('../lib/pin-map')]).then(([cfg, { createPinMap }]) => {
      if (!alive || !el.current) return;
      map.current = createPinMap(el.current, {
        tiles: cfg, pin: shown.current, center: [CHINA_VIEW.lng, CHINA_VIEW.lat], zoom: CHINA_VIEW.zoom,
        labels: { pin: t('pinLabel'), zoomIn: t('mapZoomIn'), zoomOut: t('mapZoomOut') },
        onMove: (at) => moveRef.current(at),
      });
    }, () => alive && setFailed(true));
    return () => {
      alive = false;
      map.current?.destroy();
      map.current = null;
    };
  }, []);
  // Coordinates typed into the fields: move the pin there and look at it.
  useEffect(() => {
    if (same(pin, shown.current)) return;
    shown.current = pin;
    map.current?.setPin(pin, true);
  }, [pin?.[0], pin?.[1]]);

  const useLocation = async () => {
    setLocating(true);
    try {
      const fix = await locate();
      const at: LngLat = [Math.round(fix.lng * 1e6) / 1e6, Math.round(fix.lat * 1e6) / 1e6];
      map.current?.setPin(at, true);
      move(at);
    } catch {
      announce(t('locateFailed'));
    } finally {
      setLocating(false);
    }
  };

  return (
    <div class="pin-map-field">
      <div class="pin-tools">
        <button type="button" class="btn btn-secondary" onClick={() => void useLocation()} disabled={locating}>
          <LocateFixed size={20} aria-hidden="true" class="icon" />{locating ? t('locating') : t('useMyLocation')}
        </button>
        <label class="inline-select" for={`${id}-place`}>
          <span id={`${id}-place-label`}>{t('jumpToCity')}</span>
        </label>
        <input id={`${id}-place`} type="search" class="text-input place-search" value={query} autocomplete="off" placeholder={t('jumpToCityHint')}
          aria-describedby={`${id}-place-status`} onInput={(e) => setQuery(e.currentTarget.value)} />
      </div>
      {query.trim() && (
        <PlaceResults query={query} locale={locale} statusId={`${id}-place-status`} labelledBy={`${id}-place-label`} onPick={(p, places) => {
          map.current?.view([p.lng, p.lat], p.level === 'city' ? 11 : 12);
          announce(t('mapMovedTo', { place: places.name(p, locale) }));
          setQuery('');
        }} />
      )}
      {failed ? (
        <p class="note note-warn">{t('mapFailed')}</p>
      ) : (
        <div id={id} ref={el} class="pin-map" role="region" aria-label={t('mapLabel')} lang={locale} />
      )}
    </div>
  );
}
