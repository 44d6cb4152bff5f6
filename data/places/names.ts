/**
 * Chinese place names of the gazetteer: the kind a name's last characters say (区, 县, 自治州…),
 * the name without it, and the pinyin forms people type or read. Pure string work, no data.
 */

/** What a place is, from the end of its name; '' for a plain name (a city: 苏州市 → 苏州). */
export type PlaceKind =
  | 'city' | 'district' | 'county' | 'banner' | 'autonomous_county' | 'autonomous_banner'
  | 'autonomous_prefecture' | 'prefecture' | 'league' | 'forestry_district' | 'special_district'
  | 'new_area' | 'province' | 'autonomous_region' | 'other';

// longest first: 自治县 before 县, 林区 before 区
const SUFFIXES: readonly [string, PlaceKind][] = [
  ['自治州', 'autonomous_prefecture'], ['自治县', 'autonomous_county'], ['自治旗', 'autonomous_banner'], ['自治区', 'autonomous_region'],
  ['地区', 'prefecture'], ['新区', 'new_area'], ['林区', 'forestry_district'], ['特区', 'special_district'],
  ['市', 'city'], ['区', 'district'], ['县', 'county'], ['旗', 'banner'], ['盟', 'league'], ['省', 'province'],
];

/**
 * The ethnic groups named in autonomous places (延边朝鲜族自治州 → 延边): the base name of an
 * autonomous place stops before them. Longest first, so 土家 is tried before 土.
 */
const PEOPLES = [
  '柯尔克孜', '乌孜别克', '维吾尔', '哈萨克', '达斡尔', '鄂伦春', '鄂温克', '俄罗斯', '塔吉克', '塔塔尔',
  '朝鲜', '蒙古', '土家', '布依', '哈尼', '傈僳', '拉祜', '纳西', '景颇', '仫佬', '布朗', '撒拉', '毛南', '仡佬',
  '锡伯', '阿昌', '普米', '德昂', '保安', '裕固', '独龙', '赫哲', '门巴', '珞巴', '基诺', '东乡', '积石山',
  '各', '回', '藏', '壮', '苗', '彝', '侗', '瑶', '白', '傣', '黎', '佤', '畲', '水', '羌', '怒', '京', '土', '满',
].sort((a, b) => b.length - a.length);

export interface NameParts {
  /** the name without its kind (苏州, 玄武, 延边) */
  base: string;
  kind: PlaceKind;
}

/** Splits 延边朝鲜族自治州 into 延边 + autonomous_prefecture, 玄武区 into 玄武 + district. */
export function splitName(name: string): NameParts {
  const s = SUFFIXES.find(([suffix]) => name.length > suffix.length && name.endsWith(suffix));
  if (!s) return { base: name, kind: 'other' };
  let base = name.slice(0, -s[0].length);
  if (s[1].startsWith('autonomous')) base = stripPeoples(base);
  return { base: base || name, kind: s[1] };
}

/** 延边朝鲜族 → 延边; 双江拉祜族佤族布朗族傣族 → 双江. */
function stripPeoples(s: string): string {
  let rest = s;
  for (;;) {
    if (!rest.endsWith('族')) return rest;
    const body = rest.slice(0, -1);
    const p = PEOPLES.find((x) => body.endsWith(x) && body.length > x.length);
    if (!p) return rest;
    rest = body.slice(0, -p.length);
  }
}

/** Syllables → how an English page writes them: ['su', 'zhou'] → "Suzhou", ['xi', 'an'] → "Xi’an". */
export function pinyinWord(syllables: readonly string[]): string {
  const word = syllables.map((s, k) => (k > 0 && /^[aeo]/.test(s) ? '’' + s : s)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** What a query in Latin letters is compared with: lower case, no spaces, apostrophes or tone marks; ü as v. */
export function latinKey(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/u\u0308/g, 'v').replace(/[\u0300-\u036f]/g, '').replace(/[\s'’·-]+/g, '');
}
