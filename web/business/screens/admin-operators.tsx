/**
 * The admin's station operators: grant an account (by email) the stations it runs, revoke a grant,
 * and download the inspection list of stations not verified for 180 days, per region.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { TextField } from '../components/fields';
import { ErrorBox, Loading, PageHead } from '../components/ui';
import { useAction } from '../hooks/use-action';
import { useData } from '../hooks/use-data';
import { useI18n } from '../i18n';

export function OperatorsScreen() {
  const { t } = useI18n();
  const { api, announce } = useApp();
  const grants = useData(() => api.operators(), 'operators');
  const { busy, error, run } = useAction();
  const [email, setEmail] = useState('');
  const [ids, setIds] = useState('');
  const [region, setRegion] = useState({ province: '', city: '' });
  const grant = () => run(async () => {
    await api.grantOperator(email.trim(), ids.split(/[,，\s]+/).filter(Boolean));
    setIds('');
    announce(t('operatorGranted'));
    grants.reload();
  });
  const revoke = (accountId: string, stationId: string) => run(async () => {
    await api.revokeOperator(accountId, stationId);
    announce(t('operatorRevoked'));
    grants.reload();
  });
  return (
    <section class="narrow">
      <PageHead title={t('operatorsTitle')} />
      <p class="help">{t('operatorsHelp')}</p>
      {error && <ErrorBox error={error} />}
      <form class="form" onSubmit={(e) => (e.preventDefault(), void grant())}>
        <TextField id="op-email" type="email" label={t('operatorEmail')} value={email} onValue={setEmail} autoComplete="off" />
        <TextField id="op-stations" label={t('operatorStations')} value={ids} onValue={setIds} />
        <button type="submit" class="btn btn-primary" disabled={busy}>{t('operatorGrant')}</button>
      </form>
      {grants.error && <ErrorBox error={grants.error} onRetry={grants.reload} />}
      {!grants.data && !grants.error && <Loading />}
      {grants.data?.length === 0 && <p class="empty">{t('operatorsEmpty')}</p>}
      <ul class="cards">
        {grants.data?.map((g) => (
          <li key={`${g.accountId}|${g.stationId}`} class="card">
            <p><strong>{g.email}</strong> · {g.stationId}</p>
            <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => void revoke(g.accountId, g.stationId)}>{t('operatorRevoke', { station: g.stationId })}</button>
          </li>
        ))}
      </ul>
      <h2>{t('inspectionTitle')}</h2>
      <p class="help">{t('inspectionHelp')}</p>
      <TextField id="insp-province" label={t('inspectionProvince')} value={region.province} onValue={(province) => setRegion({ ...region, province })} />
      <TextField id="insp-city" label={t('inspectionCity')} value={region.city} onValue={(city) => setRegion({ ...region, city })} />
      <a class="btn btn-secondary" href={api.inspectionUrl(region.province.trim() || undefined, region.city.trim() || undefined)} download>{t('inspectionDownload')}</a>
    </section>
  );
}
