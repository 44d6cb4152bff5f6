/**
 * What the offline copy should download next, as a pure decision: the region around the person
 * first (light, whatever the connection), the rest of the country in the background only on an
 * unmetered connection and a phone with the memory to hold it — or when the person asked for it
 * in the settings. No I/O here.
 */
import { inBox, type Box } from '../../data/sync-region';

/** The parts of navigator.connection (Network Information API) that say "this costs data". */
export interface ConnectionInfo {
  saveData?: boolean;
  effectiveType?: string;
  type?: string;
}

/** One sync step: a delta of the copy, the region around the person, or the whole country. */
export type PlanStep = 'delta' | 'region' | 'all';

/** Data costs money or is slow here: never download the whole country unasked. */
export function isMetered(c: ConnectionInfo | undefined): boolean {
  if (!c) return false; // the browser does not say (Safari, Firefox): as before, the whole copy
  return c.saveData === true || c.type === 'cellular' || ['slow-2g', '2g', '3g'].includes(c.effectiveType ?? '');
}

/**
 * Phones reporting less memory than this (navigator.deviceMemory, GB) keep their region unless the
 * person asks for the country: indexed in memory, the whole country is ~240 MB of JS heap at 400 k
 * stations, enough for a 2–3 GB phone to kill the tab.
 */
export const COUNTRY_MIN_MEMORY_GB = 4;

/** Whether a device (its navigator.deviceMemory, absent where browsers do not say) is given the whole country unasked. */
export const holdsCountry = (deviceMemory: number | undefined) => deviceMemory === undefined || deviceMemory >= COUNTRY_MIN_MEMORY_GB;

export interface PlanInput {
  /** the copy on the device: absent before the first sync; `region` absent for the whole country */
  copy: { region?: { bbox: Box } } | undefined;
  /** [lng, lat] of the person, or null when not known yet */
  near: [number, number] | null;
  metered: boolean;
  /** the device has too little memory for the whole country (holdsCountry): as metered, unless asked */
  lowMemory?: boolean;
  /** the person asked for the whole country (settings) */
  wantAll: boolean;
}

/** The steps of the next sync, in order (the 'all' step is started when the page is quiet). */
export function planSync({ copy, near, metered, lowMemory = false, wantAll }: PlanInput): PlanStep[] {
  const all = wantAll || (!metered && !lowMemory);
  if (!copy) {
    if (near) return all ? ['region', 'all'] : ['region'];
    return all ? ['all'] : []; // metered and nowhere yet: wait for a position
  }
  // a whole country kept from before on a phone short of memory: the region around the person instead
  if (!copy.region) return lowMemory && !wantAll && near ? ['region'] : ['delta'];
  if (all) return ['delta', 'all'];
  // metered (or short of memory): keep the region current; a person now outside it gets the region around them instead
  return near && !inBox(copy.region.bbox, near[0], near[1]) ? ['region'] : ['delta'];
}
