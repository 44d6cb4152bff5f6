/**
 * The friendly opening-hours editor: "unknown", "24/7" or by day — each day open (one or more
 * periods), 24 h or closed — with "copy Monday" helpers and the OSM text it produces shown below.
 * Hours it cannot show stay as editable OSM text. Pure logic in lib/hours-editor.ts.
 */
import { Copy, Plus, X } from 'lucide-preact';
import { useI18n, type MessageKey } from '../i18n';
import {
  DAYS, copyDay, emptyWeek, endsNextDay, hoursText, openDay, weekIssues, type DayHours, type DayMode, type HoursState, type WeekHours, type WeekMode,
} from '../lib/hours-editor';

interface Props {
  id: string;
  label: string;
  value: HoursState;
  onChange(s: HoursState): void;
}

const WEEK_MODES: [WeekMode, MessageKey][] = [['unset', 'hoursUnset'], ['always', 'hoursAlways'], ['weekly', 'hoursWeekly']];
const DAY_MODES: [DayMode, MessageKey][] = [['open', 'hoursMode_open'], ['24h', 'hoursMode_24h'], ['closed', 'hoursMode_closed']];

export function HoursEditor({ id, label, value, onChange }: Props) {
  const { t } = useI18n();
  if (value.kind === 'raw') {
    return (
      <fieldset class="hours-editor" id={id}>
        <legend>{label}</legend>
        <p class="help" id={`${id}-raw-help`}>{t('hoursRawHelp')}</p>
        <label class="visually-hidden" for={`${id}-raw`}>{t('hoursRaw')}</label>
        <input id={`${id}-raw`} class="mono" value={value.text} aria-describedby={`${id}-raw-help`} maxLength={300}
          onInput={(e) => onChange({ kind: 'raw', text: e.currentTarget.value })} />
        <button type="button" class="btn btn-secondary" onClick={() => onChange({ kind: 'editor', week: emptyWeek('weekly') })}>{t('hoursUseEditor')}</button>
      </fieldset>
    );
  }
  const week = value.week;
  const set = (w: WeekHours) => onChange({ kind: 'editor', week: w });
  const setDay = (i: number, d: DayHours) => set({ ...week, days: week.days.map((x, j) => (j === i ? d : x)) });
  const text = hoursText(value);
  return (
    <fieldset class="hours-editor" id={id}>
      <legend>{label}</legend>
      <div class="choice-list">
        {WEEK_MODES.map(([mode, key]) => (
          <label key={mode} class="choice">
            <input type="radio" name={`${id}-week`} checked={week.mode === mode} onChange={() => set({ ...week, mode })} />
            <span>{t(key)}</span>
          </label>
        ))}
      </div>
      {week.mode === 'weekly' && (
        <>
          <div class="hours-copy">
            <button type="button" class="btn btn-secondary" onClick={() => set(copyDay(week, 0, [1, 2, 3, 4]))}>
              <Copy size={18} aria-hidden="true" class="icon" />{t('hoursCopyWeekdays')}
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => set(copyDay(week, 0, [1, 2, 3, 4, 5, 6]))}>
              <Copy size={18} aria-hidden="true" class="icon" />{t('hoursCopyAll')}
            </button>
          </div>
          {week.days.map((d, i) => <DayRow key={DAYS[i]} id={`${id}-${DAYS[i]}`} day={i} value={d} issues={weekIssues(week)} onChange={(x) => setDay(i, x)} />)}
        </>
      )}
      {text && <p class="hours-preview muted">{t('hoursPreview', { text })}</p>}
    </fieldset>
  );
}

function DayRow({ id, day, value, issues, onChange }: { id: string; day: number; value: DayHours; issues: ReturnType<typeof weekIssues>; onChange(d: DayHours): void }) {
  const { t } = useI18n();
  const name = t(`day_${DAYS[day]}` as MessageKey);
  const setSpan = (j: number, k: 'open' | 'close', v: string) =>
    onChange({ ...value, spans: value.spans.map((s, x) => (x === j ? { ...s, [k]: v } : s)) });
  return (
    <fieldset class="day-row">
      <legend>{name}</legend>
      <div class="seg" role="radiogroup" aria-label={t('hoursMode', { day: name })}>
        {DAY_MODES.map(([mode, key]) => (
          <label key={mode} class="seg-opt">
            <input type="radio" name={`${id}-mode`} checked={value.mode === mode}
              onChange={() => onChange(mode === 'open' && value.spans.length === 0 ? openDay() : { ...value, mode })} />
            <span>{t(key)}</span>
          </label>
        ))}
      </div>
      {value.mode === 'open' && (
        <ol class="spans">
          {value.spans.map((s, j) => {
            const issue = issues.find((x) => x.day === day && x.span === j);
            const label = t('hoursSpan', { day: name, n: j + 1 });
            const errId = `${id}-${j}-error`;
            return (
              <li key={j} class="span-row" aria-label={label}>
                <label>
                  <span>{t('hoursFrom')}</span>
                  <input type="time" value={s.open} aria-invalid={issue ? true : undefined} aria-describedby={issue ? errId : undefined}
                    onInput={(e) => setSpan(j, 'open', e.currentTarget.value)} />
                </label>
                <label>
                  <span>{t('hoursTo')}{endsNextDay(s) && <small> {t('hoursNextDay')}</small>}</span>
                  <input type="time" value={s.close} aria-invalid={issue ? true : undefined} aria-describedby={issue ? errId : undefined}
                    onInput={(e) => setSpan(j, 'close', e.currentTarget.value)} />
                </label>
                {value.spans.length > 1 && (
                  <button type="button" class="icon-btn" aria-label={t('hoursRemoveSpan', { day: name, n: j + 1 })}
                    onClick={() => onChange({ ...value, spans: value.spans.filter((_, x) => x !== j) })}>
                    <X size={22} aria-hidden="true" />
                  </button>
                )}
                {issue && <p id={errId} class="field-error">{t(`hoursIssue_${issue.issue}` as MessageKey)}</p>}
              </li>
            );
          })}
        </ol>
      )}
      {value.mode === 'open' && value.spans.length < 3 && (
        <button type="button" class="btn-link" onClick={() => onChange({ ...value, spans: [...value.spans, { open: '14:00', close: '18:00' }] })}>
          <Plus size={18} aria-hidden="true" class="icon" />{t('hoursAddSpan')}
        </button>
      )}
    </fieldset>
  );
}
