/**
 * A route on the map: its line, numbered stops in route order (the numbers of the corridor list),
 * and, while a route is being drawn by tapping, its waypoints. Stop names go in as text.
 */
import * as L from './leaflet';
import type { Crs } from '../../../data/catalog';
import type { LngLat } from '../api';
import { toDisplay } from './display';
import { stopIcon } from './markers';
import type { PlaceKind } from './place-layer';

export interface RouteStop {
  kind: PlaceKind;
  id: string;
  /** WGS-84 */
  at: LngLat;
  /** 1-based position in the corridor list */
  n: number;
  name: string;
}
export interface RouteShape {
  /** WGS-84 */
  line: LngLat[];
  stops: RouteStop[];
  /** a route still being drawn: its tapped waypoints are marked */
  drawing?: boolean;
}

/** Stops drawn as markers at most (the list holds the rest): a 1,000 km route can pass thousands. */
const MAX_STOP_MARKERS = 300;

export function createRouteLayer(crs: Crs, onPick: (kind: PlaceKind, id: string) => void) {
  const layer = L.layerGroup();
  const ll = (p: LngLat) => {
    const [lng, lat] = toDisplay(p, crs);
    return L.latLng(lat, lng);
  };
  return {
    layer,
    /** Replaces what is shown; returns the route's display bounds (null: nothing to show). */
    set(shape: RouteShape | null): L.LatLngBounds | null {
      layer.clearLayers();
      if (!shape || shape.line.length === 0) return null;
      const line = shape.line.map(ll);
      L.polyline(line, { color: '#ffffff', weight: 9, opacity: 0.9, interactive: false }).addTo(layer);
      L.polyline(line, { color: '#0b57d0', weight: 5, opacity: 0.95, interactive: false, dashArray: shape.drawing ? '8 8' : undefined }).addTo(layer);
      if (shape.drawing) for (const p of line) L.circleMarker(p, { radius: 7, color: '#0b57d0', weight: 3, fillColor: '#fff', fillOpacity: 1, interactive: false }).addTo(layer);
      for (const s of shape.stops.slice(0, MAX_STOP_MARKERS)) {
        L.marker(ll(s.at), { icon: stopIcon(s.n, s.name, s.kind), title: s.name, alt: s.name, zIndexOffset: 1000 })
          .on('click', () => onPick(s.kind, s.id))
          .addTo(layer);
      }
      return L.latLngBounds(line);
    },
  };
}
