/**
 * Create or edit a station: name, type, position, address, phone, operator, opening hours,
 * amenities and notes (the id too, for a new one). Status changes have their own buttons.
 */
import { useState } from 'preact/hooks';
import { AMENITIES, STATION_TYPES, type Crs } from '../../../data/catalog';
import type { Station } from '../../../data/schema';
import { useApp } from '../app-context';
import { useForm } from '../hooks/use-form';
import { useI18n } from '../i18n';
import { draftInWgs84, type Issues } from '../lib/drafts';
import { hoursState, hoursText, weekIssues, type HoursState } from '../lib/hours-editor';
import { STATION_FIELDS, stationCreateBody, stationDraft, stationIssues, stationPatchBody } from '../lib/station-form';
import { FormStatus, SelectField, TextField } from './fields';
import { HoursEditor } from './hours-editor';
import { AddressFields, PositionFields } from './place-fields';

export function StationForm({ station, onSaved }: { station: Station | null; onSaved(s: Station, created: boolean): void }) {
  const { t, label } = useI18n();
  const { api, announce } = useApp();
  const initial = stationDraft(station ?? undefined);
  const form = useForm({ ...initial.fields, id: '' }, [...STATION_FIELDS, 'id']);
  const [amenities, setAmenities] = useState(initial.amenities);
  const [hours, setHours] = useState<HoursState>(() => hoursState(station?.opening_hours));
  const { id: newId, ...fields } = form.draft;
  const [crs, setCrs] = useState<Crs>('wgs84');
  const draft = { fields: draftInWgs84({ ...fields, opening_hours: hoursText(hours) }, crs), amenities, id: newId }; // saved in WGS-84
  const check: Issues = { ...stationIssues(draft), ...(hours.kind === 'editor' && weekIssues(hours.week).length ? { opening_hours: 'hours' } : {}) };
  const issues = form.issues(check);
  const p = 'station';
  const labels: Record<string, [string, string]> = {
    id: [`${p}-id`, t('stationId')], name: [`${p}-name`, t('stationName')], type: [`${p}-type`, t('stationType')], lat: [`${p}-lat`, t('lat')],
    lng: [`${p}-lng`, t('lng')], address: [`${p}-address`, t('address')], province: [`${p}-province`, t('province')], city: [`${p}-city`, t('city')],
    district: [`${p}-district`, t('district')], phone: [`${p}-phone`, t('phone')], operator: [`${p}-operator`, t('operator')],
    opening_hours: [`${p}-hours`, t('hours')], notes: [`${p}-notes`, t('notes')], amenities: [`${p}-amenities`, t('amenities')],
  };
  const toggle = (k: string) => setAmenities((a) => (a.includes(k) ? a.filter((x) => x !== k) : [...a, k]));

  const save = (e: Event) => {
    e.preventDefault();
    void form.submit(check, async () => {
      if (!station) return onSaved(await api.createStation(stationCreateBody(draft)), true);
      const patch = stationPatchBody(station, draft);
      const saved = Object.keys(patch).length ? await api.updateStation(station.id, patch) : station;
      announce(t('saved'));
      onSaved(saved, false);
    });
  };

  return (
    <form class="form" onSubmit={save} noValidate>
      <FormStatus issues={issues} labels={labels} error={form.error} boxRef={form.problemsRef} />
      {!station && (
        <TextField id={`${p}-id`} label={t('stationId')} value={newId} onValue={(v) => form.set('id', v)} error={issues.id} optional help={t('stationIdHelp')} maxLength={64} autoComplete="off" spellcheck={false} />
      )}
      <TextField id={`${p}-name`} label={t('stationName')} value={fields.name} onValue={(v) => form.set('name', v)} error={issues.name} maxLength={120} />
      <SelectField id={`${p}-type`} label={t('stationType')} value={fields.type} onValue={(v) => form.set('type', v)} error={issues.type}
        options={STATION_TYPES.map((s) => ({ value: s.key, label: label(s) }))} />
      <PositionFields id={p} draft={fields} issues={issues} set={form.set} setMany={form.setMany} crs={crs} onCrs={setCrs} />
      <AddressFields id={p} draft={fields} issues={issues} set={form.set} />
      <TextField id={`${p}-phone`} label={t('phone')} type="tel" value={fields.phone} onValue={(v) => form.set('phone', v)} error={issues.phone} optional maxLength={40} />
      <TextField id={`${p}-operator`} label={t('operator')} value={fields.operator} onValue={(v) => form.set('operator', v)} error={issues.operator} optional maxLength={120} />
      <HoursEditor id={`${p}-hours`} label={t('hours')} value={hours} onChange={setHours} />
      {issues.opening_hours && issues.opening_hours !== 'hours' && <p class="field-error">{issues.opening_hours}</p>}
      <fieldset class="group" id={`${p}-amenities`} tabIndex={-1}>
        <legend>{t('amenities')}</legend>
        <div class="check-grid">
          {AMENITIES.map((a) => (
            <label key={a.key} class="choice">
              <input type="checkbox" checked={amenities.includes(a.key)} onChange={() => toggle(a.key)} />
              <span>{label(a)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextField id={`${p}-notes`} label={t('notes')} value={fields.notes} onValue={(v) => form.set('notes', v)} error={issues.notes} optional multiline maxLength={1000} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={form.busy}>{form.busy ? t('saving') : t(station ? 'save' : 'create')}</button>
      </div>
    </form>
  );
}
