/**
 * Leaflet, the parts the maps use, from the ES sources its package ships (the same code as its
 * bundle): the map with its handlers, tiles, markers, layer groups, polylines and circle markers,
 * the zoom and attribution controls. Not GeoJSON, popups, tooltips, overlays, feature groups,
 * polygons, circles, the layer switcher or the scale: a quarter fewer bytes than the bundle, and its
 * evaluation about 60 % shorter on the first screen (import this, not 'leaflet'). The types are the
 * bundle's (leaflet-src.d.ts), so the methods those parts add (bindPopup, bindTooltip, toGeoJSON…)
 * type-check but do not exist here: to use one, import its module here first.
 */
import 'leaflet/src/map/handler/Map.BoxZoom.js';
import 'leaflet/src/map/handler/Map.DoubleClickZoom.js';
import 'leaflet/src/map/handler/Map.Drag.js';
import 'leaflet/src/map/handler/Map.Keyboard.js';
import 'leaflet/src/map/handler/Map.ScrollWheelZoom.js';
import 'leaflet/src/map/handler/Map.TapHold.js';
import 'leaflet/src/map/handler/Map.TouchZoom.js';
import 'leaflet/src/layer/vector/Renderer.getRenderer.js';
import { attribution } from 'leaflet/src/control/Control.Attribution.js';
import { zoom } from 'leaflet/src/control/Control.Zoom.js';

export type { DivIcon, LatLng, LatLngBounds, LayerGroup, LeafletMouseEvent, Map, Marker } from 'leaflet';
export { createMap as map } from 'leaflet/src/map/Map.js';
export { toLatLng as latLng } from 'leaflet/src/geo/LatLng.js';
export { toLatLngBounds as latLngBounds } from 'leaflet/src/geo/LatLngBounds.js';
export { layerGroup } from 'leaflet/src/layer/LayerGroup.js';
export { marker } from 'leaflet/src/layer/marker/Marker.js';
export { divIcon } from 'leaflet/src/layer/marker/DivIcon.js';
export { tileLayer } from 'leaflet/src/layer/tile/TileLayer.js';
export { polyline } from 'leaflet/src/layer/vector/Polyline.js';
export { circleMarker } from 'leaflet/src/layer/vector/CircleMarker.js';
export const control = { zoom, attribution };
