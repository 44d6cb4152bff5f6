/**
 * A notice's dates in plain words, in the station's zone: "本周六 09:00–12:00" / "this Saturday
 * 09:00–12:00", "明天 14:00", "3月1日 – 3月15日", "截至…" / "until…". Notices store wall-clock
 * times of the station ("YYYY-MM-DDTHH:mm" or a date), so the words read them as they are.
 */
import type { Notice } from '../../data/notices';
import { translate, type Locale } from '../i18n';
import { localDate } from '../../data/wall-time';
import { DEFAULT_TZ } from './format';
import { dateFormat } from './intl';

const DAY_MS = 86_400_000;
const weekday = (day: string) => (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6

/** "今天", "明天", "本周六", "下周二" or a date, for a station day seen from today. */
function dayWords(day: string, today: string, locale: Locale): string {
  const d = Math.round((Date.parse(day) - Date.parse(today)) / DAY_MS);
  if (d === 0) return translate(locale, 'today');
  if (d === 1) return translate(locale, 'tomorrow');
  if (d > 1 && d < 7) {
    const name = dateFormat(locale, { weekday: locale === 'en' ? 'long' : 'short', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
    return translate(locale, weekday(day) > weekday(today) ? 'noticeThis' : 'noticeNext', { day: name });
  }
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return dateFormat(locale, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }), timeZone: 'UTC' })
    .format(new Date(`${day}T12:00:00Z`));
}

const parts = (wall: string) => ({ day: wall.slice(0, 10), time: wall.length > 10 ? wall.slice(11, 16) : '' });

/** When a notice is on, in words ('' when it has no dates). */
export function noticeWhen(n: Pick<Notice, 'starts' | 'ends'>, now: Date, locale: Locale, tz = DEFAULT_TZ): string {
  const today = localDate(now, tz);
  const word = (wall: string) => {
    const p = parts(wall);
    return [dayWords(p.day, today, locale), p.time].filter(Boolean).join(' ');
  };
  if (n.starts && n.ends) {
    const a = parts(n.starts);
    const b = parts(n.ends);
    if (a.day === b.day && a.time && b.time) return `${word(n.starts)}–${b.time}`;
    return `${word(n.starts)} – ${word(n.ends)}`;
  }
  if (n.starts) return translate(locale, 'noticeFrom', { when: word(n.starts) });
  if (n.ends) return translate(locale, 'noticeUntil', { when: word(n.ends) });
  return '';
}
