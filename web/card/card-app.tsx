/**
 * /card — the member's side of membership, a lazily loaded screen of the PWA: sign in, apply and
 * follow the application, then the card. The card is kept in IndexedDB, shown from there at once
 * (so it opens offline after one online visit), and replaced by the server's when online — the
 * server renews it when under a week is left, and the page asks again when the network returns.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Member, MembershipApplication } from '../../data/membership/application';
import { loadLocale, saveLocale } from '../lib/prefs';
import { MembershipError, createMembershipApi } from '../lib/membership-api';
import { readCard, writeCard, type StoredCard } from '../lib/membership-store';
import { ApplyForm } from './apply-form';
import { MemberCardView } from './member-card';
import { cardT } from './messages';
import { SignIn } from './sign-in';
import './card.css';

type View =
  | { kind: 'loading' }
  | { kind: 'signin' }
  | { kind: 'apply'; email: string; application?: MembershipApplication; member?: Member }
  | { kind: 'card'; card: StoredCard; offline: boolean }
  | { kind: 'error'; message: string };

export function CardApp() {
  const [locale, setLocale] = useState(loadLocale);
  const t = cardT(locale);
  const api = useMemo(() => createMembershipApi(), []);
  const [view, setView] = useState<View>({ kind: 'loading' });

  async function load() {
    const saved = await readCard().catch(() => undefined);
    if (saved) setView({ kind: 'card', card: saved, offline: true });
    try {
      const me = await api.me();
      if (!me) return void (await writeCard(null), setView({ kind: 'signin' }));
      const status = await api.status();
      const card = status.member?.status === 'active' ? await api.card() : null;
      if (!card) return void (await writeCard(null), setView({ kind: 'apply', email: me.email, ...status }));
      const benefits = await api.benefits().catch(() => saved?.benefits ?? []);
      const uses = await api.uses().catch(() => saved?.uses ?? []);
      const stored = { ...card, benefits, uses, savedAt: Date.now() };
      await writeCard(stored);
      setView({ kind: 'card', card: stored, offline: false });
    } catch (err) {
      if (saved) return; // keep showing the saved card, marked as such
      const e = err as MembershipError;
      const message = e.status === 0 ? t('offline') : e.status === 503 ? t('noKey', { detail: e.message }) : t('failed', { detail: e.message });
      setView({ kind: 'error', message });
    }
  }
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${t('cardTitle')} · 驿站`;
  }, [locale]);
  useEffect(() => {
    void load();
    const online = () => void load();
    addEventListener('online', online);
    return () => removeEventListener('online', online);
  }, []);
  const switchLocale = () => {
    const next = locale === 'en' ? 'zh-CN' : 'en';
    saveLocale(next);
    setLocale(next);
  };

  return (
    <main class="card-page">
      <header class="card-header">
        <a class="btn btn-secondary" href="/">{t('back')}</a>
        <h1>{t('cardTitle')}</h1>
        <button type="button" class="btn btn-quiet" onClick={switchLocale}>{t('language')}</button>
      </header>
      {view.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {view.kind === 'signin' && <SignIn key="signin" api={api} t={t} onDone={() => void load()} />}
      {view.kind === 'error' && (
        <div class="card-error" role="alert">
          <p>{view.message}</p>
          <button type="button" class="btn btn-secondary" onClick={() => void load()}>{t('retry')}</button>
        </div>
      )}
      {view.kind === 'apply' && <ApplyStatus key="apply" view={view} t={t} locale={locale} api={api} onSent={(application) => setView({ ...view, application })} />}
      {view.kind === 'card' && (
        <>
          {view.offline && <p class="card-note" role="status">{t('offlineNote', { time: new Date(view.card.savedAt).toLocaleString(locale) })}</p>}
          <MemberCardView card={view.card} t={t} locale={locale} />
        </>
      )}
    </main>
  );
}

type ApplyView = Extract<View, { kind: 'apply' }>;

/** The application's status, and the form when there is none open. */
function ApplyStatus({ view, t, locale, api, onSent }: { view: ApplyView; t: ReturnType<typeof cardT>; locale: string; api: ReturnType<typeof createMembershipApi>; onSent: (a: MembershipApplication) => void }) {
  const a = view.application;
  return (
    <>
      <p class="card-note">{t('signOutHint', { email: view.email })}</p>
      {a?.status === 'pending' && <p class="card-status" role="status">{t('pending', { time: new Date(a.createdAt).toLocaleString(locale) })}</p>}
      {a?.status === 'rejected' && <p class="card-status card-status-bad" role="status">{t('rejected', { reason: a.reason ?? '' })} {t('applyAgain')}</p>}
      {a?.status !== 'pending' && <ApplyForm api={api} t={t} onSent={onSent} />}
    </>
  );
}
