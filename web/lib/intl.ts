/**
 * Intl formatters, made once per locale and options. Making one loads locale and zone data
 * (0.1–1 ms here, several times that on a slow phone, where a list of ten rows made ~50 of them in
 * one task); formatting with a made one takes microseconds.
 */
type Format = Intl.NumberFormat | Intl.DateTimeFormat;
const made = new Map<string, Format>();

function memo<F extends Format, O extends object>(Make: new (locale: string, options?: O) => F, kind: string, locale: string, options?: O): F {
  const key = kind + locale + JSON.stringify(options);
  let f = made.get(key) as F | undefined;
  if (!f) made.set(key, (f = new Make(locale, options)));
  return f;
}

export const numberFormat = (locale: string, options?: Intl.NumberFormatOptions) => memo(Intl.NumberFormat, 'n', locale, options);
export const dateFormat = (locale: string, options?: Intl.DateTimeFormatOptions) => memo(Intl.DateTimeFormat, 'd', locale, options);
