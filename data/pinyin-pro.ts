/**
 * The pinyin-pro reader for data/pinyin.ts, in its own module because its dictionary is large
 * (≈ 300 KB): the API installs it at start, the PWA loads it (a lazy chunk) before its first search.
 */
import { pinyin } from 'pinyin-pro';
import { setPinyinReader } from './pinyin';

/** All toneless readings of one Han character, as pinyin-pro gives them. */
export const pinyinProReader = (ch: string): string[] => pinyin(ch, { toneType: 'none', type: 'array', multiple: true });

/** Installs pinyin-pro as the reader (idempotent). */
export function installPinyinPro(): void {
  setPinyinReader(pinyinProReader);
}
