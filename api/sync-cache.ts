/**
 * The /api/sync bodies of the store's current version, each built and compressed once. A `since`
 * more than a few versions behind is rounded down to a bucket (the version minus a power of two), so however many distinct values
 * clients send, a version has at most ~log2(version) bodies; an older base only adds records the
 * client already has, which it replaces idempotently. Compression runs on libuv's thread pool.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gunzip, gzip } from 'node:zlib';

export interface SyncEncoded {
  /** the body as JSON: absent when it came from a child process (made from gzip when a client asks for it) */
  json?: Buffer;
  /** its length in bytes */
  jsonBytes: number;
  gzip: Buffer;
  br: Buffer;
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const EXACT_BEHIND = 4; // deltas this close to the current version are exact (the common case)
const MAX_REGIONS = 64; // regional snapshots kept per generation (each ≤ ~400 KB compressed)
const BIG_BODY_BYTES = 256 * 1024; // above this, faster compression levels (quality 11 on 13 MB took ~50 s)

/** The version a delta for `since` is built from (0 = a full snapshot). */
export function syncBase(since: number, version: number): number {
  if (!Number.isSafeInteger(since) || since <= 0 || since > version) return 0;
  const behind = version - since;
  if (behind <= EXACT_BEHIND) return since;
  const base = version - 2 ** Math.ceil(Math.log2(behind));
  return base > 0 ? base : 0;
}

/** Compresses a body with brotli and gzip off the event loop. */
export async function encodeBody(text: string): Promise<SyncEncoded> {
  const json = Buffer.from(text);
  const big = json.length > BIG_BODY_BYTES;
  const [br, gz] = await Promise.all([
    brotliAsync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: big ? 5 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } }),
    gzipAsync(json, { level: big ? 6 : 9 }),
  ]);
  return { json, jsonBytes: json.length, gzip: gz, br };
}

/** The uncompressed body (for the rare client that accepts neither brotli nor gzip), unzipped off the event loop. */
export const plainBody = async (body: SyncEncoded): Promise<Buffer> => body.json ?? gunzipAsync(body.gzip);

export interface SyncCache {
  /**
   * The encoded body for base `from` of the generation `generation` (e.g. version and day); a
   * regional snapshot's key is its box as text (at most MAX_REGIONS of them are kept per generation).
   */
  get(generation: string, from: number | string, build: () => Promise<SyncEncoded>): Promise<SyncEncoded>;
  /** How many bodies were built (the abuse tests count them). */
  readonly builds: number;
}

/** One cache per store: only the current generation's bodies are kept (older ones are dropped). */
export function createSyncCache(): SyncCache {
  let generation = '';
  let bodies = new Map<number | string, Promise<SyncEncoded>>();
  let builds = 0;
  return {
    get(gen, from, build) {
      if (gen !== generation) [generation, bodies] = [gen, new Map()];
      let hit = bodies.get(from);
      if (!hit) {
        builds++;
        const own = bodies;
        hit = build();
        hit.catch(() => own.delete(from)); // a failed build is retried by the next request
        bodies.set(from, hit);
        if (typeof from === 'string') dropOldRegions(bodies);
      }
      return hit;
    },
    get builds() {
      return builds;
    },
  };
}

/** Forgets the oldest regional bodies beyond MAX_REGIONS (insertion order is age). */
function dropOldRegions(bodies: Map<number | string, unknown>): void {
  const regions = [...bodies.keys()].filter((k) => typeof k === 'string');
  while (regions.length > MAX_REGIONS) bodies.delete(regions.shift()!);
}
