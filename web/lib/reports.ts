/**
 * Problem reports as the rider makes them: each kind's words (the kinds are data/catalog.ts's
 * REPORT_KINDS, PRODUCT.md's POST /api/reports contract), the note's limit, and the body with a fresh clientId — made once, when the rider taps Send, so
 * every later retry of that report carries the same id.
 */
import type { ReportKind } from '../../data/catalog';
import type { MessageKey } from '../i18n';
import type { ReportBody } from './db';

/** Each kind's words in the catalogues (the kinds themselves: REPORT_KINDS in data/catalog.ts). */
export const REPORT_KIND_LABEL: Record<ReportKind, MessageKey> = {
  closed: 'reportKindClosed',
  temporarily_closed: 'reportKindTemporarilyClosed',
  not_found: 'reportKindNotFound',
  wrong_location: 'reportKindWrongLocation',
  amenity_missing: 'reportKindAmenityMissing',
  confirmed: 'reportKindConfirmed',
  other: 'reportKindOther',
};
/** Characters (code points) in a note, as the server counts them. */
export const NOTE_MAX = 500;

export interface ReportDraft {
  targetType: 'station' | 'merchant';
  targetId: string;
  kind: ReportKind;
  note?: string;
  /** only with kind amenity_missing */
  amenity?: string;
}

/** Characters of a note as the server counts them (code points, after trimming). */
export const noteLength = (note: string) => [...note.trim()].length;

/** A random v4 UUID (crypto.randomUUID where the page is a secure context, else from getRandomValues). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The POST body of a draft, or the reason it cannot be sent. */
export function reportBody(d: ReportDraft, clientId = newClientId()): ReportBody | { error: 'noteTooLong' | 'amenityMissing' } {
  const note = d.note?.trim();
  if (note && noteLength(note) > NOTE_MAX) return { error: 'noteTooLong' };
  if (d.kind === 'amenity_missing' && !d.amenity) return { error: 'amenityMissing' };
  return {
    clientId,
    targetType: d.targetType,
    targetId: d.targetId,
    kind: d.kind,
    ...(note ? { note } : {}),
    ...(d.kind === 'amenity_missing' ? { amenity: d.amenity } : {}),
  };
}
