// Client-side search: Chinese substring matching, name before address, nearer first.
import { describe, expect, it } from 'vitest';
import { matchScore, searchPlaces } from '../../web/lib/search';

const places = [
  { name: '江宁区双龙大道司机之家', address: '江苏省南京市江宁区双龙大道1号', distance: 900 },
  { name: '鼓楼区中山路工会驿站', address: '江苏省南京市鼓楼区中山路128号', distance: 1200 },
  { name: '中山北路户外劳动者服务站', address: '江苏省南京市鼓楼区中山北路5号', distance: 300 },
  { name: '新街口驿站', address: '江苏省南京市秦淮区中山路1号', distance: 100 },
];

describe('search', () => {
  it('finds Chinese substrings in names and addresses', () => {
    expect(searchPlaces(places, '中山').map((p) => p.name)).toEqual([
      '中山北路户外劳动者服务站', // name starts with the query
      '鼓楼区中山路工会驿站', // name contains it
      '新街口驿站', // address contains it
    ]);
  });
  it('requires every word and ignores spaces', () => {
    expect(searchPlaces(places, '鼓楼 驿站').map((p) => p.name)).toEqual(['鼓楼区中山路工会驿站']);
    expect(matchScore(places[1], '中山 路')).toBeGreaterThan(0);
    expect(searchPlaces(places, '上海')).toEqual([]);
    expect(searchPlaces(places, '   ')).toEqual([]);
  });
});
