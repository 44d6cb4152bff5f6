/**
 * One kind of place (stations or merchants) on the map: server clusters and single points for the
 * current view, replaced as the view moves. Never more markers than the server sent for the view.
 */
import * as L from './leaflet';
import type { Crs } from '../../../data/catalog';
import type { LngLat, ViewCollection, ViewFeature } from '../api';
import { toDisplay } from './display';
import { clusterIcon, pinState, pointIcon, type PinState } from './markers';

export type PlaceKind = 'stations' | 'merchants';

export interface PlaceLayerOptions {
  kind: PlaceKind;
  crs: Crs;
  clusterLabel(count: number): string;
  /** a count as the cluster badge shows it ("1.2万", "12K") */
  count(n: number): string;
  /** words for a pin's state ("已关门"), in its tooltip */
  stateLabel(s: PinState): string;
  /** a single place was tapped */
  onPick(id: string): void;
  /** a cluster was tapped: zoom towards it (WGS-84 position, suggested zoom if the server sent one) */
  onCluster(at: LngLat, zoom?: number): void;
}

export interface PlaceLayer {
  readonly layer: L.LayerGroup;
  set(fc: ViewCollection): void;
  select(id: string | null): void;
}


/** Creates the layer; add `layer` to the map. */
export function createPlaceLayer(o: PlaceLayerOptions): PlaceLayer {
  const layer = L.layerGroup();
  let markers = new Map<string, { marker: L.Marker; f: ViewFeature }>();
  let selected: string | null = null;

  const icon = (f: ViewFeature, sel: boolean) => {
    const state = pinState(f.properties);
    return pointIcon(String(f.properties.name ?? ''), o.kind, sel, state, o.stateLabel(state));
  };
  // a point's state is part of its key: a station that closes gets a new pin
  const keyOf = (f: ViewFeature) =>
    f.properties.cluster ? `c${String(f.properties.cluster_id)}:${f.geometry.coordinates.join(',')}` : `p${String(f.properties.id)}|${pinState(f.properties)}`;

  function build(f: ViewFeature): L.Marker {
    const [lng, lat] = toDisplay(f.geometry.coordinates, o.crs);
    const p = f.properties;
    if (p.cluster) {
      const n = Number(p.point_count ?? 0);
      const m = L.marker([lat, lng], { icon: clusterIcon(n, o.count(n), o.clusterLabel(n), o.kind), keyboard: false });
      const zoom = typeof p.expansion_zoom === 'number' ? p.expansion_zoom : undefined;
      m.on('click', () => o.onCluster(f.geometry.coordinates, zoom));
      return m;
    }
    const id = String(p.id);
    const name = String(p.name ?? '');
    const m = L.marker([lat, lng], { icon: icon(f, id === selected), keyboard: false, riseOnHover: true });
    if (id === selected) m.setZIndexOffset(1000);
    m.on('click', () => o.onPick(id));
    return m;
  }

  return {
    layer,
    set(fc) {
      const next = new Map<string, { marker: L.Marker; f: ViewFeature }>();
      for (const f of fc.features) {
        const key = keyOf(f);
        const old = markers.get(key);
        next.set(key, old ?? { marker: build(f), f });
      }
      for (const [key, m] of markers) if (!next.has(key)) layer.removeLayer(m.marker);
      for (const [key, m] of next) if (!markers.has(key)) layer.addLayer(m.marker);
      markers = next;
    },
    select(id) {
      const before = selected;
      selected = id;
      for (const m of markers.values()) {
        const pid = m.f.properties.cluster ? null : String(m.f.properties.id);
        if (pid === null || (pid !== before && pid !== id)) continue;
        m.marker.setIcon(icon(m.f, pid === id));
        m.marker.setZIndexOffset(pid === id ? 1000 : 0);
      }
    },
  };
}
