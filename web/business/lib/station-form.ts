/**
 * The admin's station form: draft ⇄ API bodies and checks. Status changes (temporarily close,
 * close, reopen) are separate one-field PATCHes, so they are never mixed up with an edit.
 */
import { AMENITY_KEYS, STATION_TYPE_KEYS, type StationStatus } from '../../../data/catalog';
import type { Station } from '../../../data/schema';
import { defined, patchOf, placeIssues, placeValues, shown, text, type Draft, type Issues, type Values } from './drafts';

export const STATION_TEXT_FIELDS = [
  'name', 'type', 'lat', 'lng', 'address', 'province', 'city', 'district', 'phone', 'operator', 'opening_hours', 'notes',
] as const;
export const STATION_FIELDS = [...STATION_TEXT_FIELDS, 'amenities'] as const;

export interface StationDraft {
  fields: Draft;
  amenities: string[];
  /** only for a new station: its id (optional; the server makes one when empty) */
  id: string;
}

export function stationDraft(s?: Partial<Station>): StationDraft {
  const fields = Object.fromEntries(STATION_TEXT_FIELDS.map((k) => [k, k === 'type' ? (s?.type ?? 'union_station') : shown(s?.[k])]));
  return { fields, amenities: [...(s?.amenities ?? [])], id: '' };
}

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export function stationIssues(d: StationDraft): Issues {
  const out = placeIssues(d.fields);
  if (!(STATION_TYPE_KEYS as readonly string[]).includes(d.fields.type)) out.type = 'required';
  if (text(d.id) && !ID.test(d.id.trim())) out.id = 'idFormat';
  return out;
}

export function stationValues(d: StationDraft): Values {
  // amenities in catalogue order, so an unchanged set compares equal
  const amenities = AMENITY_KEYS.filter((k) => d.amenities.includes(k));
  return { ...placeValues(d.fields, STATION_TEXT_FIELDS), amenities };
}

/** POST /api/admin/stations body (new stations open). */
export function stationCreateBody(d: StationDraft): Values {
  return defined({ ...stationValues(d), id: text(d.id), status: 'open' satisfies StationStatus });
}

/** PATCH /api/admin/stations/{id} body: only what changed. */
export function stationPatchBody(before: Station, d: StationDraft): Values {
  const b = { ...before, amenities: AMENITY_KEYS.filter((k) => before.amenities.includes(k)) };
  return patchOf(b as unknown as Values, stationValues(d), STATION_FIELDS);
}

/** The status changes offered for a station in a status, in the order shown. */
export function statusActions(status: StationStatus): StationStatus[] {
  if (status === 'open') return ['temporarily_closed', 'closed'];
  if (status === 'temporarily_closed') return ['open', 'closed'];
  return ['open'];
}
