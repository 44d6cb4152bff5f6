/**
 * Routes saved for offline use ("save for offline"): the record — line, corridor listings, filters —
 * in IndexedDB (db.ts); its map tiles are in a Cache Storage cache of its own (`yizhan-route-<id>`,
 * filled by route-tiles.ts) that the service worker answers tiles from first. Deleting a route
 * deletes its cache.
 */
import { ROUTE_TILE_CACHE_PREFIX, putRoute, readRoute, readRoutes, removeRoute, type Db, type SavedRoute } from './db';

export { ROUTE_TILE_CACHE_PREFIX, type SavedRoute };
/** The cache holding route `id`'s tiles. */
export const routeTileCache = (id: string) => `${ROUTE_TILE_CACHE_PREFIX}${id}`;

/** What the list of saved routes shows (not the line or the listings). */
export interface SavedRouteSummary {
  id: string;
  name: string;
  createdAt: number;
  /** metres */
  length: number;
  /** bytes on the device */
  bytes: number;
  /** tiles saved with it (0: none) */
  tiles: number;
  /** places in its corridor */
  items: number;
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;
const cacheStorage = (): CacheStorage | undefined => globalThis.caches; // absent outside secure contexts

/** The saved routes for the list, newest first. */
export async function listRoutes(db: Db): Promise<SavedRouteSummary[]> {
  return (await readRoutes(db))
    .map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt, length: r.length, bytes: r.bytes, tiles: r.tiles?.count ?? 0, items: r.items.length }))
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** One saved route with its line and listings, or undefined. */
export const getRoute = (db: Db, id: string) => readRoute(db, id);

/** Saves a route (tiles already in their cache), counting what it takes on the device. */
export async function saveRoute(db: Db, r: Omit<SavedRoute, 'bytes'>): Promise<SavedRoute> {
  const route: SavedRoute = { ...r, bytes: utf8Length(JSON.stringify(r)) + (r.tiles?.bytes ?? 0) };
  await putRoute(db, route);
  return route;
}

/** Deletes a saved route and its tiles (fine when the cache is already gone). */
export async function deleteRoute(db: Db, id: string): Promise<void> {
  const r = await removeRoute(db, id);
  const caches = cacheStorage();
  if (!caches) return;
  await caches.delete(routeTileCache(id)); // also a cache left by a save that never finished
  if (r?.tiles && r.tiles.cache !== routeTileCache(id)) await caches.delete(r.tiles.cache);
}

/** Deletes route tile caches no saved route refers to (a save cut short); never run it during a save. */
export async function pruneRouteCaches(db: Db): Promise<string[]> {
  const caches = cacheStorage();
  if (!caches) return [];
  const kept = new Set((await readRoutes(db)).map((r) => r.tiles?.cache));
  const orphans = (await caches.keys()).filter((n) => n.startsWith(ROUTE_TILE_CACHE_PREFIX) && !kept.has(n));
  await Promise.all(orphans.map((n) => caches.delete(n)));
  return orphans;
}

/** How much the origin stores and may store (bytes), to warn before a large save; null: unknown. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  try {
    const e = await globalThis.navigator?.storage?.estimate?.();
    return e ? { usage: e.usage ?? 0, quota: e.quota ?? 0 } : null;
  } catch {
    return null;
  }
}

/** Asks the browser not to evict this origin's storage under pressure (saved routes must survive); true if granted. */
export async function persistStorage(): Promise<boolean> {
  try {
    return (await globalThis.navigator?.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
