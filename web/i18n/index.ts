/**
 * Languages: Simplified Chinese by default, English on request. `translate` fills `{name}`
 * placeholders; catalogue entries (amenities, types, categories) carry their own zh/en labels.
 */
import { en } from './en';
import { zh, type MessageKey, type Messages } from './zh';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey, Messages };

const catalogues: Record<Locale, Messages> = { 'zh-CN': zh, en };

export type Params = Record<string, string | number>;

/** The message for a key in a locale, with `{name}` placeholders replaced by params. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return fill(catalogues[locale][key], params);
}

/** `text` with its `{name}` placeholders replaced by params (unknown names are left as they are). */
export function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The label of a data/catalog.ts entry (amenity, station type, merchant category) in a locale. */
export function catalogLabel(entry: { zh: string; en: string }, locale: Locale): string {
  return locale === 'en' ? entry.en : entry.zh;
}

/**
 * Picks a supported locale: the stored choice, else the browser's first language we speak (an
 * en-US phone starts in English), else zh-CN (the product's default).
 */
export function pickLocale(stored: string | null | undefined, browser: readonly string[] = []): Locale {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  for (const l of browser) {
    if (/^zh\b/i.test(l)) return 'zh-CN';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'zh-CN';
}
