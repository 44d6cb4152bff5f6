/**
 * The gazetteer: China's prefecture-level cities and county-level divisions with a point each
 * (see gazetteer-data.ts, generated), searched by Chinese name or pinyin, and the nearest one to a
 * position (to name a point people picked on a map). Pure; the apps load the data lazily.
 */
import { haversine } from '../geo/haversine';
import { decodeGazetteer } from './gazetteer-codec';
import { latinKey, pinyinWord, splitName, type PlaceKind } from './names';

export interface Province {
  code: string;
  name: string;
  syllables: readonly string[];
}

export interface Place {
  /** GB/T 2260 code (320583) */
  code: string;
  /** 昆山市 */
  name: string;
  /** the name without its kind: 昆山 */
  base: string;
  kind: PlaceKind;
  /** prefecture-level (and the four municipalities) or county-level */
  level: 'city' | 'county';
  /** pinyin of `name`, one syllable a character */
  syllables: readonly string[];
  /** WGS-84 */
  lng: number;
  lat: number;
  province: Province;
  /** the city a county belongs to (null for a city, and for a county directly under its province) */
  city: Place | null;
}

export interface Gazetteer {
  places: readonly Place[];
  byCode: ReadonlyMap<string, Place>;
  /** the places `nearest` chooses from: counties, and cities that have none (东莞) */
  leaves: readonly Place[];
  /** search keys, parallel to `places` */
  keys: readonly PlaceKeys[];
}

interface PlaceKeys {
  zh: readonly string[];
  /** whole-name pinyin forms (kunshanshi, kunshan) */
  latin: readonly string[];
  /** initials (kss, ks) */
  initials: readonly string[];
}

/** Parses the generated text (gazetteer-codec.ts). */
export function parseGazetteer(text: string): Gazetteer {
  const provinces = new Map<string, Province>();
  const places: Place[] = [];
  const rows = decodeGazetteer(text);
  for (const { code, name, syllables } of rows) if (code.endsWith('0000')) provinces.set(code.slice(0, 2), { code, name, syllables });
  const byCode = new Map<string, Place>();
  for (const { code, name, syllables, at } of rows) {
    if (!at) continue; // a province that is not a city
    const [lng, lat] = at;
    const { base, kind } = splitName(name);
    const level = code.endsWith('00') ? 'city' : 'county';
    const p: Place = { code, name, base, kind, level, syllables, lng, lat, province: provinces.get(code.slice(0, 2))!, city: null };
    places.push(p);
    byCode.set(code, p);
  }
  for (const p of places) {
    if (p.level === 'county') p.city = byCode.get(p.code.slice(0, 4) + '00') ?? byCode.get(p.code.slice(0, 2) + '0000') ?? null;
  }
  const parents = new Set(places.map((p) => p.city));
  return { places, byCode, leaves: places.filter((p) => p.level === 'county' || !parents.has(p)), keys: places.map(keysOf) };
}

function keysOf(p: Place): PlaceKeys {
  const baseSyl = p.syllables.slice(0, p.name.startsWith(p.base) ? p.base.length : p.syllables.length);
  return {
    zh: [...new Set([p.name, p.base])],
    latin: [...new Set([p.syllables.join(''), baseSyl.join('')].map(latinKey))],
    initials: [...new Set([p.syllables, baseSyl].map((s) => s.map((x) => x[0]).join('')))],
  };
}

export interface PlaceHit {
  place: Place;
  /** 0 exact, 1 prefix, 2 contains */
  rank: 0 | 1 | 2;
}

const HAN = /\p{Script=Han}/u;

/** How `q` matches one place's keys: 0 exact, 1 prefix, 2 contains, -1 not at all. */
function rankOf(k: PlaceKeys, q: string, latin: boolean): -1 | 0 | 1 | 2 {
  if (!latin) {
    if (k.zh.includes(q)) return 0;
    if (k.zh[0].startsWith(q)) return 1;
    return k.zh[0].includes(q) ? 2 : -1;
  }
  if (k.latin.includes(q)) return 0;
  if (k.latin.some((s) => s.startsWith(q)) || (q.length >= 2 && k.initials.includes(q))) return 1;
  return q.length >= 3 && k.latin[0].includes(q) ? 2 : -1;
}

/**
 * Places whose name matches `query` — Chinese (苏州, 昆山市) or pinyin (suzhou, Kunshan, ks) —
 * best first: exact before prefix before contains; at equal rank cities before counties, then
 * shorter names, then by code.
 */
export function searchPlaces(g: Gazetteer, query: string, limit = 8): PlaceHit[] {
  const raw = query.trim().replace(/\s+/g, '');
  const latin = !HAN.test(raw);
  const q = latin ? latinKey(raw) : raw;
  if (!q) return [];
  const hits: PlaceHit[] = [];
  g.places.forEach((place, i) => {
    const rank = rankOf(g.keys[i], q, latin);
    if (rank >= 0) hits.push({ place, rank: rank as PlaceHit['rank'] });
  });
  const level = (p: Place) => (p.level === 'city' ? 0 : 1);
  hits.sort((a, b) => a.rank - b.rank || level(a.place) - level(b.place) || a.place.name.length - b.place.name.length || (a.place.code < b.place.code ? -1 : 1));
  return hits.slice(0, limit);
}

/** The county (or county-less city) whose point is nearest a WGS-84 position. */
export function nearestPlace(g: Gazetteer, lng: number, lat: number): Place {
  let best = g.leaves[0];
  let bestD = Infinity;
  for (const p of g.leaves) {
    const d = haversine(lng, lat, p.lng, p.lat);
    if (d < bestD) (bestD = d), (best = p);
  }
  return best;
}

const KIND_EN: Partial<Record<PlaceKind, string>> = {
  district: 'District', county: 'County', banner: 'Banner', autonomous_county: 'Autonomous County',
  autonomous_banner: 'Autonomous Banner', autonomous_prefecture: 'Autonomous Prefecture', prefecture: 'Prefecture',
  league: 'League', new_area: 'New Area', forestry_district: 'Forestry District', special_district: 'Special District',
};

/** How English writes a place or province: Suzhou, Xuanwu District, Yanbian Autonomous Prefecture, Jiangsu. */
export function englishName(p: Pick<Place, 'name' | 'syllables'>): string {
  if (p.name === '陕西省') return 'Shaanxi'; // the official spelling tells it from 山西 Shanxi
  const { base, kind } = splitName(p.name);
  const word = pinyinWord(p.syllables.slice(0, p.name.startsWith(base) ? base.length : p.syllables.length));
  return KIND_EN[kind] ? `${word} ${KIND_EN[kind]}` : word;
}

/** A place's own name in the UI's language (昆山市 / Kunshan). */
export function placeName(p: Place, locale: string): string {
  return locale === 'en' ? englishName(p) : p.name;
}

/** Where a place is, to tell namesakes apart: 江苏省苏州市 / Suzhou, Jiangsu. */
export function placeContext(p: Place, locale: string): string {
  const up = [p.city && p.city.code !== p.province.code ? p.city : null, p.province].filter((x) => x !== null && x.code !== p.code);
  return locale === 'en' ? up.map((x) => englishName(x!)).join(', ') : up.reverse().map((x) => x!.name).join('');
}

/** A place's name with its city, as a route is named after it: 南京市玄武区 / Xuanwu District, Nanjing. */
export function placeFullName(p: Place, locale: string): string {
  const up = p.city ?? (p.level === 'county' ? p.province : null);
  if (!up) return placeName(p, locale);
  return locale === 'en' ? `${englishName(p)}, ${englishName(up)}` : up.name + p.name;
}
