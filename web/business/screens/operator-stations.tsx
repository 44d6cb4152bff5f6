/**
 * Station operators' screens: the stations they run, and one station's day-to-day state — open or
 * temporarily closed, "checked today", amenities and which are out of order, opening hours, and
 * its notices. Every change is live at once (operators are trusted staff) and audited server-side.
 */
import { useState } from 'preact/hooks';
import { ChevronRight } from 'lucide-preact';
import { AMENITIES } from '../../../data/catalog';
import type { Station } from '../../../data/schema';
import { useApp } from '../app-context';
import { ClosedUntilField } from '../components/closed-until-field';
import { TextField } from '../components/fields';
import { NoticeEditor } from '../components/notice-editor';
import { ErrorBox, Loading, PageHead } from '../components/ui';
import { useAction } from '../hooks/use-action';
import { useData } from '../hooks/use-data';
import { useI18n } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { href } from '../lib/router';

export function MyStationsScreen() {
  const { t, tk } = useI18n();
  const { api } = useApp();
  const stations = useData(() => api.myStations(), 'my-stations');
  return (
    <section>
      <PageHead title={t('myStationsTitle')} />
      {stations.error && <ErrorBox error={stations.error} onRetry={stations.reload} />}
      {!stations.data && !stations.error && <Loading />}
      {stations.data?.length === 0 && <p class="empty">{t('myStationsEmpty')}</p>}
      <ul class="cards">
        {stations.data?.map((s) => (
          <li key={s.id} class="card" data-id={s.id}>
            <a class="card-link" href={href('my-station', { stationId: s.id })}>
              <span class="card-title">{s.name}</span>
              <ChevronRight size={22} aria-hidden="true" class="icon" />
            </a>
            <p class="muted">{tk('stationStatus_', s.status)}{s.address ? ` · ${s.address}` : ''}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OperatorStationScreen({ stationId }: { stationId: string }) {
  const { t } = useI18n();
  const { api } = useApp();
  const station = useData(() => api.staffStation(stationId), `my-station|${stationId}`);
  if (station.error) return <section class="narrow"><PageHead title={t('myStationsTitle')} back={href('my-stations')} /><ErrorBox error={station.error} onRetry={station.reload} /></section>;
  if (station.data === null && !station.loading) return <PageHead title={t('notFoundTitle')} back={href('my-stations')} />;
  if (!station.data) return <Loading />;
  const s = station.data;
  return (
    <section class="narrow">
      <PageHead title={s.name} back={href('my-stations')}><p class="muted">{s.id}</p></PageHead>
      <ServicePanel station={s} onChange={station.set} />
      <AmenitiesPanel station={s} onChange={station.set} key={`a${s.updated_at}`} />
      <HoursPanel station={s} onChange={station.set} key={`h${s.updated_at}`} />
      <NoticeEditor stationId={s.id} tz={s.timezone} notices={s.notices ?? []} onChange={(notices) => station.set({ ...s, notices })} />
    </section>
  );
}

type Panel = { station: Station; onChange(s: Station): void };

function ServicePanel({ station: s, onChange }: Panel) {
  const { t, tk, locale } = useI18n();
  const { api, announce } = useApp();
  const { busy, error, run } = useAction();
  const [until, setUntil] = useState('');
  const act = (work: () => Promise<Station>, done: string) => run(async () => (onChange(await work()), announce(done)));
  const close = () => api.operateStation(s.id, { status: 'temporarily_closed', ...(until ? { closed_until: until } : {}) });
  return (
    <section aria-labelledby="op-status">
      <h2 id="op-status">{t('opStatusTitle')}</h2>
      <p class={`station-status status-${s.status}`}><strong>{s.closed_until ? t('closedUntilShown', { date: formatDate(s.closed_until, locale) }) : tk('stationStatus_', s.status)}</strong></p>
      <p class="muted">{s.verified_at ? t('opVerifiedAt', { time: formatDateTime(s.verified_at, locale), by: tk('verifiedBy_', s.verified_by ?? 'import') }) : t('opNotVerified')}</p>
      {s.status === 'closed' && <p class="note note-warn">{t('opClosedForever')}</p>}
      {error && <ErrorBox error={error} />}
      {s.status === 'open' && <ClosedUntilField id="op-until" value={until} onValue={setUntil} />}
      <div class="card-actions">
        {s.status === 'open' && <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => void act(close, t('opSaved'))}>{t('opTempClose')}</button>}
        {s.status === 'temporarily_closed' && <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void act(() => api.operateStation(s.id, { status: 'open' }), t('opSaved'))}>{t('opReopen')}</button>}
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void act(() => api.verifyStation(s.id), t('opVerified'))}>{t('opVerify')}</button>
      </div>
    </section>
  );
}

function AmenitiesPanel({ station: s, onChange }: Panel) {
  const { t, label } = useI18n();
  const { api, announce } = useApp();
  const { busy, error, run } = useAction();
  const [has, setHas] = useState<string[]>(s.amenities);
  const [off, setOff] = useState<string[]>(s.amenities_unavailable ?? []);
  const toggle = (list: string[], k: string) => (list.includes(k) ? list.filter((x) => x !== k) : [...list, k]);
  const save = () => run(async () => {
    onChange(await api.operateStation(s.id, { amenities: has, amenities_unavailable: off.filter((k) => has.includes(k)) }));
    announce(t('opSaved'));
  });
  return (
    <section aria-labelledby="op-amenities">
      <h2 id="op-amenities">{t('opAmenitiesTitle')}</h2>
      <p class="help">{t('opAmenitiesHelp')}</p>
      {error && <ErrorBox error={error} />}
      <ul class="check-grid">
        {AMENITIES.map((a) => (
          <li key={a.key}>
            <label><input type="checkbox" checked={has.includes(a.key)} onChange={() => setHas(toggle(has, a.key))} /> {label(a)}</label>
            {has.includes(a.key) && (
              <label class="muted"><input type="checkbox" checked={off.includes(a.key)} onChange={() => setOff(toggle(off, a.key))} /> {t('opOutOfOrder', { name: label(a) })}</label>
            )}
          </li>
        ))}
      </ul>
      <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void save()}>{t('opSave')}</button>
    </section>
  );
}

function HoursPanel({ station: s, onChange }: Panel) {
  const { t } = useI18n();
  const { api, announce } = useApp();
  const { busy, error, run } = useAction();
  const [hours, setHours] = useState(s.opening_hours ?? '');
  const save = () => run(async () => (onChange(await api.operateStation(s.id, { opening_hours: hours.trim() || null })), announce(t('opSaved'))));
  return (
    <section aria-labelledby="op-hours">
      <h2 id="op-hours">{t('opHoursTitle')}</h2>
      {error && <ErrorBox error={error} />}
      <form class="form" onSubmit={(e) => (e.preventDefault(), void save())}>
        <TextField id="op-hours-input" label={t('opHoursLabel')} value={hours} onValue={setHours} maxLength={300} />
        <button type="submit" class="btn btn-primary" disabled={busy}>{t('opSave')}</button>
      </form>
    </section>
  );
}
