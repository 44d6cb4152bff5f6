/**
 * The map, loaded after the list (its own chunk). One effect creates the Leaflet map and its
 * cleanup removes it; other effects push the position, the viewport's places and the selection.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api, BBox, LngLat, TileConfig, ViewCollection } from '../lib/api';
import type { Covered, MapController, MapOptions } from '../lib/map/create-map';
import type { PlaceKind } from '../lib/map/place-layer';
import type { RouteShape } from '../lib/map/route-layer';
import type { Filters } from '../lib/prefs';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n';
import type { PinState } from '../lib/map/markers';
import { useNow } from '../hooks/use-now';
import { CHINA_VIEW } from '../../data/country-view';
import { useOfflineValue } from '../lib/offline-status';
import { keepViewedTiles, onFirstControl } from '../lib/sw-bridge';
import { showMap } from '../lib/first-view';
import { numberFormat } from '../lib/intl';
import { POINT_ZOOM } from '../../data/geo/point-zoom';

/** The closest a fit zooms in. */
const FIT_MAX_ZOOM = 16;
/** The least zoom a place shown without the user's position is shown at. */
const FOCUS_ZOOM = 16;
/** The least zoom the user's position is shown at. */
const USER_ZOOM = 14;

const PIN_STATE: Record<PinState, MessageKey> = { open: 'pinOpen', closed: 'pinClosed', unknown: 'pinUnknown', paused: 'pinPaused' };

interface Props {
  api: Api;
  tiles: TileConfig | null;
  /** the map is not made yet while this holds (its first view, a place being opened, is not known yet) */
  wait: boolean;
  /** WGS-84 position the lists are computed from */
  pos: LngLat | null;
  /** the place to show (opened in the detail sheet) */
  focus: { kind: PlaceKind; id: string; at: LngLat } | null;
  filters: Filters;
  /**
   * WGS-84 positions to show together (the user and the first answers, or the user and the open
   * place); refitted when `key` changes. An `auto` fit (an answer arriving) is skipped when the user
   * has moved the map since the position, the filters or the last fit changed: their view wins.
   * `pins`: the stations of the answer shown, pins of a map made with this fit (at POINT_ZOOM or
   * closer) until the view's answer arrives.
   */
  fit: { key: string; points: LngLat[]; auto?: boolean; pins?: () => ViewCollection } | null;
  /** a route and its stops; the map fits a new route's line */
  route: RouteShape | null;
  /** px of the map hidden by the sheet */
  covered(): Covered;
  onPick(kind: PlaceKind, id: string): void;
  onTap(at: LngLat): void;
}

/**
 * Resolves in a task after the next paint. (Not when the main thread is idle: on a slow phone that
 * waited up to half a second each time, and the work is no shorter later.)
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Where a map made now starts: where the first effects would move it at once (the fit around the
 * user and the first answers, the user, a shared place without a position), else the whole country;
 * `made` says which fit or place that is, for those effects to leave alone.
 */
function firstView(fit: Props['fit'], pos: LngLat | null, focus: Props['focus'], covered: Covered): { view: MapOptions['view']; made: Made } {
  if (fit && fit.points.length > 0) return { view: { fit: fit.points, covered, maxZoom: FIT_MAX_ZOOM }, made: { fit: fit.key, focus: null } };
  const none = { fit: null, focus: null };
  if (pos) return { view: { center: pos, zoom: USER_ZOOM, covered }, made: none };
  if (focus) return { view: { center: focus.at, zoom: FOCUS_ZOOM, covered }, made: { fit: null, focus: focus.id } };
  return { view: { center: [CHINA_VIEW.lng, CHINA_VIEW.lat], zoom: CHINA_VIEW.zoom, covered: { left: 0, bottom: 0 } }, made: none };
}

/** The fit (its key) or the shown place (its id) a map was made at. */
interface Made {
  fit: string | null;
  focus: string | null;
}

