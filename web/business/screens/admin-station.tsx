/**
 * One station for the admin: its status with the changes that make sense (temporarily close,
 * optionally until a last day, close — after a confirmation — or reopen), "mark verified", its
 * reports, and the edit form.
 */
import { useRef, useState } from 'preact/hooks';
import type { StationStatus } from '../../../data/catalog';
import type { Station } from '../../../data/schema';
import { useApp } from '../app-context';
import { ClosedUntilField } from '../components/closed-until-field';
import { StationForm } from '../components/station-form';
import { ErrorBox, Loading, PageHead } from '../components/ui';
import { useAction } from '../hooks/use-action';
import { useData } from '../hooks/use-data';
import { useI18n } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { href } from '../lib/router';
import { statusActions } from '../lib/station-form';
import { lastSearch } from './admin-stations';

export function StationScreen({ stationId }: { stationId: string | null }) {
  const { t } = useI18n();
  const { api, announce, navigate } = useApp();
  const station = useData(stationId ? () => api.station(stationId) : null, `station|${stationId}`);
  const back = lastSearch;
  if (!stationId) {
    return (
      <section class="narrow">
        <PageHead title={t('stationNewTitle')} back={back} />
        <StationForm station={null} onSaved={(s) => (announce(t('stationCreated')), navigate(href('station', { stationId: s.id }), true))} />
      </section>
    );
  }
  if (station.error) return <section class="narrow"><PageHead title={t('stationEditTitle')} back={back} /><ErrorBox error={station.error} onRetry={station.reload} /></section>;
  if (!station.data) return <Loading />;
  const s = station.data;
  return (
    <section class="narrow">
      <PageHead title={s.name} back={back}>
        <p class="muted">{s.id}</p>
      </PageHead>
      <StatusPanel station={s} onChange={station.set} />
      <h2>{t('stationEditTitle')}</h2>
      <StationForm station={s} onSaved={(x) => station.set(x)} />
    </section>
  );
}

function StatusPanel({ station, onChange }: { station: Station; onChange(s: Station): void }) {
  const { t, tk, locale } = useI18n();
  const { api, announce } = useApp();
  const { busy, error, run } = useAction();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [until, setUntil] = useState('');
  const patch = async (body: Record<string, unknown>, done: (s: Station) => string) => {
    await run(async () => {
      const next = await api.updateStation(station.id, body);
      onChange(next);
      announce(done(next));
      setTimeout(() => statusRef.current?.focus(), 0);
    });
  };
  const setStatus = (status: StationStatus) => {
    if (status === 'closed' && !confirm(t('confirmClose'))) return;
    const end = status === 'temporarily_closed' && until ? { closed_until: until } : {};
    void patch({ status, ...end }, (s) => t('statusChanged', { status: tk('stationStatus_', s.status) }));
  };
  return (
    <section class="status-panel" aria-labelledby="station-status">
      <h2 id="station-status">{t('stationStatus')}</h2>
      <p class={`station-status status-${station.status}`} ref={statusRef} tabIndex={-1}><strong>{station.closed_until ? t('closedUntilShown', { date: formatDate(station.closed_until, locale) }) : tk('stationStatus_', station.status)}</strong></p>
      <p class="muted">
        {station.verified_at ? t('verifiedAt', { time: formatDateTime(station.verified_at, locale) }) : t('notVerified')}
        {' · '}{t('updatedAt', { time: formatDateTime(station.updated_at, locale) })}
      </p>
      {error && <ErrorBox error={error} />}
      {statusActions(station.status).includes('temporarily_closed') && <ClosedUntilField id="station-until" value={until} onValue={setUntil} />}
      <div class="card-actions">
        {statusActions(station.status).map((s) => (
          <button key={s} type="button" class={`btn ${s === 'open' ? 'btn-primary' : s === 'closed' ? 'btn-danger' : 'btn-secondary'}`} disabled={busy} onClick={() => setStatus(s)}>
            {tk('action_', s)}
          </button>
        ))}
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => void patch({ verified_at: new Date().toISOString() }, () => t('saved'))}>{t('markVerified')}</button>
        <a class="btn btn-secondary" href={href('report-target', { targetType: 'station', targetId: station.id })}>{t('viewReports')}</a>
      </div>
    </section>
  );
}
