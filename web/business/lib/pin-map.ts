/**
 * A small Leaflet map with one draggable pin, to set where a shop or station is. Tiles and their
 * coordinate system come from GET /api/config (markers are drawn in the tiles' system, positions
 * leave in WGS-84, as in the PWA's map glue). Tap the map to move the pin there, drag it, or
 * focus it and use the arrow keys. Loaded as its own chunk: Leaflet only arrives on form screens.
 */
import * as L from '../../lib/map/leaflet';
import 'leaflet/dist/leaflet.css';
import type { LngLat } from '../../lib/api';
import { attributionHtml } from '../../lib/map/attribution';
import { fromDisplay, toDisplay } from '../../lib/map/display';
import { pointIcon } from '../../lib/map/markers';
import type { TileConfig } from './api';

export interface PinMapOptions {
  tiles: TileConfig;
  /** WGS-84, or null when no position is set yet */
  pin: LngLat | null;
  /** where to look when there is no pin (WGS-84) and how close */
  center: LngLat;
  zoom: number;
  labels: { pin: string; zoomIn: string; zoomOut: string };
  /** the pin moved (WGS-84) */
  onMove(at: LngLat): void;
}

export interface PinMap {
  /** moves the pin (null removes it); `look` also centres the map on it */
  setPin(at: LngLat | null, look?: boolean): void;
  view(at: LngLat, zoom: number): void;
  destroy(): void;
}

const PIN_ZOOM = 16; // zoom when looking at a pin
const KEY_STEP_PX = 8; // how far one arrow key press moves the pin, in screen pixels
const ARROWS: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

/** Creates the map in `el`. */
export function createPinMap(el: HTMLElement, o: PinMapOptions): PinMap {
  const crs = o.tiles.crs;
  const ll = (p: LngLat) => {
    const [lng, lat] = toDisplay(p, crs);
    return L.latLng(lat, lng);
  };
  const wgs = (p: L.LatLng): LngLat => fromDisplay([p.lng, p.lat], crs);
  const map = L.map(el, { zoomControl: false, attributionControl: false, maxZoom: o.tiles.maxZoom, minZoom: 3 });
  L.control.zoom({ position: 'topright', zoomInTitle: o.labels.zoomIn, zoomOutTitle: o.labels.zoomOut }).addTo(map);
  L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
  L.tileLayer(o.tiles.url, {
    maxZoom: o.tiles.maxZoom,
    attribution: attributionHtml(o.tiles.attribution),
    ...(o.tiles.subdomains ? { subdomains: o.tiles.subdomains } : {}),
  }).addTo(map);
  map.setView(o.pin ? ll(o.pin) : ll(o.center), o.pin ? PIN_ZOOM : o.zoom);

  let marker: L.Marker | null = null;
  const place = (at: L.LatLng) => {
    if (marker) return void marker.setLatLng(at);
    marker = L.marker(at, { icon: pointIcon(o.labels.pin, 'merchants', true), draggable: true, keyboard: true, autoPan: true }).addTo(map);
    marker.on('dragend', () => o.onMove(wgs(marker!.getLatLng())));
    const icon = marker.getElement();
    icon?.setAttribute('aria-label', o.labels.pin);
    icon?.addEventListener('keydown', (e) => {
      const step = ARROWS[e.key];
      if (!step || !marker) return;
      e.preventDefault();
      e.stopPropagation();
      const p = map.latLngToContainerPoint(marker.getLatLng()).add([step[0] * KEY_STEP_PX, step[1] * KEY_STEP_PX]);
      const next = map.containerPointToLatLng(p);
      marker.setLatLng(next);
      o.onMove(wgs(next));
    });
  };
  if (o.pin) place(ll(o.pin));
  map.on('click', (e: L.LeafletMouseEvent) => {
    place(e.latlng);
    o.onMove(wgs(e.latlng));
  });

  return {
    setPin(at, look) {
      if (!at) {
        marker?.remove();
        marker = null;
        return;
      }
      place(ll(at));
      if (look) map.setView(ll(at), Math.max(map.getZoom(), PIN_ZOOM));
    },
    view: (at, zoom) => map.setView(ll(at), zoom),
    destroy: () => map.remove(),
  };
}
