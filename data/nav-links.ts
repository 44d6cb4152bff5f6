/**
 * Hand-off links to navigation apps: a driving route to a place, in the app the rider picks.
 * Positions are stored in WGS-84; each app gets the system it reads: Amap and Tencent GCJ-02,
 * Baidu BD-09 (`coord_type=bd09ll`), Apple/Google Maps and `geo:` (RFC 5870) WGS-84 — those apps
 * shift into GCJ-02 themselves inside China. The web forms are used (not `amapuri://`,
 * `baidumap://`, `qqmap://`): they open the app when it is installed and a web map when not,
 * where an app scheme would do nothing at all.
 */
import { fromWgs84 } from './crs';

export interface NavTarget {
  /** WGS-84 degrees */
  lng: number;
  lat: number;
  name: string;
  address?: string;
}

/** Where the route starts, WGS-84 degrees; the apps that can start from "my location" ignore it. */
export interface NavFrom {
  lng: number;
  lat: number;
}

export type NavApp = 'amap' | 'baidu' | 'tencent' | 'apple' | 'google' | 'geo';
export type NavPlatform = 'android' | 'ios' | 'other';

export interface NavLink {
  app: NavApp;
  href: string;
}

const defaults = {
  src: 'yizhan', // caller name Amap and Tencent (referer) ask for
  baiduSrc: 'webapp.yizhan.pwa', // Baidu's webapp.<company>.<app> form
};

/** Six decimals (~0.1 m): enough for a door, short enough for a URL. */
const fixed = (n: number) => n.toFixed(6);
const enc = encodeURIComponent;

/** Amap route (uri.amap.com opens the Amap app when installed, else Amap's web page); GCJ-02 `lng,lat,name`. */
export function amapLink(t: NavTarget): string {
  const [lng, lat] = fromWgs84([t.lng, t.lat], 'gcj02');
  // a comma would end the name early: `to` is comma-separated
  const to = `${fixed(lng)},${fixed(lat)},${t.name.replace(/,/g, '，')}`;
  return `https://uri.amap.com/navigation?to=${enc(to)}&mode=car&policy=0&src=${defaults.src}&coordinate=gaode&callnative=1`;
}

/**
 * Baidu route in BD-09 (declared with coord_type). Baidu's web route needs a start: without one
 * the place is shown as a marker instead.
 */
export function baiduLink(t: NavTarget, from?: NavFrom): string {
  const [lng, lat] = fromWgs84([t.lng, t.lat], 'bd09');
  const name = t.name.replace(/\|/g, '｜'); // "|" separates the parts of a Baidu place
  if (!from) {
    const content = t.address ? `&content=${enc(t.address)}` : '';
    return `https://api.map.baidu.com/marker?location=${fixed(lat)},${fixed(lng)}&title=${enc(name)}${content}&coord_type=bd09ll&output=html&src=${defaults.baiduSrc}`;
  }
  const [fLng, fLat] = fromWgs84([from.lng, from.lat], 'bd09');
  const origin = `latlng:${fixed(fLat)},${fixed(fLng)}`;
  const destination = `latlng:${fixed(lat)},${fixed(lng)}|name:${name}`;
  return `https://api.map.baidu.com/direction?origin=${enc(origin)}&destination=${enc(destination)}&mode=driving&coord_type=bd09ll&output=html&src=${defaults.baiduSrc}`;
}

/** Tencent Maps route to a GCJ-02 `lat,lng` (coord_type=2); with no start it begins at the phone's position. */
export function tencentLink(t: NavTarget): string {
  const [lng, lat] = fromWgs84([t.lng, t.lat], 'gcj02');
  return `https://apis.map.qq.com/uri/v1/routeplan?type=drive&to=${enc(t.name)}&tocoord=${fixed(lat)},${fixed(lng)}&coord_type=2&policy=0&referer=${defaults.src}`;
}

/** Apple Maps driving directions from the current location to a WGS-84 `daddr`. */
export function appleLink(t: NavTarget): string {
  return `https://maps.apple.com/?daddr=${fixed(t.lat)},${fixed(t.lng)}&dirflg=d`;
}

/** Google Maps directions URL (api=1) to a WGS-84 position. */
export function googleLink(t: NavTarget): string {
  return `https://www.google.com/maps/dir/?api=1&destination=${fixed(t.lat)},${fixed(t.lng)}&travelmode=driving`;
}

/** geo: URI (RFC 5870, WGS-84) — Android offers every installed map app for it. */
export function geoLink(t: NavTarget): string {
  const ll = `${fixed(t.lat)},${fixed(t.lng)}`;
  return `geo:${ll}?q=${ll}(${enc(t.name)})`;
}

/** Which apps a platform is offered, most used in China first: no Apple Maps off iOS, `geo:` only where Android answers it. */
const ORDER: Record<NavPlatform, NavApp[]> = {
  android: ['amap', 'baidu', 'tencent', 'geo', 'google'],
  ios: ['amap', 'baidu', 'tencent', 'apple', 'google'],
  other: ['amap', 'baidu', 'tencent', 'apple', 'google', 'geo'],
};

/** The platform from a user agent (iPadOS says "Macintosh"; a touch screen tells it apart). */
export function navPlatform(userAgent: string, maxTouchPoints = 0): NavPlatform {
  if (/Android/i.test(userAgent)) return 'android';
  if (/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1)) return 'ios';
  return 'other';
}

/** The hand-off links for a place on a platform, in the order riders there use the apps. */
export function navLinks(t: NavTarget, platform: NavPlatform = 'other', from?: NavFrom): NavLink[] {
  const href: Record<NavApp, () => string> = {
    amap: () => amapLink(t),
    baidu: () => baiduLink(t, from),
    tencent: () => tencentLink(t),
    apple: () => appleLink(t),
    google: () => googleLink(t),
    geo: () => geoLink(t),
  };
  return ORDER[platform].map((app) => ({ app, href: href[app]() }));
}
