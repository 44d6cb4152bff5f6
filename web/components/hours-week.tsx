/**
 * The week's opening hours from today, evaluated with data/hours in the station's zone; a night
 * that runs past midnight is one opening on the day it starts ("17:00–次日02:00"). Until the
 * parser has loaded (or when the hours are unknown) the raw value is shown, in a box the same size.
 */
import { dayText } from '../../data/hours-text';
import type { HoursModule } from '../hooks/use-hours';
import { DEFAULT_TZ, formatWeekday } from '../lib/format';
import { useI18n } from '../i18n/context';

interface Props {
  hours?: string;
  tz?: string;
  mod: HoursModule | null;
  now: Date;
}

export function HoursWeek({ hours, tz = DEFAULT_TZ, mod, now }: Props) {
  const { t, locale } = useI18n();
  if (!hours) return <p class="muted">{t('hoursUnknown')}</p>;
  if (!mod) return <p class="week-raw" aria-busy="true">{t('hoursRaw', { value: hours })}</p>;
  const days = mod.weekSchedule(hours, now, tz);
  if (days.every((d) => d.unknown && d.intervals.length === 0)) return <p class="week-raw">{t('hoursRaw', { value: hours })}</p>;
  return (
    <table class="week">
      <caption class="visually-hidden">{t('hoursWeek')}</caption>
      <tbody>
        {days.map((d, i) => {
          const day = formatWeekday(new Date(`${d.date}T12:00:00Z`), locale, 'UTC');
          const text = d.intervals.length
            ? dayText(d.intervals, locale)
            : d.closed ? t('hoursOff') : t('hoursUnknown');
          return (
            <tr key={d.date} class={i === 0 ? 'is-today' : undefined}>
              <th scope="row">{i === 0 ? `${t('hoursToday')} ${day}` : day}</th>
              <td>
                {text}
                {d.comment ? ` (${d.comment})` : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
