/**
 * Hand-off links to navigation apps. Positions are stored in WGS-84; each app gets the system it
 * reads: Amap GCJ-02 (`coordinate=gaode`), Baidu BD-09 (`coord_type=bd09ll`), Apple/Google Maps
 * and `geo:` (RFC 5870) WGS-84 — those apps shift into GCJ-02 themselves inside China.
 */
import { fromWgs84 } from '../../data/crs';

export interface NavTarget {
  /** WGS-84 degrees */
  lng: number;
  lat: number;
  name: string;
  address?: string;
}

export type NavApp = 'amap' | 'baidu' | 'apple' | 'google' | 'geo';

export interface NavLink {
  app: NavApp;
  href: string;
}

/** Six decimals (~0.1 m): enough for a door, short enough for a URL. */
const fixed = (n: number) => n.toFixed(6);
const enc = encodeURIComponent;

/** Amap marker: uri.amap.com opens the Amap app when installed, else Amap's web page. */
export function amapLink(t: NavTarget): string {
  const [lng, lat] = fromWgs84([t.lng, t.lat], 'gcj02');
  return `https://uri.amap.com/marker?position=${fixed(lng)},${fixed(lat)}&name=${enc(t.name)}&src=yizhan&coordinate=gaode&callnative=1`;
}

/** Baidu Maps marker in BD-09 (Baidu's own system), declared with coord_type. */
export function baiduLink(t: NavTarget): string {
  const [lng, lat] = fromWgs84([t.lng, t.lat], 'bd09');
  const content = t.address ? `&content=${enc(t.address)}` : '';
  return `https://api.map.baidu.com/marker?location=${fixed(lat)},${fixed(lng)}&title=${enc(t.name)}${content}&coord_type=bd09ll&output=html&src=webapp.yizhan.pwa`;
}

/** Apple Maps: WGS-84 `ll` with the name as the pin's label. */
export function appleLink(t: NavTarget): string {
  return `https://maps.apple.com/?ll=${fixed(t.lat)},${fixed(t.lng)}&q=${enc(t.name)}`;
}

/** Google Maps search URL (api=1) at a WGS-84 position. */
export function googleLink(t: NavTarget): string {
  return `https://www.google.com/maps/search/?api=1&query=${fixed(t.lat)},${fixed(t.lng)}`;
}

/** geo: URI (RFC 5870, WGS-84) — Android offers every installed map app for it. */
export function geoLink(t: NavTarget): string {
  const ll = `${fixed(t.lat)},${fixed(t.lng)}`;
  return `geo:${ll}?q=${ll}(${enc(t.name)})`;
}

/** Every hand-off link for a place, in the order riders in China most often use them. */
export function navLinks(t: NavTarget): NavLink[] {
  return [
    { app: 'amap', href: amapLink(t) },
    { app: 'baidu', href: baiduLink(t) },
    { app: 'apple', href: appleLink(t) },
    { app: 'google', href: googleLink(t) },
    { app: 'geo', href: geoLink(t) },
  ];
}
