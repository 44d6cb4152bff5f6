/** The current language for components: `const { t, locale } = useI18n()`. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { catalogLabel, translate, type Locale, type MessageKey, type Params } from '.';

export interface I18n {
  locale: Locale;
  t(key: MessageKey, params?: Params): string;
  /** label of an amenity / station type / merchant category entry */
  label(entry: { zh: string; en: string }): string;
}

/** Binds translate and catalogLabel to a locale. */
export function makeI18n(locale: Locale): I18n {
  return { locale, t: (key, params) => translate(locale, key, params), label: (e) => catalogLabel(e, locale) };
}

export const I18nContext = createContext<I18n>(makeI18n('zh-CN'));

/** The I18n of the nearest provider. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
