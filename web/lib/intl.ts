/**
 * Intl formatters, made once per locale and options. Making one loads locale and zone data
 * (0.1–1 ms here, several times that on a slow phone, where a list of twenty rows made ~100 of
 * them in one task); formatting with a made one takes microseconds.
 */
const made = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(kind: string, locale: string, options: object | undefined, make: () => T): T {
  const key = `${kind}|${locale}|${options ? JSON.stringify(options) : ''}`;
  let f = made.get(key) as T | undefined;
  if (!f) made.set(key, (f = make()));
  return f;
}

export const numberFormat = (locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat =>
  memo('n', locale, options, () => new Intl.NumberFormat(locale, options));

export const dateFormat = (locale: string, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  memo('d', locale, options, () => new Intl.DateTimeFormat(locale, options));

export const relativeFormat = (locale: string, options?: Intl.RelativeTimeFormatOptions): Intl.RelativeTimeFormat =>
  memo('r', locale, options, () => new Intl.RelativeTimeFormat(locale, options));
