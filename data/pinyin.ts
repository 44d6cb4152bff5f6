/**
 * Toneless pinyin readings of Chinese characters, memoised per character: a national listing has a
 * few thousand distinct characters, so names are read in microseconds instead of pinyin-pro's
 * ≈ 100 µs a phrase. Polyphones keep every reading (重 → zhong, chong), so "chongqing" finds 重庆
 * without context rules. The reader itself (pinyin-pro, data/pinyin-pro.ts) is installed by the
 * shell, so that the PWA loads its large dictionary only when it searches.
 */
const HAN = /\p{Script=Han}/u;
const memo = new Map<string, readonly string[]>();
const initialsMemo = new Map<string, readonly number[]>();
let reader: ((ch: string) => readonly string[]) | undefined;

/** Installs the reader of a Han character's readings (data/pinyin-pro.ts); readings are memoised from then on. */
export function setPinyinReader(read: (ch: string) => readonly string[]): void {
  if (reader === read) return;
  reader = read;
  memo.clear();
  initialsMemo.clear();
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
  let r = initialsMemo.get(ch);
  if (r === undefined) initialsMemo.set(ch, (r = [...new Set(readingsOf(ch).map((x) => x.charCodeAt(0)))]));
  return r;
}

/**
 * Whether Latin letters `q` spell the characters of `name` from index `k` on: each character by a
 * whole reading or by its initial letter ("gulou", "gl", "gulouq" all reach 鼓楼区), the last one
 * also by the start of a reading (typing in progress).
 */
export function pinyinAt(name: string, k: number, q: string): boolean {
  const step = (pos: number, j: number): boolean => {
    if (pos === q.length) return true;
    if (j >= name.length) return false;
    for (const r of readingsOf(name[j])) {
      if (q.startsWith(r, pos) && step(pos + r.length, j + 1)) return true;
      if (r.startsWith(q.slice(pos))) return true; // the rest of the query starts this reading
      if (r[0] === q[pos] && step(pos + 1, j + 1)) return true;
    }
    return false;
  };
  return step(0, k);
}

/** Where in `name` `q` spells a run of characters in pinyin (see pinyinAt): the first index, or -1. */
export function pinyinIndex(name: string, q: string): number {
  for (let k = 0; k < name.length; k++) if (pinyinAt(name, k, q)) return k;
  return -1;
}
