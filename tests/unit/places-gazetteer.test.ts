import { describe, expect, it } from 'vitest';
import { GAZETTEER } from '../../data/places/gazetteer-data';
import { englishName, nearestPlace, parseGazetteer, placeContext, placeFullName, searchPlaces, type Place } from '../../data/places/gazetteer';
import { decodeGazetteer, encodeGazetteer } from '../../data/places/gazetteer-codec';
import { latinKey, splitName } from '../../data/places/names';
import { haversine } from '../../data/geo/haversine';

const g = parseGazetteer(GAZETTEER);
const names = (q: string, limit?: number) => searchPlaces(g, q, limit).map((h) => h.place.name);
const at = (code: string) => g.byCode.get(code)!;

describe('names', () => {
  it('splits a name into base and kind', () => {
    expect(splitName('苏州市')).toEqual({ base: '苏州', kind: 'city' });
    expect(splitName('玄武区')).toEqual({ base: '玄武', kind: 'district' });
    expect(splitName('浦东新区')).toEqual({ base: '浦东', kind: 'new_area' });
    expect(splitName('延边朝鲜族自治州')).toEqual({ base: '延边', kind: 'autonomous_prefecture' });
    expect(splitName('双江拉祜族佤族布朗族傣族自治县')).toEqual({ base: '双江', kind: 'autonomous_county' });
    expect(splitName('广西壮族自治区')).toEqual({ base: '广西', kind: 'autonomous_region' });
    expect(splitName('单县')).toEqual({ base: '单', kind: 'county' });
    expect(splitName('县')).toEqual({ base: '县', kind: 'other' });
  });

  it('compares Latin queries without case, spaces, apostrophes or tone marks; ü as v', () => {
    expect(latinKey(" Xi'an ")).toBe('xian');
    expect(latinKey('Lǚliáng')).toBe('lvliang');
    expect(latinKey('Lüliang')).toBe('lvliang');
  });
});

describe('the text format', () => {
  it('decodes what it encodes: codes and positions as deltas, the usual suffix reading left out', () => {
    const rows = [
      { code: '320000', name: '江苏省', syllables: ['jiang', 'su', 'sheng'], at: null },
      { code: '320500', name: '苏州市', syllables: ['su', 'zhou', 'shi'], at: [120.613, 31.338] as [number, number] },
      { code: '320583', name: '昆山市', syllables: ['kun', 'shan', 'shi'], at: [120.976, 31.388] as [number, number] },
      { code: '341500', name: '六安市', syllables: ['lu', 'an', 'shi'], at: [116.5, 31.75] as [number, number] },
      { code: '371523', name: '茌平县', syllables: ['chi', 'ping', 'xian'], at: [116.25, 36.58] as [number, number] },
      { code: '522600', name: '黔东南苗族侗族自治州', syllables: ['qian', 'dong', 'nan', 'miao', 'zu', 'dong', 'zu', 'zi', 'zhi', 'zhou'], at: [107.98, 26.58] as [number, number] },
      { code: '141100', name: '吕梁市', syllables: ['lü', 'liang', 'shi'], at: [111.14, 37.52] as [number, number] },
    ];
    const text = encodeGazetteer(rows);
    expect(text.split('\n')[2]).toBe('83|昆山市|KunShan|363,50');
    expect(decodeGazetteer(text)).toEqual(rows);
  });

  it('the data file decodes to whole rows: a syllable a character', () => {
    for (const r of decodeGazetteer(GAZETTEER)) expect(r.syllables.length, r.name).toBe([...r.name].length);
  });
});

describe('the gazetteer data', () => {
  it('holds the cities and counties of the mainland, each once, each with a point in China', () => {
    const cities = g.places.filter((p) => p.level === 'city');
    expect(cities.length).toBeGreaterThanOrEqual(330); // 333 prefecture-level divisions + 4 municipalities, a few lack a point
    expect(g.places.length - cities.length).toBeGreaterThan(2750); // ~2,840 county-level divisions
    expect(new Set(g.places.map((p) => p.code)).size).toBe(g.places.length);
    for (const p of g.places) {
      expect(p.lng, p.name).toBeGreaterThan(73);
      expect(p.lng, p.name).toBeLessThan(136);
      expect(p.lat, p.name).toBeGreaterThan(3);
      expect(p.lat, p.name).toBeLessThan(54);
      expect(p.syllables.length, p.name).toBe([...p.name].length);
      expect(p.province.code.slice(0, 2)).toBe(p.code.slice(0, 2));
    }
  });

  it('puts well-known places where they are (within 15 km)', () => {
    const known: [string, number, number][] = [
      ['320500', 120.585, 31.299], // 苏州
      ['320583', 120.981, 31.385], // 昆山
      ['310000', 121.474, 31.230], // 上海
      ['110000', 116.407, 39.904], // 北京
      ['500000', 106.551, 29.563], // 重庆
      ['650100', 87.617, 43.826], // 乌鲁木齐
      ['441900', 113.752, 23.021], // 东莞 (no counties)
    ];
    for (const [code, lng, lat] of known) expect(haversine(at(code).lng, at(code).lat, lng, lat), at(code).name).toBeLessThan(15_000);
  });

  it('reads polyphones as places are read', () => {
    expect(at('500000').syllables.join(' ')).toBe('chong qing shi');
    expect(at('350200').syllables.join(' ')).toBe('xia men shi');
    expect(at('341500').syllables.join(' ')).toBe('lu an shi');
  });
});

