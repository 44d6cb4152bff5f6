/**
 * A raster MBTiles file (https://github.com/mapbox/mbtiles-spec), opened read-only: tiles by slippy-map
 * z/x/y (the file stores TMS rows: row = 2^z − 1 − y) and the metadata table.
 */
import Database from 'better-sqlite3';
import type { TileConfig, TileSource } from '../data/wire';

/** Raster formats served, by MBTiles `format` value. */
const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

export interface Mbtiles {
  /** png, jpg or webp */
  readonly format: string;
  readonly contentType: string;
  /** the metadata table (name → value): name, bounds, minzoom, maxzoom, attribution, … */
  readonly metadata: Readonly<Record<string, string>>;
  /** What the file covers, from its metadata, and its average tile size (from a sample of tiles). */
  readonly extent: TileExtent;
  /** The tile's bytes, or undefined when the file has none there. */
  tile(z: number, x: number, y: number): Buffer | undefined;
  close(): void;
}

export interface TileExtent {
  minZoom?: number;
  maxZoom?: number;
  /** WGS-84 minLng, minLat, maxLng, maxLat */
  bounds?: [number, number, number, number];
  /** mean bytes of up to TILE_SAMPLE tiles */
  tileBytes?: number;
}

/** Tiles read to estimate the average tile size (a national file holds millions). */
const TILE_SAMPLE = 1000;

/** The metadata's zooms and bounds, each only when well-formed. */
function extentOf(metadata: Record<string, string>, tileBytes: number | null): TileExtent {
  const zoom = (k: string) => (/^\d{1,2}$/.test(metadata[k] ?? '') ? Number(metadata[k]) : undefined);
  const b = (metadata.bounds ?? '').split(',').map(Number);
  const bounds = b.length === 4 && b.every(Number.isFinite) && b[0] < b[2] && b[1] < b[3] ? (b as TileExtent['bounds']) : undefined;
  return { minZoom: zoom('minzoom'), maxZoom: zoom('maxzoom'), bounds, tileBytes: tileBytes ? Math.round(tileBytes) : undefined };
}

/** Opens an MBTiles file; throws a clear error if it is missing, not MBTiles, or vector tiles. */
export function openMbtiles(path: string): Mbtiles {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new Error(`MBTILES_PATH: cannot open ${path}: ${(err as Error).message}`);
  }
  try {
    const metadata: Record<string, string> = {};
    for (const row of db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]) {
      metadata[row.name] = String(row.value);
    }
    const get = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').pluck();
    const format = (metadata.format ?? sniff(db.prepare('SELECT tile_data FROM tiles LIMIT 1').pluck().get() as Buffer | undefined)).toLowerCase();
    if (!TYPES[format]) throw new Error(`tiles in format "${format}" are not served: Yizhan serves raster MBTiles (png, jpg, webp)`);
    return {
      format,
      contentType: TYPES[format],
      metadata,
      extent: extentOf(metadata, db.prepare(`SELECT avg(length(tile_data)) FROM (SELECT tile_data FROM tiles LIMIT ${TILE_SAMPLE})`).pluck().get() as number | null),
      tile: (z, x, y) => (get.get(z, x, 2 ** z - 1 - y) as Buffer | undefined) ?? undefined,
      close: () => db.close(),
    };
  } catch (err) {
    db.close();
    throw new Error(`MBTILES_PATH: ${path} is not a raster MBTiles file: ${(err as Error).message}`);
  }
}

/** The format of a tile from its first bytes (for files whose metadata does not say). */
function sniff(data: Buffer | undefined): string {
  if (!data) return 'png';
  if (data[0] === 0x89 && data[1] === 0x50) return 'png';
  if (data[0] === 0xff && data[1] === 0xd8) return 'jpg';
  if (data.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return 'unknown';
}

/**
 * The tiles the PWA is told about (GET /api/config) and its page names (api/static.ts): the
 * configured source, plus the extent of `own`, the MBTiles file the API serves when the source is
 * its /tiles/ (the map then asks for nothing outside it).
 */
export function tileConfig(source: TileSource, own: TileExtent | null): TileConfig {
  const { url, subdomains, attribution, crs, maxZoom, allowPrefetch } = source;
  return {
    url, subdomains, attribution, crs, maxZoom, allowPrefetch,
    ...(own && { minZoom: own.minZoom, maxNativeZoom: own.maxZoom, bounds: own.bounds, tileBytes: own.tileBytes }),
  };
}
