/**
 * The screen for a route, with the guards: sign-in pages only when signed out, merchant pages for
 * any signed-in account, admin pages for admins only (the server checks again on every call).
 */
import { useEffect } from 'preact/hooks';
import { useApp } from '../app-context';
import { PageHead } from '../components/ui';
import { useI18n } from '../i18n';
import type { User } from '../lib/api';
import { homeOf, href, type Route } from '../lib/router';
import { AuditScreen } from './admin-audit';
import { MembersScreen } from './admin-members';
import { ExportScreen } from './admin-export';
import { ImportScreen } from './admin-import';
import { QueueScreen } from './admin-queue';
import { ReportTargetScreen, ReportsScreen } from './admin-reports';
import { StationScreen } from './admin-station';
import { StationsScreen } from './admin-stations';
import { SignInScreen, SignUpScreen } from './auth';
import { PasswordScreen } from './account-password';
import { OfferScreen } from './merchant-offer';
import { ShopScreen } from './merchant-shop';
import { ShopsScreen } from './merchant-shops';
import { OperatorsScreen } from './admin-operators';
import { MyStationsScreen, OperatorStationScreen } from './operator-stations';

const ADMIN = new Set(['queue', 'stations', 'station-new', 'station', 'import', 'export', 'reports', 'report-target', 'audit', 'operators', 'members']);

function Redirect({ to }: { to: string }) {
  const { navigate } = useApp();
  useEffect(() => navigate(to, true), [to]);
  return null;
}

export function Screen({ route, user }: { route: Route; user: User | null }) {
  const { t } = useI18n();
  const p = route.params;
  if (route.name === 'home') return <Redirect to={homeOf(user)} />;
  if (route.name === 'signin' || route.name === 'signup') {
    if (user) return <Redirect to={homeOf(user)} />;
    return route.name === 'signin' ? <SignInScreen /> : <SignUpScreen />;
  }
  if (route.name === 'not-found') return <PageHead title={t('notFoundTitle')}><a class="btn btn-secondary" href={href('home')}>{t('goHome')}</a></PageHead>;
  if (!user) return <Redirect to={href('signin')} />;
  if (ADMIN.has(route.name) && user.role !== 'admin') return <PageHead title={t('adminOnly')}><a class="btn btn-secondary" href={href('home')}>{t('goHome')}</a></PageHead>;
  switch (route.name) {
    case 'shops': return <ShopsScreen />;
    case 'shop-new': return <ShopScreen shopId={null} />;
    case 'shop': return <ShopScreen shopId={p.shopId} key={p.shopId} />;
    case 'offer-new': return <OfferScreen shopId={p.shopId} offerId={null} />;
    case 'offer': return <OfferScreen shopId={p.shopId} offerId={p.offerId} key={p.offerId} />;
    case 'queue': return <QueueScreen />;
    case 'stations': return <StationsScreen query={route.query} />;
    case 'station-new': return <StationScreen stationId={null} />;
    case 'station': return <StationScreen stationId={p.stationId} key={p.stationId} />;
    case 'import': return <ImportScreen />;
    case 'export': return <ExportScreen />;
    case 'reports': return <ReportsScreen />;
    case 'report-target': return <ReportTargetScreen targetType={p.targetType} targetId={p.targetId} key={p.targetId} />;
    case 'audit': return <AuditScreen query={route.query} />;
    case 'operators': return <OperatorsScreen />;
    case 'my-stations': return <MyStationsScreen />;
    case 'my-station': return <OperatorStationScreen stationId={p.stationId} key={p.stationId} />;
    case 'members': return <MembersScreen />;
    case 'password': return <PasswordScreen />;
  }
}