export function MapView({ api, tiles, wait, pos, focus, fit, filters, route, covered, onPick, onTap }: Props) {
  const { t, locale } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const [ctl, setCtl] = useState<MapController | null>(null);
  const [view, setView] = useState<{ bbox: BBox; zoom: number } | null>(null);
  const online = useOfflineValue((s) => s.online), ready = useOfflineValue((s) => s.ready);
  // pins show the state now: asked again each minute
  const minute = Math.floor(useNow().getTime() / 60_000);
  const handlers = useRef({ onPick, onTap, t, locale });
  handlers.current = { onPick, onTap, t, locale };
  const latest = useRef({ pos, fit, focus, covered });
  latest.current = { pos, fit, focus, covered };
  // the map was just made, with which fit or shown place (its first view): the first effects need not move it there again
  const made = useRef<Made | null>(null);

  // only a map not made yet waits: one already made moves to the place instead
  const waiting = wait && ctl === null;
  useEffect(() => {
    if (!tiles || !el.current || waiting) return;
    let live = true;
    let map: MapController | null = null;
    // index.html preloads the map chunk; evaluate it once the list has painted, then build the
    // map in a task of its own, so neither delays the first answer. It starts where the first
    // effects would move it (the user and the first answers): tiles are asked for once, for that view.
    void (async () => {
      await afterPaint();
      // Leaflet is evaluated in a task of its own, then the app's map code: on a slow phone two
      // shorter tasks, not one that holds a tap
      await import('../lib/map/leaflet');
      await new Promise((resolve) => setTimeout(resolve, 0));
      const { createMap } = await import('../lib/map/create-map');
      await afterPaint();
      if (!live || !el.current) return;
      const { pos: at, fit: first, focus: shown, covered: hidden } = latest.current;
      const { view, made: madeAt } = firstView(first, at, shown, hidden());
      made.current = madeAt;
      const fitted = madeAt.fit !== null ? first : null;
      map = createMap(el.current, {
        tiles,
        view,
        labels: {
          cluster: (n) => handlers.current.t('clusterLabel', { n }),
          pinState: (s) => handlers.current.t(PIN_STATE[s]),
          // under 1,000 compact notation is the plain number: no ICU number data loaded for the first clusters
          count: (n) => (n < 1000 ? String(n) : numberFormat(handlers.current.locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n)),
          user: t('locGps'),
          zoomIn: t('mapZoomIn'),
          zoomOut: t('mapZoomOut'),
        },
        locale,
        onView: (bbox, zoom) => setView({ bbox, zoom }),
        onPick: (k, id) => handlers.current.onPick(k, id),
        onTap: (at) => handlers.current.onTap(at),
      });
      // the list's answer is on the map at once (and stays when the view's own answer is late or fails);
      // not below the zoom the view's answer lists stations at: there they may come as clusters
      if (fitted?.pins && map.zoom() >= POINT_ZOOM) map.setPlaces('stations', fitted.pins());
      setCtl(map);
    })();
    return () => {
      live = false;
      map?.destroy();
      setCtl(null);
    };
  }, [tiles, waiting]);

  useEffect(() => ctl?.setOffline(!online), [ctl, online]);
  useEffect(() => (ctl ? onFirstControl(() => keepViewedTiles(ctl.tileUrls())) : undefined), [ctl]);

  // the user's own hand on the map: a drag, a pinch, a wheel, a zoom button, a key that pans or zooms
  const moved = useRef(false);
  const touched = () => void (moved.current = true);
  const keyed = (e: KeyboardEvent) => /^(Arrow|[-+=_])/.test(e.key) && touched();

  useEffect(() => {
    moved.current = false;
    ctl?.setUser(pos);
    // a map just made shows the position already (centred, or in the fit the effect below keeps)
    if (ctl && pos && !made.current) ctl.focus(pos, Math.max(ctl.zoom(), USER_ZOOM), covered());
  }, [ctl, pos?.[0], pos?.[1]]);

  const filterKey = `${filters.openNow}|${filters.only24h}|${filters.amenities.join()}|${filters.types.join()}|${filters.notices.join()}|${filters.merchants}`;
  // new filters, or a route shown or closed (its fit, then back to the list's): the next fit is theirs
  useEffect(() => void (moved.current = false), [filterKey, route === null]);

  useEffect(() => {
    if (!ctl) return;
    const madeSo = made.current !== null && fit?.key === made.current.fit;
    if (!fit || madeSo || (fit.auto && moved.current)) return;
    ctl.fit(fit.points, covered(), FIT_MAX_ZOOM);
    moved.current = false;
  }, [ctl, fit?.key]);

  useEffect(() => {
    if (!ctl) return;
    ctl.select(focus?.kind ?? null, focus?.id ?? null);
    // with a position, `fit` shows the place and the user together
    if (focus && !pos && made.current?.focus !== focus.id) ctl.focus(focus.at, Math.max(ctl.zoom(), FOCUS_ZOOM), covered());
  }, [ctl, focus?.kind, focus?.id]);
  // declared after the effects that read it: the map's first view has been kept by them all
  useEffect(() => void (made.current = null), [ctl]);

  const fitted = useRef<LngLat[] | null>(null);
  useEffect(() => {
    if (!ctl) return;
    const fresh = !route?.drawing && route?.line !== fitted.current;
    fitted.current = route?.line ?? null;
    ctl.setRoute(route, fresh ? covered() : null);
  }, [ctl, route]);

  const showingRoute = route !== null && !route.drawing;
  useEffect(() => {
    if (!ctl || !view) return;
    // route mode shows the route's numbered stops, not every cluster of the country on top of them
    if (showingRoute) {
      ctl.setPlaces('stations', null);
      ctl.setPlaces('merchants', null);
      return;
    }
    const ctrl = new AbortController();
    // the list's filters, open now included (points carry their state; closed ones are left out)
    const f = { open: filters.only24h ? ('24h' as const) : filters.openNow ? ('now' as const) : undefined, amenities: filters.amenities, types: filters.types, notices: filters.notices };
    // the first places shown (or failed: the offline copy may be all there is) let the copy start
    api.inView('stations', view.bbox, view.zoom, f, ctrl.signal).then((a) => (ctl.setPlaces('stations', a.data), showMap()), () => ctrl.signal.aborted || showMap());
    if (filters.merchants) api.inView('merchants', view.bbox, view.zoom, {}, ctrl.signal).then((a) => ctl.setPlaces('merchants', a.data), () => {});
    else ctl.setPlaces('merchants', null);
    return () => ctrl.abort();
  }, [ctl, view, filterKey, ready, minute, showingRoute]);

  return <div ref={el} class="map" role="region" aria-label={t('mapLabel')} onPointerDown={touched} onWheel={touched} onKeyDown={keyed} />;
}
