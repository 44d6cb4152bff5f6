// Hand-off links: a route to the place in each app's coordinate system — Amap and Tencent GCJ-02,
// Baidu BD-09 (coord_type=bd09ll), Apple/Google/geo: WGS-84 — and the apps in the platform's order.
// Expected values come from gcoord directly, not from data/crs.
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { amapLink, appleLink, baiduLink, geoLink, googleLink, navLinks, navPlatform, tencentLink } from '../../data/nav-links';

const nanjing = { lng: 118.7969, lat: 32.0603, name: '鼓楼区中山路工会驿站', address: '江苏省南京市鼓楼区中山路128号' };
const rider = { lng: 118.78, lat: 32.05 };
const [gcjLng, gcjLat] = gcoord.transform([nanjing.lng, nanjing.lat], gcoord.WGS84, gcoord.GCJ02) as number[];
const [bdLng, bdLat] = gcoord.transform([nanjing.lng, nanjing.lat], gcoord.WGS84, gcoord.BD09) as number[];

const url = (href: string) => new URL(href);
const params = (href: string) => url(href).searchParams;
const pair = (s: string | null | undefined) => (s ?? '').split(',').map(Number);
const where = (href: string) => url(href).origin + url(href).pathname;

describe('navigation links', () => {
  it('Amap routes to GCJ-02 lng,lat,name, declared as gaode, opening the app when installed', () => {
    const href = amapLink(nanjing);
    expect(where(href)).toBe('https://uri.amap.com/navigation');
    const [lng, lat, name] = params(href).get('to')!.split(',');
    expect(Number(lng)).toBeCloseTo(gcjLng, 6);
    expect(Number(lat)).toBeCloseTo(gcjLat, 6);
    // GCJ-02 is shifted by a few hundred metres in China: the link must not carry WGS-84.
    expect(Math.abs(Number(lng) - nanjing.lng) + Math.abs(Number(lat) - nanjing.lat)).toBeGreaterThan(0.002);
    expect(name).toBe(nanjing.name);
    expect(Object.fromEntries(params(href))).toMatchObject({ mode: 'car', coordinate: 'gaode', callnative: '1' });
  });

  it('Baidu routes from the rider to the place in BD-09 (lat,lng) with coord_type=bd09ll', () => {
    const q = params(baiduLink(nanjing, rider));
    expect(where(baiduLink(nanjing, rider))).toBe('https://api.map.baidu.com/direction');
    const [, ll, name] = /^latlng:([^|]+)\|name:(.+)$/.exec(q.get('destination')!)!;
    const [lat, lng] = pair(ll);
    expect(lat).toBeCloseTo(bdLat, 6);
    expect(lng).toBeCloseTo(bdLng, 6);
    expect(name).toBe(nanjing.name);
    const [oLng, oLat] = gcoord.transform([rider.lng, rider.lat], gcoord.WGS84, gcoord.BD09) as number[];
    const [fLat, fLng] = pair(q.get('origin')!.replace(/^latlng:/, ''));
    expect(fLat).toBeCloseTo(oLat, 6);
    expect(fLng).toBeCloseTo(oLng, 6);
    expect(Object.fromEntries(q)).toMatchObject({ mode: 'driving', coord_type: 'bd09ll', output: 'html' });
    expect(q.get('src')).toMatch(/^webapp\./);
  });

  it('Baidu shows a marker when the start is unknown (its web route needs one)', () => {
    const q = params(baiduLink(nanjing));
    const [lat, lng] = pair(q.get('location'));
    expect(lat).toBeCloseTo(bdLat, 6);
    expect(lng).toBeCloseTo(bdLng, 6);
    expect(q.get('coord_type')).toBe('bd09ll');
    expect(q.get('content')).toBe(nanjing.address);
  });

  it('Tencent routes to GCJ-02 lat,lng (coord_type=2, Tencent’s own) by car', () => {
    const href = tencentLink(nanjing);
    expect(where(href)).toBe('https://apis.map.qq.com/uri/v1/routeplan');
    const q = params(href);
    const [lat, lng] = pair(q.get('tocoord'));
    expect(lat).toBeCloseTo(gcjLat, 6);
    expect(lng).toBeCloseTo(gcjLng, 6);
    expect(Object.fromEntries(q)).toMatchObject({ type: 'drive', to: nanjing.name, coord_type: '2' });
    expect(q.get('referer')).toBeTruthy();
  });

  it('Apple, Google and geo: get WGS-84, exactly', () => {
    expect(pair(params(appleLink(nanjing)).get('daddr'))).toEqual([nanjing.lat, nanjing.lng]);
    expect(params(appleLink(nanjing)).get('dirflg')).toBe('d');
    expect(pair(params(googleLink(nanjing)).get('destination'))).toEqual([nanjing.lat, nanjing.lng]);
    expect(geoLink(nanjing)).toBe(`geo:32.060300,118.796900?q=32.060300,118.796900(${encodeURIComponent(nanjing.name)})`);
  });

  it('escapes names so a hostile name cannot add parameters or move the point', () => {
    const evil = { ...nanjing, name: 'x&to=0,0,y#<script>|latlng:1,1' };
    const to = params(amapLink(evil)).get('to')!;
    expect(Number(to.split(',')[0])).toBeCloseTo(gcjLng, 6);
    expect(to.split(',').length).toBe(3);
    expect(params(tencentLink(evil)).get('to')).toBe(evil.name);
    const dest = params(baiduLink(evil, rider)).get('destination')!;
    expect(dest.split('|').length).toBe(2);
    expect(pair(dest.split('|')[0].replace('latlng:', ''))[0]).toBeCloseTo(bdLat, 6);
  });
});

describe('the apps a platform is offered', () => {
  const apps = (p: Parameters<typeof navLinks>[1]) => navLinks(nanjing, p).map((l) => l.app);
  it('Android in China: 高德, 百度, 腾讯 first, then any map app; no Apple Maps', () => {
    expect(apps('android')).toEqual(['amap', 'baidu', 'tencent', 'geo', 'google']);
  });
  it('iOS: the three, then Apple Maps; no geo:', () => {
    expect(apps('ios')).toEqual(['amap', 'baidu', 'tencent', 'apple', 'google']);
  });
  it('elsewhere every app once, Amap first', () => {
    expect(apps('other')).toEqual(['amap', 'baidu', 'tencent', 'apple', 'google', 'geo']);
  });
  it('tells the platform from the user agent', () => {
    expect(navPlatform('Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36')).toBe('android');
    expect(navPlatform('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148')).toBe('ios');
    expect(navPlatform('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15', 5)).toBe('ios');
    expect(navPlatform('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15')).toBe('other');
    expect(navPlatform('Mozilla/5.0 (X11; Linux x86_64) Chrome/126 Safari/537.36')).toBe('other');
  });
});
