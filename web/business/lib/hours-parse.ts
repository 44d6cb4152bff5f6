/**
 * Reading OpenStreetMap opening_hours text into the editor's week: the simple forms the editor
 * writes and people commonly type ("Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00", "24/7",
 * "Fr-Mo 10:00-22:00", "," additional rules). Anything more (holidays, months, sunrise…) is null.
 */
import { DAYS, DEFAULT_SPAN, emptyWeek, normTime, type DayHours, type Span, type WeekHours } from './hours-model';

/** Day indexes of a selector like "Mo-Fr,Su" (ranges may wrap: "Fr-Mo"); undefined if not understood. */
function parseDays(sel: string): number[] | undefined {
  const out = new Set<number>();
  const find = (d: string) => DAYS.findIndex((x) => x.toLowerCase() === d.toLowerCase());
  for (const part of sel.split(',')) {
    const [a, b, extra] = part.split('-');
    const from = find(a);
    const to = b === undefined ? from : find(b);
    if (from < 0 || to < 0 || extra !== undefined) return undefined;
    for (let i = from; ; i = (i + 1) % 7) {
      out.add(i);
      if (i === to) break;
    }
  }
  return [...out].sort((x, y) => x - y);
}

/** The periods of "08:00-12:00,14:00-18:00"; undefined if not understood. */
function parseSpans(text: string): Span[] | undefined {
  const spans: Span[] = [];
  for (const part of text.split(',')) {
    const [a, b, extra] = part.split('-');
    const open = a === undefined ? undefined : normTime(a);
    const close = b === undefined ? undefined : normTime(b);
    if (!open || !close || extra !== undefined || open === '24:00' || open === close) return undefined;
    spans.push({ open, close: close === '24:00' ? '00:00' : close });
  }
  return spans;
}

const RULE = /^(?:([A-Za-z]{2}(?:-[A-Za-z]{2})?(?:,[A-Za-z]{2}(?:-[A-Za-z]{2})?)*)\s+)?(.+)$/;
/** A "," between rules (after a time or "off", before a day): an additional rule. */
const ADDITIONAL = /(?<=\d|off|closed),(?=[A-Za-z]{2}(?:[\s,-]))/;

/** A day's hours from one rule's time part ("08:00-12:00,14:00-18:00", "off", "24/7"); undefined if not understood. */
function ruleDay(what: string, hasDays: boolean): DayHours | undefined {
  if (what === 'off' || what === 'closed') return { mode: 'closed', spans: [{ ...DEFAULT_SPAN }] };
  if (what === '24/7' && !hasDays) return { mode: '24h', spans: [{ ...DEFAULT_SPAN }] };
  const spans = parseSpans(what);
  if (!spans) return undefined;
  const allDay = spans.length === 1 && spans[0].open === '00:00' && spans[0].close === '00:00';
  return allDay ? { mode: '24h', spans: [{ ...DEFAULT_SPAN }] } : { mode: 'open', spans };
}

/** Day `old` with an additional rule's hours `add` (additional rules add periods; "off" closes). */
function addTo(old: DayHours, add: DayHours): DayHours {
  if (add.mode !== 'open' || old.mode === '24h') return add.mode === 'open' ? old : add;
  return old.mode === 'open' ? { mode: 'open', spans: [...old.spans, ...add.spans] } : add;
}

/**
 * The editor's week for an OSM string, or null when the string says more than the editor can show
 * (then the screen keeps it as text). Rules after "; " replace earlier hours of their days, rules
 * after "," add to them, as in OSM; days no rule names are closed.
 */
export function fromOsm(text: string): WeekHours | null {
  const s = text.trim().replace(/\s*,\s*/g, ',').replace(/\s*-\s*/g, '-').replace(/\s+/g, ' ').replace(/;\s*$/, '');
  if (s === '') return emptyWeek('unset');
  if (s === '24/7') return emptyWeek('always');
  const days: DayHours[] = DAYS.map(() => ({ mode: 'closed', spans: [{ ...DEFAULT_SPAN }] }));
  for (const group of s.split(';')) {
    const rules = group.trim().split(ADDITIONAL);
    for (let r = 0; r < rules.length; r++) {
      const m = RULE.exec(rules[r].trim());
      if (!rules[r].trim() || !m) return null;
      const idx = m[1] ? parseDays(m[1]) : [0, 1, 2, 3, 4, 5, 6];
      const day = ruleDay(m[2].trim(), !!m[1]);
      if (!idx || !day) return null;
      for (const i of idx) {
        const copy = { mode: day.mode, spans: day.spans.map((x) => ({ ...x })) };
        days[i] = r === 0 ? copy : addTo(days[i], copy);
      }
    }
  }
  return { mode: 'weekly', days };
}
