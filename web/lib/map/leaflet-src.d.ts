// Leaflet's ES sources (leaflet/src, what its bundle is built from) have no types of their own: the
// modules leaflet.ts takes values from are typed as the bundle's (@types/leaflet).
declare module 'leaflet/src/map/Map.js' {
  export { map as createMap } from 'leaflet';
}
declare module 'leaflet/src/geo/LatLng.js' {
  export { latLng as toLatLng } from 'leaflet';
}
declare module 'leaflet/src/geo/LatLngBounds.js' {
  export { latLngBounds as toLatLngBounds } from 'leaflet';
}
declare module 'leaflet/src/layer/LayerGroup.js' {
  export { layerGroup } from 'leaflet';
}
declare module 'leaflet/src/layer/marker/Marker.js' {
  export { marker } from 'leaflet';
}
declare module 'leaflet/src/layer/marker/DivIcon.js' {
  export { divIcon } from 'leaflet';
}
declare module 'leaflet/src/layer/tile/TileLayer.js' {
  export { tileLayer } from 'leaflet';
}
declare module 'leaflet/src/layer/vector/Polyline.js' {
  export { polyline } from 'leaflet';
}
declare module 'leaflet/src/layer/vector/CircleMarker.js' {
  export { circleMarker } from 'leaflet';
}
declare module 'leaflet/src/control/Control.Zoom.js' {
  import type { control } from 'leaflet';
  export const zoom: typeof control.zoom;
}
declare module 'leaflet/src/control/Control.Attribution.js' {
  import type { control } from 'leaflet';
  export const attribution: typeof control.attribution;
}
