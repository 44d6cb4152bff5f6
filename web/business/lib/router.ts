/**
 * A tiny hash router: `#/shops/m_1/offers/new` ⇄ `{ name: 'offer-new', params: { shopId: 'm_1' } }`.
 * Hash routes work under any server (no deep-link fallback needed) and survive a reload.
 */

/** Every screen, by name, with its path pattern (`:x` is a parameter). */
export const ROUTES = {
  home: '/',
  signin: '/signin',
  signup: '/signup',
  shops: '/shops',
  'shop-new': '/shops/new',
  shop: '/shops/:shopId',
  'offer-new': '/shops/:shopId/offers/new',
  offer: '/shops/:shopId/offers/:offerId',
  queue: '/admin/queue',
  stations: '/admin/stations',
  'station-new': '/admin/stations/new',
  station: '/admin/stations/:stationId',
  import: '/admin/import',
  export: '/admin/export',
  reports: '/admin/reports',
  'report-target': '/admin/reports/:targetType/:targetId',
  audit: '/admin/audit',
  operators: '/admin/operators',
  'my-stations': '/stations',
  'my-station': '/stations/:stationId',
  members: '/admin/members',
  password: '/account/password',
} as const;

export type RouteName = keyof typeof ROUTES;
export interface Route {
  name: RouteName | 'not-found';
  params: Record<string, string>;
  /** `?a=b` after the path, if any */
  query: Record<string, string>;
}

const split = (p: string) => p.split('/').filter(Boolean);

/** The route a location hash names ('' and '#' are home). Literal segments win over parameters. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  const query = Object.fromEntries(new URLSearchParams(search));
  const parts = split(path);
  let best: { name: RouteName; params: Record<string, string>; literals: number } | undefined;
  for (const [name, pattern] of Object.entries(ROUTES) as [RouteName, string][]) {
    const pp = split(pattern);
    if (pp.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const ok = pp.every((seg, i) => {
      if (seg.startsWith(':')) {
        try {
          params[seg.slice(1)] = decodeURIComponent(parts[i]);
          return true;
        } catch {
          return false;
        }
      }
      literals++;
      return seg === parts[i];
    });
    if (ok && (!best || literals > best.literals)) best = { name, params, literals };
  }
  return best ? { name: best.name, params: best.params, query } : { name: 'not-found', params: {}, query };
}

/** The hash (with '#') of a route; parameters are URL-encoded, query values too. */
export function href(name: RouteName, params: Record<string, string> = {}, query: Record<string, string | undefined> = {}): string {
  const path = ROUTES[name].replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
  return `#${path}${q ? `?${q}` : ''}`;
}

/** The start screen for an account (sign-in when nobody is signed in). */
export function homeOf(user: { role: string } | null): string {
  if (!user) return href('signin');
  return user.role === 'admin' ? href('queue') : href('shops');
}
