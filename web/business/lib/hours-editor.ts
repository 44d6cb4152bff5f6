/**
 * The weekly opening-hours editor's model and OpenStreetMap `opening_hours` text, both ways.
 * Merchants pick, per day, "open from–to" (one or more periods), "24 h" or "closed"; `toOsm`
 * writes the OSM syntax the server stores ("Mo-Fr 08:00-20:00; Sa 09:00-18:00"), `fromOsm` reads
 * the simple strings back into the editor and answers null for anything it cannot show (public
 * holidays, months, sunrise…), which the screen then keeps as raw text.
 */
import { fromOsm } from './hours-parse';
import { DAYS, minutes, normTime, type DayHours, type Span, type WeekHours } from './hours-model';

export * from './hours-model';
export { fromOsm } from './hours-parse';

/** The OSM form of one period: a close at midnight is "24:00" (the end of the day). */
function spanText(s: Span): string {
  return `${s.open}-${s.close === '00:00' ? '24:00' : s.close}`;
}

/** What a day says in OSM ("08:00-12:00,14:00-18:00", "00:00-24:00" or "off"). */
function dayText(d: DayHours): string {
  if (d.mode === 'closed') return 'off';
  if (d.mode === '24h') return '00:00-24:00';
  return [...d.spans].sort((a, b) => minutes(a.open) - minutes(b.open)).map(spanText).join(',');
}

/** "Mo-Fr", "Mo,We,Fr", "Mo-We,Sa" for a sorted list of day indexes. */
function daysText(idx: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) j++;
    parts.push(j === i ? DAYS[idx[i]] : `${DAYS[idx[i]]}-${DAYS[idx[j]]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** True when a day has a period past midnight (it spills into the next day). */
const wraps = (d: DayHours) => d.mode === 'open' && d.spans.some((s) => s.close !== '00:00' && minutes(s.close) < minutes(s.open));

/**
 * The OSM opening_hours text of a week ('' when unset). Days with the same hours share one rule.
 * Rules are joined with "; " — except when a night's period spills into a day that has hours of
 * its own: a "; " rule would then replace the spill (OSM semantics), so rules are joined with
 * ", " (additional rules, which add to each other).
 */
export function toOsm(w: WeekHours): string {
  if (w.mode === 'unset') return '';
  const texts = w.days.map(dayText);
  if (w.mode === 'always' || texts.every((t) => t === '00:00-24:00')) return '24/7';
  if (texts.every((t) => t === 'off')) return 'off';
  const groups = new Map<string, number[]>();
  texts.forEach((t, i) => t !== 'off' && groups.set(t, [...(groups.get(t) ?? []), i]));
  const additive = w.days.some((d, i) => wraps(d) && texts[(i + 1) % 7] !== 'off' && texts[(i + 1) % 7] !== texts[i]);
  return [...groups].map(([t, idx]) => `${daysText(idx)} ${t}`).join(additive ? ', ' : '; ');
}

export type HoursIssue = 'missing' | 'same' | 'overlap';

/** Problems the user must fix before saving, per day and period (empty when the week is fine). */
export function weekIssues(w: WeekHours): { day: number; span: number; issue: HoursIssue }[] {
  if (w.mode !== 'weekly') return [];
  const out: { day: number; span: number; issue: HoursIssue }[] = [];
  w.days.forEach((d, day) => {
    if (d.mode !== 'open') return;
    if (d.spans.length === 0) out.push({ day, span: 0, issue: 'missing' });
    const ranges: [number, number, number][] = [];
    d.spans.forEach((s, span) => {
      if (!normTime(s.open) || !normTime(s.close) || s.open === '24:00') return void out.push({ day, span, issue: 'missing' });
      if (s.open === s.close) return void out.push({ day, span, issue: 'same' });
      const a = minutes(s.open);
      const b = minutes(s.close) <= a ? 24 * 60 : minutes(s.close); // past midnight: the rest of today
      if (ranges.some(([x, y]) => a < y && x < b)) out.push({ day, span, issue: 'overlap' });
      ranges.push([a, b, span]);
    });
  });
  return out;
}

/** True when a period ends on the next day (e.g. 18:00–02:00), so the screen can say so. */
export const endsNextDay = (s: Span) => !!normTime(s.open) && !!normTime(s.close) && s.close !== '00:00' && minutes(s.close) < minutes(s.open);

/** The editor's state: the weekly editor, or raw OSM text it cannot show (kept as the user wrote it). */
export type HoursState = { kind: 'editor'; week: WeekHours } | { kind: 'raw'; text: string };

/** The editor state for stored hours. */
export function hoursState(osm: string | undefined): HoursState {
  const week = fromOsm(osm ?? '');
  return week ? { kind: 'editor', week } : { kind: 'raw', text: osm ?? '' };
}

/** The OSM text to store for an editor state. */
export const hoursText = (s: HoursState) => (s.kind === 'editor' ? toOsm(s.week) : s.text.trim());

/** Copies day `from`'s hours to the days `to` (e.g. Monday to Tuesday–Friday). */
export function copyDay(w: WeekHours, from: number, to: number[]): WeekHours {
  const src = w.days[from];
  return { ...w, days: w.days.map((d, i) => (to.includes(i) ? { mode: src.mode, spans: src.spans.map((s) => ({ ...s })) } : d)) };
}
