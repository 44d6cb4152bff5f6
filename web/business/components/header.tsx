/**
 * The header: the app's name, who is signed in, language switch and sign-out, then the menu for
 * the role (merchants: their shops; admins: review, stations, import, export, reports, audit log),
 * and for everyone changing the own password.
 * The current page is marked aria-current, with a visible underline as well as colour.
 */
import { Languages, LogOut, MapPinned } from 'lucide-preact';
import { useApp } from '../app-context';
import { useI18n, type MessageKey } from '../i18n';
import { errorText } from './ui';
import { BizError } from '../lib/api-client';
import { href, type Route, type RouteName } from '../lib/router';

const MERCHANT_MENU: [RouteName, MessageKey, RouteName[]][] = [
  ['shops', 'navShops', ['shop', 'shop-new', 'offer', 'offer-new']],
  ['my-stations', 'navMyStations', ['my-station']],
];
const ADMIN_MENU: [RouteName, MessageKey, RouteName[]][] = [
  ['queue', 'navQueue', []],
  ['stations', 'navStations', ['station', 'station-new']],
  ['reports', 'navReports', ['report-target']],
  ['import', 'navImport', []],
  ['export', 'navExport', []],
  ['audit', 'navAudit', []],
  ['operators', 'navOperators', []],
  ['members', 'navMembers', []],
];

export function Header({ route, onSwitchLanguage }: { route: Route; onSwitchLanguage(): void }) {
  const { t } = useI18n();
  const app = useApp();
  const user = app.user;
  const menu = user ? (user.role === 'admin' ? ADMIN_MENU : MERCHANT_MENU) : [];
  const signOut = async () => {
    try {
      await app.api.signOut();
    } catch (e) {
      if (e instanceof BizError && e.kind !== 'unauthorized') return app.announce(errorText(t, e));
    }
    app.setUser(null);
    app.navigate(href('signin'));
  };
  return (
    <header class="biz-header">
      <div class="biz-bar">
        <a class="biz-title" href={user ? href('home') : href('signin')}>{t('appTitle')}</a>
        <div class="biz-tools">
          <button type="button" class="bar-btn" lang={t('langSwitch') === 'English' ? 'en' : 'zh-CN'} aria-label={t('langSwitchLabel')} onClick={onSwitchLanguage}>
            <Languages size={20} aria-hidden="true" />
            <span>{t('langSwitch')}</span>
          </button>
        </div>
      </div>
      {user && (
        <div class="biz-who">
          <p title={user.email}>{t('signedInAs', { name: user.name, role: t(user.role === 'admin' ? 'role_admin' : 'role_merchant') })}</p>
          <button type="button" class="bar-btn" onClick={() => void signOut()}>
            <LogOut size={20} aria-hidden="true" />
            <span>{t('signOut')}</span>
          </button>
        </div>
      )}
      {menu.length > 0 && (
        <nav aria-label={t('navLabel')} class="biz-nav">
          <ul>
            {menu.map(([name, label, children]) => {
              const current = route.name === name || (children as string[]).includes(route.name);
              return (
                <li key={name}>
                  <a href={href(name)} aria-current={current ? 'page' : undefined}>{t(label)}</a>
                </li>
              );
            })}
            <li><a href={href('password')} aria-current={route.name === 'password' ? 'page' : undefined}>{t('changePassword')}</a></li>
            <li><a href="/verify" class="nav-out">{t('navVerify')}</a></li>
            <li><a href="/" class="nav-out"><MapPinned size={18} aria-hidden="true" class="icon" />{t('toMap')}</a></li>
          </ul>
        </nav>
      )}
    </header>
  );
}