describe('searchPlaces', () => {
  it('finds a county by its Chinese name or part of it', () => {
    expect(names('昆山')[0]).toBe('昆山市');
    expect(names('昆山市')[0]).toBe('昆山市');
    expect(names('昆')).toContain('昆山市');
  });

  it('finds by pinyin, initials and English spelling', () => {
    expect(names('kunshan')[0]).toBe('昆山市');
    expect(names('Kun Shan')[0]).toBe('昆山市');
    expect(names("xi'an")[0]).toBe('西安市');
    expect(names('chongqing')[0]).toBe('重庆市');
    expect(names('lvliang')[0]).toBe('吕梁市');
    expect(names('ks')).toContain('昆山市');
  });

  it('ranks exact before prefix before contains, and cities before counties of equal rank', () => {
    expect(names('苏州').slice(0, 1)).toEqual(['苏州市']);
    // suzhou: the cities 苏州, 宿州 before the district 肃州, all exact
    expect(names('suzhou').slice(0, 3)).toEqual(['苏州市', '宿州市', '肃州区']);
    const chaoyang = searchPlaces(g, '朝阳');
    expect(chaoyang[0].place.name).toBe('朝阳市');
    expect(chaoyang.slice(1).every((h) => h.place.level === 'county')).toBe(true);
    // 南京 (exact, a city) before 南京 nothing else; 南 (prefix) lists cities first
    const nan = searchPlaces(g, '南', 50);
    const firstCounty = nan.findIndex((h) => h.place.level === 'county');
    expect(nan.slice(firstCounty).every((h) => h.place.level === 'county' || h.rank > nan[firstCounty].rank)).toBe(true);
  });

  it('returns every place containing the text, in rank order (checked against a plain scan)', () => {
    for (const q of ['州', '山', '阳区', '江', '安县', '城']) {
      const hits = searchPlaces(g, q, Infinity);
      const scan = g.places.filter((p) => p.name.includes(q) || splitName(p.name).base === q);
      expect(new Set(hits.map((h) => h.place.code))).toEqual(new Set(scan.map((p) => p.code)));
      const key = (h: (typeof hits)[number]) => h.rank * 2 + (h.place.level === 'city' ? 0 : 1);
      for (let i = 1; i < hits.length; i++) expect(key(hits[i - 1])).toBeLessThanOrEqual(key(hits[i]));
      for (const h of hits) {
        const base = splitName(h.place.name).base;
        const expected = h.place.name === q || base === q ? 0 : h.place.name.startsWith(q) ? 1 : 2;
        expect(h.rank, `${q} ${h.place.name}`).toBe(expected);
      }
    }
  });

  it('finds nothing for a name no place has, or a blank query', () => {
    expect(names('火星城')).toEqual([]);
    expect(names('   ')).toEqual([]);
    expect(names('qqqq')).toEqual([]);
  });
});

describe('nearestPlace and names for people', () => {
  it('names the county a point is in: central Nanjing → 南京市玄武区 / Xuanwu District, Nanjing', () => {
    const p = nearestPlace(g, 118.7969, 32.0603);
    expect(['玄武区', '鼓楼区', '秦淮区']).toContain(p.name);
    expect(placeFullName(at('320102'), 'zh')).toBe('南京市玄武区');
    expect(placeFullName(at('320102'), 'en')).toBe('Xuanwu District, Nanjing');
    expect(placeFullName(at('310000'), 'zh')).toBe('上海市');
    expect(placeFullName(at('310115'), 'zh')).toBe('上海市浦东新区');
    expect(placeFullName(at('441900'), 'zh')).toBe('东莞市');
    expect(placeFullName(at('419001'), 'zh')).toBe('河南省济源市'); // directly under its province
  });

  it('is the brute-force nearest of the counties and county-less cities', () => {
    const leaves: Place[] = g.places.filter((p) => p.level === 'county' || !g.places.some((c) => c.city === p));
    for (const [lng, lat] of [[120.6, 31.3], [87.6, 43.8], [113.75, 23.02], [104.07, 30.57], [126.5, 45.8]]) {
      const best = leaves.reduce((a, b) => (haversine(lng, lat, b.lng, b.lat) < haversine(lng, lat, a.lng, a.lat) ? b : a));
      expect(nearestPlace(g, lng, lat)).toBe(best);
    }
  });

  it('tells namesakes apart by their city and province', () => {
    expect(placeContext(at('320583'), 'zh')).toBe('江苏省苏州市');
    expect(placeContext(at('320583'), 'en')).toBe('Suzhou, Jiangsu');
    expect(placeContext(at('320500'), 'zh')).toBe('江苏省');
    expect(englishName(at('222400'))).toBe('Yanbian Autonomous Prefecture');
    expect(englishName(at('610000') ?? { name: '陕西省', syllables: ['shan', 'xi', 'sheng'] })).toBe('Shaanxi');
  });
});
