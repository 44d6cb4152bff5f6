/**
 * Accept-Encoding read as RFC 9110 says: a coding with `q=0` is refused, `*` stands for any coding
 * not named, and the client's weights order the choice (ties go to the order we prefer).
 */

/** The first of `offered` (our preference order) the client accepts, or undefined for identity. */
export function chooseEncoding<T extends string>(header: string | undefined, offered: readonly T[]): T | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) q = Number.isFinite(Number(m[1])) ? Math.min(1, Number(m[1])) : 0;
    }
    weights.set(name.trim(), q);
  }
  let best: T | undefined;
  let bestQ = 0;
  for (const enc of offered) {
    const q = weights.get(enc) ?? weights.get('*') ?? 0;
    if (q > bestQ) [best, bestQ] = [enc, q];
  }
  return best;
}
