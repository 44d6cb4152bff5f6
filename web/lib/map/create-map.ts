/**
 * The Leaflet map behind the sheet: tiles from the runtime config, the user's position, and one
 * place layer per kind. Loaded as its own chunk so the list can show before Leaflet arrives.
 * `createMap` is called by one effect and `destroy` by its cleanup (Leaflet's onAdd/onRemove).
 */
import * as L from './leaflet';
import type { BBox, LngLat, TileConfig, ViewCollection } from '../api';
import { displayBoundsToBbox, fromDisplay, toDisplay } from './display';
import { userIcon } from './markers';
import { createPlaceLayer, type PlaceKind, type PlaceLayer } from './place-layer';
import type { PinState } from './markers';
import { attributionHtml } from './attribution';
import { createOfflineLayer } from './offline-layer';
import { createRouteLayer, type RouteShape } from './route-layer';

export interface MapOptions {
  tiles: TileConfig;
  /**
   * The first view: a WGS-84 position at a zoom (in the part of the map the sheet leaves visible, as
   * `focus` shows it), or positions (at least one) to show together, as `fit` shows them.
   */
  view: { center: LngLat; zoom: number; covered: Covered } | { fit: LngLat[]; covered: Covered; maxZoom: number };
  labels: { cluster(count: number): string; count(n: number): string; pinState(s: PinState): string; user: string; zoomIn: string; zoomOut: string };
  /** language of the city names shown when there are no tiles */
  locale: string;
  /** the view settled: its WGS-84 bbox and zoom */
  onView(bbox: BBox, zoom: number): void;
  onPick(kind: PlaceKind, id: string): void;
  /** a tap on the map itself (not a marker), in WGS-84 */
  onTap(at: LngLat): void;
}

/** Pixels of the map hidden by the sheet: at the left (side panel) and at the bottom (bottom sheet). */
export interface Covered {
  left: number;
  bottom: number;
}

export interface MapController {
  setPlaces(kind: PlaceKind, fc: ViewCollection | null): void;
  select(kind: PlaceKind | null, id: string | null): void;
  setUser(at: LngLat | null): void;
  /** Centres a WGS-84 position in the part of the map the sheet leaves visible. */
  focus(at: LngLat, zoom: number | undefined, covered: Covered): void;
  /** Shows all these WGS-84 positions in the visible part of the map. */
  fit(points: LngLat[], covered: Covered, maxZoom: number): void;
  /** Shows a route with its stops (null: none); with `fitTo`, fits the visible part of the map to it. */
  setRoute(route: RouteShape | null, fitTo: Covered | null): void;
  /** The current zoom level. */
  zoom(): number;
  /** Offline: without tiles for the view, a neutral background with city names (and the stations). */
  setOffline(offline: boolean): void;
  /** URLs of the tiles on screen, loaded or still loading. */
  tileUrls(): string[];
  resize(): void;
  destroy(): void;
}

