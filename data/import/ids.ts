/**
 * Deterministic ids for rows that come without one, so importing the same file again updates the
 * same records instead of adding copies. FNV-1a 64 in plain JS (BigInt), no crypto API needed.
 */

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/** FNV-1a 64-bit hash of a string's UTF-8 bytes, as 13 base-36 digits. */
export function fnv1a64(s: string): string {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(s)) h = ((h ^ BigInt(byte)) * FNV_PRIME) & MASK64;
  return h.toString(36).padStart(13, '0');
}

/** Id of an unnamed row: 's_'/'m_' + hash of the trimmed name and the WGS-84 position to 4 decimals (~11 m). */
export function deriveId(kind: 'stations' | 'merchants', name: string, lng: number, lat: number): string {
  const prefix = kind === 'stations' ? 's_' : 'm_';
  return prefix + fnv1a64(`${name.trim()}|${lng.toFixed(4)}|${lat.toFixed(4)}`);
}
