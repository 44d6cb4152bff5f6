/**
 * Form drafts: what the inputs hold (strings), checked before sending, turned into create bodies and
 * PATCH bodies (only what changed; a cleared optional field is null, which the API reads as "clear").
 * Shared by the shop, offer and station forms.
 */
import type { Crs } from '../../../data/catalog';
import { toWgs84 } from '../../../data/crs';

/** Why a field cannot be sent yet (the screen words it in the user's language). */
export type Issue =
  | 'required' | 'tooLong' | 'latRange' | 'lngRange' | 'number' | 'percent' | 'zhe' | 'positive' | 'dateOrder' | 'date' | 'hours' | 'idFormat';
export type Issues = Partial<Record<string, Issue>>;
export type Draft = Record<string, string>;
export type Values = Record<string, unknown>;

/** Trimmed text, or undefined when empty (the API stores no empty strings). */
export const text = (s: string | undefined) => (s ?? '').trim() || undefined;

/** A coordinate typed by a person ("32.06", "118,79" with a decimal comma), rounded as the server stores it. */
export function coordinate(s: string | undefined): number | undefined {
  const t = (s ?? '').trim().replace(',', '.');
  if (t === '' || !/^[-+]?\d+(\.\d+)?$/.test(t)) return undefined;
  return Math.round(Number(t) * 1e6) / 1e6;
}

/**
 * The draft with its typed position (given in `crs`: coordinates copied from Amap are GCJ-02, from
 * Baidu BD-09) as WGS-84 to 6 decimals, what is stored; unchanged while the position is incomplete
 * or out of range (its checks then speak of what was typed).
 */
export function draftInWgs84(d: Draft, crs: Crs): Draft {
  const lat = coordinate(d.lat);
  const lng = coordinate(d.lng);
  if (crs === 'wgs84' || lat === undefined || lng === undefined || Math.abs(lat) > 90 || Math.abs(lng) > 180) return d;
  const [x, y] = toWgs84([lng, lat], crs);
  return { ...d, lat: y.toFixed(6), lng: x.toFixed(6) };
}

/** The draft form of a stored value (numbers and text as the inputs show them). */
export const shown = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Checks of the place fields stations and shops share: name, position, address and friends. */
export function placeIssues(d: Draft): Issues {
  const out: Issues = {};
  const max = (k: string, n: number) => {
    if ((d[k] ?? '').trim().length > n) out[k] = 'tooLong';
  };
  if (!text(d.name)) out.name = 'required';
  max('name', 120);
  const lat = coordinate(d.lat);
  const lng = coordinate(d.lng);
  if (!text(d.lat)) out.lat = 'required';
  else if (lat === undefined) out.lat = 'number';
  else if (lat < -90 || lat > 90) out.lat = 'latRange';
  if (!text(d.lng)) out.lng = 'required';
  else if (lng === undefined) out.lng = 'number';
  else if (lng < -180 || lng > 180) out.lng = 'lngRange';
  max('address', 200);
  for (const k of ['province', 'city', 'district', 'phone']) max(k, 40);
  max('operator', 120);
  max('notes', 1000);
  max('opening_hours', 300);
  return out;
}

/** The fields' values for the API: text trimmed (undefined when empty), lat/lng as numbers. */
export function placeValues(d: Draft, fields: readonly string[]): Values {
  const out: Values = {};
  for (const k of fields) out[k] = k === 'lat' || k === 'lng' ? coordinate(d[k]) : text(d[k]);
  return out;
}

/** The values without the undefined ones (a create body). */
export function defined(v: Values): Values {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The PATCH body that turns `before` into `after` over `fields`: changed values, null to clear. */
export function patchOf(before: Values, after: Values, fields: readonly string[]): Values {
  const out: Values = {};
  for (const k of fields) if (!same(before[k], after[k])) out[k] = after[k] ?? null;
  return out;
}

/** `before` with a PATCH body applied (null clears), as the server will store it. */
export function applied<T extends object>(before: T, patch: Values): T {
  const out = { ...before } as Values;
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = v;
  }
  return out as T;
}

/** Issues the server named (invalid_params) as form issues, keeping its reason for fields we do not check. */
export function serverIssues(params: { name: string; reason: string }[], fields: readonly string[]): { issues: Record<string, string>; other: string[] } {
  const issues: Record<string, string> = {};
  const other: string[] = [];
  for (const p of params) {
    const field = p.name.split('.')[0];
    if (fields.includes(field)) issues[field] ??= p.reason;
    else other.push(`${p.name}: ${p.reason}`);
  }
  return { issues, other };
}
