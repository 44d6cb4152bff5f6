/**
 * The business app's languages, the same way as the PWA's (web/i18n): zh-CN by default, English on
 * request, `{name}` placeholders, catalogue labels from data/catalog.ts. The choice is shared with
 * the PWA (web/lib/prefs.ts), so a merchant who reads English there reads English here.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { catalogLabel, type Locale } from '../../i18n';
import { en } from './en';
import { zh, type MessageKey, type Messages } from './zh';

export type { Locale, MessageKey, Messages };
export type Params = Record<string, string | number>;

const catalogues: Record<Locale, Messages> = { 'zh-CN': zh, en };

/** The message for a key in a locale, with `{name}` placeholders replaced by params. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = catalogues[locale][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** True when `key` is a message (for keys built from data: `status_${status}`). */
export const isKey = (key: string): key is MessageKey => key in zh;

export interface I18n {
  locale: Locale;
  t(key: MessageKey, params?: Params): string;
  /** a message whose key is built from data (`status_pending`); the raw value when there is none */
  tk(prefix: string, value: string, params?: Params): string;
  /** label of a data/catalog.ts entry */
  label(entry: { zh: string; en: string }): string;
}

/** Binds the catalogue to a locale. */
export function makeI18n(locale: Locale): I18n {
  const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
  return {
    locale,
    t,
    tk: (prefix, value, params) => (isKey(prefix + value) ? t((prefix + value) as MessageKey, params) : value),
    label: (e) => catalogLabel(e, locale),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('zh-CN'));
export const useI18n = () => useContext(I18nContext);
