/**
 * The weekly opening-hours model the editor holds (lib/hours-editor.ts writes it as OSM text,
 * lib/hours-parse.ts reads OSM text into it): per day open with periods, 24 h, or closed.
 */

export const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
export type Day = (typeof DAYS)[number];

/** One opening period, "HH:MM" each; a close at or before the open means the next day (00:00 = midnight). */
export interface Span {
  open: string;
  close: string;
}

export type DayMode = 'open' | '24h' | 'closed';
export interface DayHours {
  mode: DayMode;
  /** used when mode is 'open'; kept when switching modes so nothing typed is lost */
  spans: Span[];
}

/** unset: hours unknown (no opening_hours); always: 24/7; weekly: per day. */
export type WeekMode = 'unset' | 'always' | 'weekly';
export interface WeekHours {
  mode: WeekMode;
  /** Monday first, seven entries */
  days: DayHours[];
}

export const DEFAULT_SPAN: Span = { open: '09:00', close: '18:00' };

/** A fresh day: open 09:00–18:00 (the most common shop hours, a sensible start to edit). */
export const openDay = (spans: Span[] = [DEFAULT_SPAN]): DayHours => ({ mode: 'open', spans: spans.map((s) => ({ ...s })) });

/** A week as the editor starts it: hours unknown, every day prefilled for when the user picks "by day". */
export function emptyWeek(mode: WeekMode = 'unset'): WeekHours {
  return { mode, days: DAYS.map(() => openDay()) };
}

const TIME = /^([01]?\d|2[0-4]):([0-5]\d)$/;

/** "8:00" → "08:00"; undefined when not a time of day (24:00 allowed). */
export function normTime(t: string): string | undefined {
  const m = TIME.exec(t.trim());
  if (!m || (m[1] === '24' && m[2] !== '00')) return undefined;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/** Minutes since midnight of "HH:MM". */
export const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
