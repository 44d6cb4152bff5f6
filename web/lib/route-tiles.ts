/**
 * The map tiles along a saved route's corridor: planned (how many, how large, before the user
 * decides) and fetched into the route's own cache under the exact URLs Leaflet will ask for.
 * Only from a source that allows prefetch: OpenStreetMap's standard tiles never are.
 */
import { fromWgs84 } from '../../data/crs';
import { AVERAGE_TILE_BYTES, corridorTiles, type TileCount } from '../../data/geo/corridor-tiles';
import { sourceZooms, tileUrl, tilesInSource, type TileCoord } from '../../data/map-tiles';
import type { LngLat, TileConfig } from './api';

export interface TilePlan {
  /** the source allows saving its tiles (false: save the listings alone) */
  allowed: boolean;
  /** the zooms planned: the asked ones within the source's (minZoom > maxZoom: none) */
  minZoom: number;
  maxZoom: number;
  perZoom: TileCount[];
  count: number;
  /** estimated */
  bytes: number;
}

/** The asked zooms within those the source has. */
const zoomRange = (t: TileConfig, minZoom: number, maxZoom: number) => {
  const [lo, hi] = sourceZooms(t);
  return [Math.max(minZoom, lo), Math.min(maxZoom, hi)] as const;
};

/** Tiles at `z` the corridor touches, in the source's coordinate system and within its bounds. */
const tilesAt = (t: TileConfig, drawn: LngLat[], widthM: number, z: number) => tilesInSource(t, z, corridorTiles(drawn, widthM, z));

/** The corridor's tiles zoom by zoom, from the lowest: [zoom, [x, y][]]. */
function* tilesByZoom(t: TileConfig, line: LngLat[], widthM: number, minZoom: number, maxZoom: number): Generator<[number, [number, number][]]> {
  const drawn = line.map((p) => fromWgs84(p, t.crs)); // GCJ-02 tiles are drawn shifted
  const [lo, hi] = zoomRange(t, minZoom, maxZoom);
  for (let z = lo; z <= hi; z++) yield [z, tilesAt(t, drawn, widthM, z)];
}

/** Every tile a corridor needs, lowest zoom first: what planTiles counts and prefetchTiles fetches. */
export function* planTileCoords(t: TileConfig, line: LngLat[], widthM: number, minZoom: number, maxZoom: number): Generator<TileCoord> {
  for (const [z, tiles] of tilesByZoom(t, line, widthM, minZoom, maxZoom)) for (const [x, y] of tiles) yield { z, x, y };
}

/** What saving the tiles along a corridor would take, to show before the user decides. */
export function planTiles(t: TileConfig, line: LngLat[], widthM: number, minZoom: number, maxZoom: number): TilePlan {
  const each = t.tileBytes ?? AVERAGE_TILE_BYTES;
  const perZoom = [...tilesByZoom(t, line, widthM, minZoom, maxZoom)].map(([zoom, tiles]) => ({ zoom, tiles: tiles.length, bytes: tiles.length * each }));
  const count = perZoom.reduce((n, c) => n + c.tiles, 0);
  const [lo, hi] = zoomRange(t, minZoom, maxZoom);
  return { allowed: t.allowPrefetch, minZoom: lo, maxZoom: hi, perZoom, count, bytes: count * each };
}

export interface PrefetchOptions {
  tiles: TileConfig;
  /** WGS-84 */
  line: LngLat[];
  /** metres either side of the line */
  widthM: number;
  minZoom: number;
  maxZoom: number;
  /** routeTileCache(id) */
  cacheName: string;
  /** what relative tile URLs resolve against: location.origin */
  origin: string;
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number; bytes: number }) => void;
  fetch?: typeof globalThis.fetch;
  /** requests at a time */
  concurrency?: number;
  /** `{r}` as '@2x' (Leaflet does on a high-density screen); default: devicePixelRatio > 1 */
  retina?: boolean;
}

export interface PrefetchResult {
  /** tiles stored */
  count: number;
  /** bytes stored */
  bytes: number;
  /** tiles that failed twice */
  failed: number;
}

const abortError = () => new DOMException('Saving the route tiles was cancelled', 'AbortError');

/** A tile's response: 'missing' (404: the source has none there) or 'failed' after one retry. */
async function fetchTile(doFetch: typeof fetch, url: string, signal: AbortSignal): Promise<Response | 'missing' | 'failed'> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const res = await doFetch(url, { mode: 'cors', signal }); // readable, so counted at its real size
      if (res.ok) return res;
      await res.body?.cancel().catch(() => {});
      if (res.status === 404) return 'missing';
    } catch (e) {
      if (signal.aborted) throw e;
    }
  }
  return 'failed';
}

/**
 * Downloads the tiles along a corridor into `cacheName`. Throws at once for a source that does not
 * allow prefetch (nothing is fetched); on abort — or any error — the cache is deleted.
 */
export async function prefetchTiles(o: PrefetchOptions): Promise<PrefetchResult> {
  if (!o.tiles.allowPrefetch) throw new Error('This tile source does not allow saving tiles for offline use');
  if (o.signal?.aborted) throw abortError();
  const list = [...planTileCoords(o.tiles, o.line, o.widthM, o.minZoom, o.maxZoom)];
  const stop = new AbortController(); // the caller's abort, or the first error
  const onAbort = () => stop.abort();
  o.signal?.addEventListener('abort', onAbort);
  try {
    return await download(o, list, stop);
  } catch (e) {
    await caches.delete(o.cacheName);
    throw o.signal?.aborted ? abortError() : e;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
}

/** Fetches `list` into the cache, `concurrency` at a time; the first error stops them all and is thrown. */
async function download(o: PrefetchOptions, list: TileCoord[], stop: AbortController): Promise<PrefetchResult> {
  const doFetch = o.fetch ?? globalThis.fetch.bind(globalThis);
  const retina = o.retina ?? (globalThis.devicePixelRatio ?? 1) > 1;
  const cache = await caches.open(o.cacheName);
  const p = { done: 0, total: list.length, bytes: 0 };
  let count = 0, failed = 0, next = 0, error: unknown;

  async function one({ z, x, y }: TileCoord): Promise<void> {
    const url = tileUrl(o.tiles.url, o.tiles.subdomains, z, x, y, { base: o.origin, retina });
    const res = await fetchTile(doFetch, url, stop.signal);
    if (res === 'failed') failed++;
    if (typeof res === 'string') return;
    const [body] = await Promise.all([res.clone().blob(), cache.put(url, res)]);
    p.bytes += body.size;
    count++;
  }
  async function worker(): Promise<void> {
    try {
      while (next < list.length && !stop.signal.aborted) {
        await one(list[next++]);
        p.done++;
        o.onProgress?.({ ...p });
      }
    } catch (e) {
      error ??= e;
      stop.abort();
    }
  }
  o.onProgress?.({ ...p });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency ?? 4, list.length)) }, worker));
  if (error !== undefined) throw error;
  if (stop.signal.aborted) throw abortError();
  return { count, bytes: p.bytes, failed };
}
