/**
 * Compact columnar encoding of record lists for /api/sync and the offline copy.
 * One array per field instead of one object per record: positions as integer micro-degree deltas,
 * repetitive text (province, hours, operator…) as dictionaries, amenity sets as bit masks,
 * times as epoch seconds. Records sent in spatial order (`spatialOrder`) make neighbours share
 * text and small position deltas, and gzip does the rest.
 */
import { AMENITY_KEYS, keysOf, maskOf } from './catalog';
import type { Merchant, Station } from './schema';

type FieldKind = 'text' | 'dict' | 'deg' | 'mask' | 'time' | 'json' | 'list';
type Codec = Record<string, FieldKind>;

const STATION_CODEC: Codec = {
  id: 'text', name: 'text', type: 'dict', lat: 'deg', lng: 'deg', address: 'text', province: 'dict',
  city: 'dict', district: 'dict', phone: 'text', operator: 'dict', opening_hours: 'dict', amenities: 'mask',
  notes: 'dict', status: 'dict', timezone: 'dict', verified_at: 'time', updated_at: 'time',
  // what few stations have: absent (0) for the rest
  amenities_unavailable: 'list', notices: 'list', verified_by: 'dict', confirmed_on: 'list', closed_until: 'dict',
};
const MERCHANT_CODEC: Codec = {
  id: 'text', name: 'text', category: 'dict', lat: 'deg', lng: 'deg', address: 'text', province: 'dict',
  city: 'dict', district: 'dict', phone: 'text', opening_hours: 'dict', notes: 'dict', status: 'dict',
  timezone: 'dict', updated_at: 'time', offers: 'json',
};
const MASK_KEYS: Record<string, readonly string[]> = { amenities: AMENITY_KEYS };

/** Columns of one record list: `n` records, one array (or dictionary) per field. */
export interface Columns {
  n: number;
  [field: string]: unknown;
}

type Dict = { d: string[]; i: number[] };

function encodeField(kind: FieldKind, field: string, values: unknown[]): unknown {
  switch (kind) {
    case 'deg': {
      let prev = 0;
      return values.map((v) => {
        const x = Math.round((v as number) * 1e6);
        const delta = x - prev;
        prev = x;
        return delta;
      });
    }
    case 'mask':
      return values.map((v) => maskOf(MASK_KEYS[field], (v as string[]) ?? []));
    case 'time': // whole seconds (canonical records carry no milliseconds)
      return values.map((v) => (v === undefined ? 0 : Math.floor(Date.parse(v as string) / 1000)));
    case 'dict': {
      const d: string[] = [];
      const seen = new Map<string, number>();
      const i = values.map((v) => {
        if (v === undefined) return 0;
        let k = seen.get(v as string);
        if (k === undefined) seen.set(v as string, (k = d.push(v as string)));
        return k;
      });
      return { d, i } satisfies Dict;
    }
    case 'text':
      return values.map((v) => (v === undefined ? 0 : v));
    case 'json':
      return values;
    case 'list': // an optional array: 0 when absent
      return values.map((v) => v ?? 0);
  }
}

function decodeField(kind: FieldKind, field: string, col: unknown, n: number): unknown[] {
  switch (kind) {
    case 'deg': {
      let acc = 0;
      return (col as number[]).map((d) => (acc += d) / 1e6);
    }
    case 'mask':
      return (col as number[]).map((m) => keysOf(MASK_KEYS[field], m));
    case 'time':
      return (col as number[]).map((t) => (t === 0 ? undefined : new Date(t * 1000).toISOString()));
    case 'dict': {
      const { d, i } = col as Dict;
      return i.map((k) => (k === 0 ? undefined : d[k - 1]));
    }
    case 'text':
      return (col as unknown[]).map((v) => (v === 0 ? undefined : v));
    case 'json':
      return (col as unknown[]) ?? new Array(n).fill([]);
    case 'list': // a copy from before the field existed has no column
      return col === undefined ? new Array(n).fill(undefined) : (col as unknown[]).map((v) => (v === 0 ? undefined : v));
  }
}

function encode(codec: Codec, records: readonly object[]): Columns {
  const out: Columns = { n: records.length };
  for (const [field, kind] of Object.entries(codec)) {
    out[field] = encodeField(kind, field, records.map((r) => (r as Record<string, unknown>)[field]));
  }
  return out;
}

function decode<T>(codec: Codec, cols: Columns): T[] {
  const fields = Object.entries(codec).map(([f, kind]) => [f, decodeField(kind, f, cols[f], cols.n)] as const);
  const out: T[] = new Array(cols.n);
  for (let r = 0; r < cols.n; r++) {
    const rec: Record<string, unknown> = {};
    for (const [f, values] of fields) if (values[r] !== undefined) rec[f] = values[r];
    out[r] = rec as T;
  }
  return out;
}

/** Encodes stations as columns (the inverse of decodeStations for canonical records). */
export const encodeStations = (s: readonly Station[]): Columns => encode(STATION_CODEC, s);
/** Decodes station columns back into canonical station records. */
export const decodeStations = (c: Columns): Station[] => decode<Station>(STATION_CODEC, c);
/** Encodes merchants (with their offers) as columns. */
export const encodeMerchants = (m: readonly Merchant[]): Columns => encode(MERCHANT_CODEC, m);
/** Decodes merchant columns back into merchant records. */
export const decodeMerchants = (c: Columns): Merchant[] => decode<Merchant>(MERCHANT_CODEC, c);

/**
 * Rows [start, end) of a kind's columns, still encoded: arrays sliced, the first position delta
 * re-based to the absolute value, dictionaries shared. Decoding a slice costs only its rows, so a
 * large sync can be processed a part at a time.
 */
export function sliceColumns(kind: 'stations' | 'merchants', cols: Columns, start: number, end: number): Columns {
  const codec = kind === 'stations' ? STATION_CODEC : MERCHANT_CODEC;
  const to = Math.min(end, cols.n);
  const out: Columns = { n: Math.max(0, to - start) };
  for (const [field, kind2] of Object.entries(codec)) {
    const col = cols[field];
    if (col === undefined) continue;
    if (kind2 === 'dict') out[field] = { d: (col as Dict).d, i: (col as Dict).i.slice(start, to) };
    else if (kind2 === 'deg') {
      const deltas = col as number[];
      let base = 0;
      for (let r = 0; r < start; r++) base += deltas[r];
      const part = deltas.slice(start, to);
      if (part.length) part[0] += base;
      out[field] = part;
    } else out[field] = (col as unknown[]).slice(start, to);
  }
  return out;
}

/**
 * Records sorted along a Z-order curve of their position (≈ 1 km cells), so that neighbours in
 * the list are neighbours on the map: smaller position deltas, repeated names and addresses close.
 */
export function spatialOrder<T extends { lng: number; lat: number }>(records: readonly T[]): T[] {
  const key = (r: T) => {
    const x = Math.floor(((r.lng + 180) / 360) * 65535);
    const y = Math.floor(((r.lat + 90) / 180) * 65535);
    let z = 0;
    for (let b = 15; b >= 0; b--) z = z * 4 + ((x >> b) & 1) * 2 + ((y >> b) & 1);
    return z;
  };
  return records
    .map((r) => ({ r, k: key(r) }))
    .sort((a, b) => a.k - b.k)
    .map((e) => e.r);
}
