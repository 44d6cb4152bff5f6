/**
 * Toneless pinyin readings of Chinese characters, memoised per character: a national listing has a
 * few thousand distinct characters, so names are read in microseconds instead of pinyin-pro's
 * ≈ 100 µs a phrase. Polyphones keep every reading (重 → zhong, chong), so "chongqing" finds 重庆
 * without context rules. The reader itself (pinyin-pro, data/pinyin-pro.ts) is installed by the
 * shell, so that the PWA loads its large dictionary only when it searches.
 */
const HAN = /\p{Script=Han}/u;
const memo = new Map<string, readonly string[]>();
/** readings by UTF-16 code unit (names are read a code unit at a time): an array is the fastest memo */
// allocated whole (a sparse array would be a slow dictionary), on first use: filling 64 K slots is
// a blocking task on a slow phone, which loading this module (with the offline copy) must not be
const codeTable = <T>() => new Array<T | undefined>(65536).fill(undefined);
let byCode: (readonly string[] | undefined)[] | undefined;
let initialsByCode: (readonly number[] | undefined)[] | undefined;
const initialsMemo = new Map<string, readonly number[]>();
let reader: ((ch: string) => readonly string[]) | undefined;

/** Installs the reader of a Han character's readings (data/pinyin-pro.ts); readings are memoised from then on. */
export function setPinyinReader(read: (ch: string) => readonly string[]): void {
  if (reader === read) return;
  reader = read;
  memo.clear();
  initialsMemo.clear();
  byCode = initialsByCode = undefined;
}

/** The toneless readings of one character, lower case; a Latin letter or digit reads as itself; others have none. */
export function readingsOf(ch: string): readonly string[] {
  let r = memo.get(ch);
  if (r === undefined) {
    if (HAN.test(ch)) {
      if (!reader) throw new Error('no pinyin reader installed: call installPinyinPro() (data/pinyin-pro.ts) first');
      r = [...new Set(reader(ch).map((s) => s.toLowerCase()))];
    }
    else r = /^[a-z0-9]$/i.test(ch) ? [ch.toLowerCase()] : [];
    memo.set(ch, r);
  }
  return r;
}

/** The distinct initial letters (char codes) of a character's readings, memoised: index builds ask millions of times. */
export function initialsOf(ch: string): readonly number[] {
  const code = ch.length === 1 ? ch.charCodeAt(0) : -1, table = (initialsByCode ??= codeTable());
  if (code >= 0 && table[code] !== undefined) return table[code]!;
  let r = initialsMemo.get(ch);
  if (r === undefined) initialsMemo.set(ch, (r = [...new Set(readingsOf(ch).map((x) => x.charCodeAt(0)))]));
  if (code >= 0) table[code] = r;
  return r;
}

/** initialsOf(s[k]) without making the one-character string (a CJK one is a new string each time). */
export function initialsAt(s: string, k: number): readonly number[] {
  return (initialsByCode ??= codeTable())[s.charCodeAt(k)] ?? initialsOf(s[k]);
}

/**
 * Whether Latin letters `q` spell the characters of `name` from index `k` on: whole readings, then
 * initials ("gulou", "gl", "beijingdx" reach 北京大学, "gulouq" 鼓楼区), the last character also by
 * the start of a reading (typing in progress). Readings after an initial are not taken: a long
 * word read as any mix would let nearly every name be a candidate ("zhengshijiazhuang" as
 * z·h·e·n·g… initials), and people type one way or the other.
 */
export function pinyinAt(name: string, k: number, q: string): boolean {
  return spells(name, q, 0, k, false);
}

function spells(name: string, q: string, pos: number, j: number, initialsOnly: boolean): boolean {
  if (pos === q.length) return true;
  if (j >= name.length) return false;
  const code = name.charCodeAt(j);
  const readings = ((byCode ??= codeTable())[code] ??= readingsOf(name[j]));
  const rest = q.length - pos;
  for (let k = 0; k < readings.length; k++) {
    const r = readings[k];
    if (r.charCodeAt(0) !== q.charCodeAt(pos)) continue;
    if (!initialsOnly && r.length <= rest && q.startsWith(r, pos) && spells(name, q, pos + r.length, j + 1, false)) return true;
    if (rest <= r.length && r.startsWith(q.slice(pos))) return true; // the rest of the query starts this reading
    if (spells(name, q, pos + 1, j + 1, true)) return true;
  }
  return false;
}

/** Where in `name` `q` spells a run of characters in pinyin (see pinyinAt): the first index, or -1. */
export function pinyinIndex(name: string, q: string): number {
  for (let k = 0; k < name.length; k++) if (pinyinAt(name, k, q)) return k;
  return -1;
}
