/**
 * The business app: who is signed in (GET /api/auth/me), the hash route, the header with the
 * menu for the role, and the screen. After each navigation the page's h1 takes the focus and
 * names the document, so screen-reader users hear where they are. After sign-in the owner is told
 * of wrong passwords tried on the account since the last one (components/sign-in-warning.tsx).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { loadLocale, loadSeenFailedSignIn, saveLocale, saveSeenFailedSignIn } from '../lib/prefs';
import { AppCtx, type AppContext } from './app-context';
import { Header } from './components/header';
import { SignInWarning } from './components/sign-in-warning';
import { Loading } from './components/ui';
import { I18nContext, makeI18n } from './i18n';
import type { BizApi, SignInNotice, User } from './lib/api';
import { href, parseHash, type Route } from './lib/router';
import { Screen } from './screens';

export function BusinessApp({ api }: { api: BizApi }) {
  const [locale, setLocale] = useState(loadLocale);
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  const { t } = i18n;
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [route, setRoute] = useState<Route>(() => parseHash(location.hash));
  const [toast, setToast] = useState<{ text: string; n: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [warning, setWarning] = useState<SignInNotice | null>(null);
  /** shows the wrong-password notice unless there was none or the owner dismissed these attempts */
  const warn = (n?: SignInNotice) => setWarning(n && n.failedSignIns > 0 && n.lastFailedSignInAt !== loadSeenFailedSignIn() ? n : null);

  useEffect(() => {
    const onHash = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', onHash);
    api.me().then((r) => {
      setUser(r?.user ?? null);
      warn(r ?? undefined);
    }, () => setUser(null));
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    saveLocale(locale);
  }, [locale]);
  useEffect(() => {
    if (!toast) return;
    const id = setTimeout(() => setToast(null), 4500);
    return () => clearTimeout(id);
  }, [toast]);

  // Focus and title follow the route (after the screen has drawn its heading).
  const routeKey = `${route.name}|${JSON.stringify(route.params)}`;
  useEffect(() => {
    if (user === undefined) return;
    const id = setTimeout(() => {
      const h1 = document.querySelector<HTMLElement>('main h1');
      document.title = h1?.textContent ? `${h1.textContent} · ${t('appTitle')}` : t('appTitle');
      if (h1 && document.activeElement === document.body) h1.focus({ preventScroll: false });
    }, 0);
    return () => clearTimeout(id);
  }, [routeKey, user, locale]);
  useEffect(() => {
    if (user !== undefined) window.scrollTo(0, 0);
    (document.activeElement as HTMLElement | null)?.blur?.();
  }, [routeKey]);

  const ctx: AppContext = {
    api,
    user: user ?? null,
    setUser: (u, n) => {
      setUser(u);
      warn(u ? n : undefined);
      if (u) setNotice(null);
    },
    dismissWarning: () => {
      if (warning?.lastFailedSignInAt) saveSeenFailedSignIn(warning.lastFailedSignInAt);
      setWarning(null);
    },
    announce: (text) => setToast({ text, n: Date.now() }),
    failed: (e) => {
      if (e.kind !== 'unauthorized' || !user) return;
      setUser(null);
      setWarning(null);
      setNotice(t('sessionEnded'));
      history.replaceState(history.state, '', href('signin'));
      setRoute(parseHash(href('signin')));
    },
    navigate: (hash, replace) => {
      if (replace) history.replaceState(history.state, '', hash);
      else if (location.hash !== hash) return void (location.hash = hash);
      setRoute(parseHash(hash));
    },
  };

  return (
    <I18nContext.Provider value={i18n}>
      <AppCtx.Provider value={ctx}>
        <a class="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.querySelector<HTMLElement>('main h1')?.focus())}>
          {t('skipToMain')}
        </a>
        <Header route={route} onSwitchLanguage={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} />
        <main id="main" class="biz-main">
          {notice && !user && <p class="note note-warn" role="alert">{notice}</p>}
          {warning && user && route.name !== 'password' && <SignInWarning notice={warning} onDismiss={ctx.dismissWarning} />}
          {user === undefined ? <Loading /> : <Screen route={route} user={user} />}
        </main>
        <div class="toast-region" role="status" aria-live="polite">
          {/* a tap hides it early; it goes by itself, so it needs no keyboard stop */}
          {toast && <div class="toast" key={toast.n} onClick={() => setToast(null)}>{toast.text}</div>}
        </div>
      </AppCtx.Provider>
    </I18nContext.Provider>
  );
}
