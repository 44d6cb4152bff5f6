/**
 * Likely duplicates: the same name (trimmed) within a radius of another item. Pure, so the server
 * can run it on an import file and, later, against the data it already holds.
 */
import { haversine } from '../geo/haversine';
import type { RowError } from '../schema';
import { rowProblem } from './problems';

export interface DuplicateCandidate {
  row: number;
  name: string;
  lng: number; // WGS-84 degrees
  lat: number; // WGS-84 degrees
}
/** A warning on the later item, naming the earlier one (`other`) and how far apart they are. */
export type DuplicateHint = RowError & { other: number; distance: number };

/** Warnings for items that repeat an earlier item's name within `radiusM` metres (default 50). */
export function findLikelyDuplicates(items: readonly DuplicateCandidate[], radiusM = 50): DuplicateHint[] {
  const byName = new Map<string, DuplicateCandidate[]>();
  const hints: DuplicateHint[] = [];
  for (const item of items) {
    const name = item.name.trim();
    const earlier = byName.get(name) ?? [];
    for (const e of earlier) {
      const distance = haversine(e.lng, e.lat, item.lng, item.lat);
      if (distance > radiusM) continue;
      const reason = `likely duplicate of row ${e.row}: same name "${name}" ${Math.round(distance)} m away`;
      hints.push({ ...rowProblem(item.row, 'name', 'likely_duplicate', reason, { other: e.row, distance: Math.round(distance), name }), other: e.row, distance });
      break; // one hint per item is enough
    }
    earlier.push(item);
    byName.set(name, earlier);
  }
  return hints;
}
