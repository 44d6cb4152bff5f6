/**
 * A raster MBTiles file (https://github.com/mapbox/mbtiles-spec), opened read-only: tiles by slippy-map
 * z/x/y (the file stores TMS rows: row = 2^z − 1 − y) and the metadata table.
 */
import Database from 'better-sqlite3';

/** Raster formats served, by MBTiles `format` value. */
const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

export interface Mbtiles {
  /** png, jpg or webp */
  readonly format: string;
  readonly contentType: string;
  /** the metadata table (name → value): name, bounds, minzoom, maxzoom, attribution, … */
  readonly metadata: Readonly<Record<string, string>>;
  /** The tile's bytes, or undefined when the file has none there. */
  tile(z: number, x: number, y: number): Buffer | undefined;
  close(): void;
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