/** Creates the map in `el`. */
export function createMap(el: HTMLElement, o: MapOptions): MapController {
  const crs = o.tiles.crs;
  const ll = (p: LngLat) => {
    const [lng, lat] = toDisplay(p, crs);
    return L.latLng(lat, lng);
  };
  const map = L.map(el, { zoomControl: false, attributionControl: false, maxZoom: o.tiles.maxZoom, minZoom: 3, worldCopyJump: true });
  const tiles = L.tileLayer(o.tiles.url, {
    maxZoom: o.tiles.maxZoom,
    // a source with fewer zooms (an MBTiles file) is scaled up beyond its last, and asked for nothing outside its area
    ...(o.tiles.maxNativeZoom !== undefined && { maxNativeZoom: o.tiles.maxNativeZoom }),
    // and below its first zoom its first zoom's tiles are scaled down: never a request for tiles it lacks (404s)
    ...(o.tiles.minZoom !== undefined && { minNativeZoom: o.tiles.minZoom }),
    ...(o.tiles.bounds && { bounds: L.latLngBounds(ll([o.tiles.bounds[0], o.tiles.bounds[1]]), ll([o.tiles.bounds[2], o.tiles.bounds[3]])) }),
    crossOrigin: true, // cached tiles stay readable, counted at their real size (an opaque one counts as megabytes)
    attribution: attributionHtml(o.tiles.attribution),
    ...(o.tiles.subdomains ? { subdomains: o.tiles.subdomains } : {}),
  });
  // the tiles are laid out in a task of their own, with the controls (the attribution comes with
  // them): on a slow phone making the map and its first tiles are two shorter tasks, not one that
  // holds a tap for ~100 ms
  const addTiles = setTimeout(() => {
    L.control.zoom({ position: 'topright', zoomInTitle: o.labels.zoomIn, zoomOutTitle: o.labels.zoomOut }).addTo(map);
    L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
    tiles.addTo(map);
  }, 0);
  const fit = (points: LngLat[], covered: Covered, maxZoom: number) =>
    map.fitBounds(L.latLngBounds(points.map(ll)), {
      paddingTopLeft: [covered.left + 24, 80],
      paddingBottomRight: [24, covered.bottom + 24],
      maxZoom,
    });
  const focus = (at: LngLat, z: number, covered: Covered) => {
    const p = map.project(ll(at), z).add([-covered.left / 2, covered.bottom / 2]);
    map.setView(map.unproject(p, z), z);
  };
  if ('fit' in o.view) fit(o.view.fit, o.view.covered, o.view.maxZoom);
  else focus(o.view.center, o.view.zoom, o.view.covered);

  // Without tiles (offline and not cached, or the tile server failing) the city names show.
  const cities = createOfflineLayer(crs, o.locale);
  let offline = false;
  let failing = 0; // tiles failed since one last loaded
  const fallback = () => {
    const on = offline || failing >= 2;
    el.classList.toggle('is-offline', on);
    if (on && !map.hasLayer(cities.layer)) cities.layer.addTo(map);
    if (!on) cities.layer.remove();
    if (on) cities.update(map.getZoom());
  };
  tiles.on('tileerror', () => (failing++, fallback()));
  tiles.on('tileload', () => failing && ((failing = 0), fallback()));
  map.on('zoomend', () => map.hasLayer(cities.layer) && cities.update(map.getZoom()));

  const layers: Record<PlaceKind, PlaceLayer> = {
    stations: makeLayer('stations'),
    merchants: makeLayer('merchants'),
  };
  function makeLayer(kind: PlaceKind): PlaceLayer {
    const pl = createPlaceLayer({
      kind,
      crs,
      clusterLabel: o.labels.cluster,
      count: o.labels.count,
      stateLabel: o.labels.pinState,
      onPick: (id) => o.onPick(kind, id),
      onCluster: (at, zoom) => map.setView(ll(at), Math.min(zoom ?? map.getZoom() + 2, o.tiles.maxZoom)),
    });
    pl.layer.addTo(map);
    return pl;
  }

  const route = createRouteLayer(crs, (kind, id) => o.onPick(kind, id));
  route.layer.addTo(map);

  let user: L.Marker | null = null;
  const emitView = () => {
    const b = map.getBounds();
    const sw = b.getSouthWest();
    const ne = b.getNorthEast();
    o.onView(displayBoundsToBbox([sw.lng, sw.lat], [ne.lng, ne.lat], crs), map.getZoom());
  };
  map.on('moveend', emitView);
  map.on('click', (e: L.LeafletMouseEvent) => o.onTap(fromDisplay([e.latlng.lng, e.latlng.lat], crs)));
  queueMicrotask(emitView);

  return {
    setPlaces: (kind, fc) => layers[kind].set(fc ?? { type: 'FeatureCollection', features: [] }),
    select(kind, id) {
      layers.stations.select(kind === 'stations' ? id : null);
      layers.merchants.select(kind === 'merchants' ? id : null);
    },
    setUser(at) {
      if (!at) {
        user?.remove();
        user = null;
        return;
      }
      if (user) user.setLatLng(ll(at));
      else user = L.marker(ll(at), { icon: userIcon(o.labels.user), keyboard: false, interactive: false, zIndexOffset: 2000 }).addTo(map);
    },
    focus: (at, zoom, covered) => focus(at, zoom ?? map.getZoom(), covered),
    fit(points, covered, maxZoom) {
      if (points.length > 0) fit(points, covered, maxZoom);
    },
    setRoute(shape, fitTo) {
      const bounds = route.set(shape);
      if (bounds && fitTo) map.fitBounds(bounds, { paddingTopLeft: [fitTo.left + 24, 80], paddingBottomRight: [24, fitTo.bottom + 24], maxZoom: 15 });
    },
    zoom: () => map.getZoom(),
    setOffline(on) {
      offline = on;
      fallback();
    },
    // loading ones too: when the worker takes control before they arrive, they were still asked for without it
    tileUrls: () => Array.from(el.querySelectorAll<HTMLImageElement>('img.leaflet-tile'), (img) => img.src).filter(Boolean),
    resize: () => map.invalidateSize(),
    destroy: () => (clearTimeout(addTiles), map.remove()),
  };
}
