// Hand-off links carry each app's coordinate system: Amap GCJ-02, Baidu BD-09 (coord_type=bd09ll),
// Apple/Google/geo: WGS-84. Expected values come from gcoord directly, not from data/crs.
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { amapLink, appleLink, baiduLink, geoLink, googleLink, navLinks } from '../../web/lib/nav-links';

const nanjing = { lng: 118.7969, lat: 32.0603, name: '鼓楼区中山路工会驿站', address: '江苏省南京市鼓楼区中山路128号' };
const [gcjLng, gcjLat] = gcoord.transform([nanjing.lng, nanjing.lat], gcoord.WGS84, gcoord.GCJ02) as number[];
const [bdLng, bdLat] = gcoord.transform([nanjing.lng, nanjing.lat], gcoord.WGS84, gcoord.BD09) as number[];

const params = (href: string) => new URL(href).searchParams;
const pair = (s: string | null) => (s ?? '').split(',').map(Number);

describe('navigation links', () => {
  it('Amap gets GCJ-02 coordinates, declared as gaode', () => {
    const q = params(amapLink(nanjing));
    expect(new URL(amapLink(nanjing)).origin + new URL(amapLink(nanjing)).pathname).toBe('https://uri.amap.com/marker');
    const [lng, lat] = pair(q.get('position'));
    expect(lng).toBeCloseTo(gcjLng, 5);
    expect(lat).toBeCloseTo(gcjLat, 5);
    // GCJ-02 is shifted by a few hundred metres in China: the link must not carry WGS-84.
    expect(Math.abs(lng - nanjing.lng) + Math.abs(lat - nanjing.lat)).toBeGreaterThan(0.002);
    expect(q.get('coordinate')).toBe('gaode');
    expect(q.get('name')).toBe(nanjing.name);
  });

  it('Baidu gets BD-09 as lat,lng with coord_type=bd09ll', () => {
    const q = params(baiduLink(nanjing));
    const [lat, lng] = pair(q.get('location'));
    expect(lat).toBeCloseTo(bdLat, 5);
    expect(lng).toBeCloseTo(bdLng, 5);
    expect(q.get('coord_type')).toBe('bd09ll');
    expect(q.get('title')).toBe(nanjing.name);
    expect(q.get('content')).toBe(nanjing.address);
    expect(q.get('src')).toMatch(/^webapp\./);
  });

  it('Apple, Google and geo: get WGS-84', () => {
    const [aLat, aLng] = pair(params(appleLink(nanjing)).get('ll'));
    expect([aLat, aLng]).toEqual([nanjing.lat, nanjing.lng]);
    const [gLat, gLng] = pair(params(googleLink(nanjing)).get('query'));
    expect([gLat, gLng]).toEqual([nanjing.lat, nanjing.lng]);
    expect(geoLink(nanjing)).toBe(`geo:32.060300,118.796900?q=32.060300,118.796900(${encodeURIComponent(nanjing.name)})`);
  });

  it('escapes names so a hostile name cannot add parameters', () => {
    const evil = { ...nanjing, name: 'x&position=0,0#<script>' };
    expect(params(amapLink(evil)).get('name')).toBe(evil.name);
    expect(pair(params(amapLink(evil)).get('position'))[0]).toBeCloseTo(gcjLng, 5);
  });

  it('lists every app once, Amap first', () => {
    expect(navLinks(nanjing).map((l) => l.app)).toEqual(['amap', 'baidu', 'apple', 'google', 'geo']);
  });
});
