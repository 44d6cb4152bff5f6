/**
 * The deterministic demo dataset: realistic stations and partner merchants around ~85 Chinese
 * cities, every record marked as demo data. Same options → byte-identical output; nothing depends
 * on the clock. Stations and merchants draw from separate streams, so asking for more or fewer
 * merchants never changes the stations.
 */
import type { Merchant, Station } from '../schema';
import { Stamps } from './dates';
import { generateMerchants } from './merchants';
import { Random, subSeed } from './random';
import { generateStations } from './stations';

export { DEMO_NOTE } from './place';

/** Options of `generateDemo`. */
export interface DemoOptions {
  /** Number of stations (1,000,000 takes a few seconds). */
  stations: number;
  /** Number of merchants; default stations / 5, rounded. */
  merchants?: number;
  /** PRNG seed; default 1. */
  seed?: number;
  /** The moment timestamps and offer windows are relative to; default `DEMO_NOW`. */
  now?: Date;
}

/** Default `now`: a fixed date so output never depends on when it was generated. */
export const DEMO_NOW = new Date('2026-11-01T00:00:00+08:00');

/** Generates the demo dataset (validated against the zod schemas by tests, not at run time). */
export function generateDemo(opts: DemoOptions): { stations: Station[]; merchants: Merchant[] } {
  const seed = opts.seed ?? 1;
  const now = opts.now ?? DEMO_NOW;
  const merchants = opts.merchants ?? Math.round(opts.stations / 5);
  for (const n of [opts.stations, merchants]) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`counts must be whole numbers ≥ 0, got ${n}`);
  }
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  const stamps = new Stamps(now);
  return {
    stations: generateStations(new Random(subSeed(seed, 'stations')), opts.stations, stamps),
    merchants: generateMerchants(new Random(subSeed(seed, 'merchants')), merchants, stamps),
  };
}
