/**
 * Name/address search over places already loaded (Chinese substring matching): every word of the
 * query must appear in the name, address or district; name matches rank before address matches,
 * then nearer before farther. Also what the offline copy will search (issue 4).
 */
export interface Searchable {
  name: string;
  address?: string;
  province?: string;
  city?: string;
  district?: string;
  /** metres from the user */
  distance: number;
}

/** Lower-cases and drops spaces and full-width spaces, so "中山 路" finds "中山路". */
export function normalise(s: string): string {
  return s.toLowerCase().replace(/[\s\u3000]+/g, '');
}

function words(q: string): string[] {
  return q.toLowerCase().split(/[\s\u3000]+/).filter(Boolean);
}

/** Score 0 (no match), 1 (address), 2 (name contains), 3 (name starts with the query). */
export function matchScore(p: Searchable, q: string): number {
  const ws = words(q);
  if (ws.length === 0) return 0;
  const name = normalise(p.name);
  const rest = normalise([p.address, p.province, p.city, p.district].filter(Boolean).join(' '));
  if (!ws.every((w) => name.includes(w) || rest.includes(w))) return 0;
  const whole = normalise(q);
  if (name.startsWith(whole)) return 3;
  return ws.every((w) => name.includes(w)) ? 2 : 1;
}

/** The places matching a query, best first. */
export function searchPlaces<T extends Searchable>(places: readonly T[], q: string, limit = 30): T[] {
  return places
    .map((p) => ({ p, s: matchScore(p, q) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.p.distance - b.p.distance)
    .slice(0, limit)
    .map((x) => x.p);
}
