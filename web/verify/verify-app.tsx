/**
 * /verify — "Verify a member card" for merchants, a lazily loaded screen of the PWA so it works
 * offline once visited: scan with the camera, pick a photo, or type the code; the verdict is
 * worked out on this phone from the cached keys and revocation list, whose age is always shown.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { loadLocale } from '../lib/prefs';
import { createMembershipApi } from '../lib/membership-api';
import type { VerifierData } from '../lib/membership-store';
import { VERIFIER_MAX_AGE_DAYS, loadVerifier, refreshVerifier, verifyHere, type LocalVerdict } from '../lib/verifier-cache';
import { normalizeToken } from '../../data/membership/card-token';
import { cardT } from '../card/messages';
import { CameraScan } from './camera-scan';
import { decodeFile } from './qr-decode';
import { RedeemPanel } from './redeem-panel';
import { VerdictView } from './verdict-view';
import { flushRedemptions } from '../lib/redemption-queue';
import '../card/card.css';
import './verify.css';

export function VerifyApp() {
  const locale = loadLocale();
  const t = cardT(locale);
  const api = useMemo(() => createMembershipApi(), []);
  const [data, setData] = useState<VerifierData | undefined>();
  const [refreshing, setRefreshing] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [verdict, setVerdict] = useState<{ token: string; verdict: LocalVerdict } | null>(null);
  const [message, setMessage] = useState('');
  const [typed, setTyped] = useState('');

  const refresh = async (held = data) => {
    setRefreshing(true);
    try {
      setData(await refreshVerifier(api, held));
    } catch {
      /* offline: keep the copy and its age */
    } finally {
      setRefreshing(false);
    }
  };
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${t('verifyTitle')} · 驿站`;
    void loadVerifier().then((held) => (setData(held), refresh(held)));
    // redemptions recorded offline go out when the network is back
    void flushRedemptions().catch(() => undefined);
    const online = () => void flushRedemptions().catch(() => undefined);
    addEventListener('online', online);
    return () => removeEventListener('online', online);
  }, []);
  const check = async (token: string | null) => {
    setScanning(false);
    setVerdict(null);
    setMessage('');
    if (!token) return setMessage(t('noCode'));
    if (!data) return setMessage(t('keysNever'));
    setVerdict({ token, verdict: await verifyHere(token, data) });
  };
  const stale = data && Date.now() - data.fetchedAt > VERIFIER_MAX_AGE_DAYS * 86_400_000;

  return (
    <main class="card-page">
      <header class="card-header">
        <a class="btn btn-secondary" href="/business/">←</a>
        <h1>{t('verifyTitle')}</h1>
        <span />
      </header>
      <p>{t('verifyIntro')}</p>
      <p class={`card-note verify-age${stale || !data ? ' card-status-bad' : ''}`} role="status" data-fetched-at={data?.fetchedAt ?? ''}>
        {!data ? t('keysNever') : stale ? t('keysStale', { days: VERIFIER_MAX_AGE_DAYS }) : t('keysAsOf', { time: new Date(data.fetchedAt).toLocaleString(locale) })}
        {' '}
        <button type="button" class="btn btn-link" disabled={refreshing} onClick={() => void refresh()}>{refreshing ? t('refreshing') : t('refresh')}</button>
      </p>
      {verdict && <VerdictView verdict={verdict.verdict} t={t} locale={locale} />}
      {verdict?.verdict.valid && <RedeemPanel key={verdict.token} card={verdict.verdict.card} token={verdict.token} t={t} />}
      {message && <p class="card-error" role="alert">{message}</p>}
      <div class="verify-actions">
        <button type="button" class="btn btn-primary btn-block" onClick={() => setScanning(!scanning)}>{scanning ? t('stopScan') : t('scan')}</button>
        {scanning && <CameraScan label={t('scan')} onCode={(text) => void check(text)} onError={(d) => (setScanning(false), setMessage(t('cameraFailed', { detail: d })))} />}
        <label class="btn btn-secondary btn-block verify-photo">
          {t('pickPhoto')}
          <input type="file" accept="image/*" class="visually-hidden" onChange={async (e) => {
            const file = (e.currentTarget as HTMLInputElement).files?.[0];
            if (file) await check(await decodeFile(file).catch(() => null));
          }} />
        </label>
      </div>
      <form class="card-form" onSubmit={(e) => (e.preventDefault(), void check(normalizeToken(typed)))}>
        <label>{t('typeToken')}<textarea name="token" rows={3} value={typed} onInput={(e) => setTyped((e.currentTarget as HTMLTextAreaElement).value)} autocapitalize="characters" spellcheck={false} /></label>
        <button class="btn btn-secondary btn-block" disabled={!typed.trim()}>{t('check')}</button>
      </form>
    </main>
  );
}
