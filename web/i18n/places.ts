/**
 * Place search's messages (the place chunk's own catalogue, so the first load does not carry
 * them): `const pt = usePlacesT()`, as `t` for the app's messages. The business app uses them too.
 */
type Params = Record<string, string | number>;
const fill = (text: string, params?: Params) => text.replace(/\{(\w+)\}/g, (m, k: string) => (params && k in params ? String(params[k]) : m));

const zh = {
  placesLoading: '正在载入地名…',
  placesFailed: '地名表没能载入。请检查网络后再试，或在地图上点选。',
  placesNone: '没有叫“{q}”的城市或区县。换个写法试试，例如“苏州”或“suzhou”。',
  placesCount: '找到 {n} 个地方',
};

export type PlacesKey = keyof typeof zh;

const en: Record<PlacesKey, string> = {
  placesLoading: 'Loading place names…',
  placesFailed: 'The place list could not be loaded. Check the connection and try again, or tap the map.',
  placesNone: 'No city or county called “{q}”. Try another spelling, e.g. “Suzhou” or “苏州”.',
  placesCount: '{n} places found',
};

/** The place-search messages in `locale` (zh unless en). */
export function placesT(locale: string): (key: PlacesKey, params?: Params) => string {
  const cat = locale === 'en' ? en : zh;
  return (key, params) => fill(cat[key], params);
}
