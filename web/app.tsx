/**
 * The app: position, filters, search and the open place, composed into the map, the top bar and
 * the sheet. The URL carries the open place (`?station=ID`), so Back closes it and links share it;
 * route mode (hooks/use-route-mode.ts) and the reports' outbox and toasts (hooks/use-reports.ts)
 * are hooks of their own.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Api, ViewCollection } from './lib/api';
import { listItemPoint } from '../data/map-point';
import { prepareSearch, type CopySlot } from './lib/offline-api';
import { loadFilters, loadLocale, saveFilters, saveLocale } from './lib/prefs';
import { placeUrl, sharePlace } from './lib/share';
import { afterFirstScreen } from './lib/first-view';
import { isWide } from './lib/layout';
import { registerServiceWorker } from './lib/sw-bridge';
import { I18nContext, makeI18n } from './i18n/context';
import { useLoad } from './hooks/use-load';
import { useLocation } from './hooks/use-location';
import { useHours } from './hooks/use-hours';
import { needsHours } from './lib/hours-info';
import { useLazy } from './hooks/use-lazy';
import { useReports } from './hooks/use-reports';
import { useRouteMode } from './hooks/use-route-mode';
import { useNow } from './hooks/use-now';
import { MERCHANT_RADIUS, usePlaces } from './hooks/use-places';
import { useLayer } from './hooks/use-layer';
import { usePlaceUrl } from './hooks/use-place-url';
import { useReturnFocus } from './hooks/use-return-focus';
import type { DetailPlace } from './components/place-detail';
import { FilterBar } from './components/filter-bar';
import { LocationPanel } from './components/location-panel';
import { MapView } from './components/map-view';
import { NetStatus } from './components/net-status';
import { NearestPanel } from './components/nearest-panel';
import { OffersEntry, OffersPanel } from './components/offers-panel';
import type { RowPlace } from './components/place-row';
import { PositionLine } from './components/position-line';
import type { MapTapMode } from './components/route-panel';
import { SkeletonRows } from './components/status';
import type { RouteShape } from './lib/map/route-layer';
import type { ReportTarget } from './components/report-dialog';
import { SearchPanel } from './components/search-panel';
import { Sheet, type SheetSize } from './components/sheet';
import { Toast, type ToastMessage } from './components/toast';
import { TopBar } from './components/top-bar';

/** How much of the map the sheet hides: the bottom on phones, the left on wide screens. */
function coveredBy(sheet: HTMLElement | null) {
  if (!sheet) return { left: 0, bottom: 0 };
  const wide = isWide();
  return { left: wide ? sheet.offsetLeft + sheet.offsetWidth : 0, bottom: wide ? 0 : sheet.offsetHeight };
}

export function App({ api, copy }: { api: Api; copy: CopySlot }) {
  const [locale, setLocale] = useState(() => loadLocale(navigator.languages));
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  const { t } = i18n;
  const loc = useLocation();
  const [filters, setFilters] = useState(loadFilters);
  const [query, setQuery] = useState('');
  const [changingPos, setChangingPos] = useState(false);
  const [offersOpen, setOffersOpen] = useState(false);
  const [sheet, setSheet] = useState<SheetSize>('list');
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [focus, setFocus] = useState<{ kind: 'stations' | 'merchants'; id: string; at: [number, number] } | null>(null);
  // the place whose record could not be loaded (its map view is not coming)
  const [failedId, setFailedId] = useState<string | null>(null);
  const [preview, setPreview] = useState<RowPlace | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [reportFor, setReportFor] = useState<ReportTarget | null>(null);
  const [routeShape, setRouteShape] = useState<RouteShape | null>(null);
  const [tapMode, setTapMode] = useState<MapTapMode | null>(null);
  // the update offer, registered once, speaks the language of the moment
  const tRef = useRef(t);
  tRef.current = t;
  const { target, open, close, leave } = usePlaceUrl();
  const { runtime, reports, reload: reloadReports, onReported } = useReports(copy, t, setToast, target?.id, target !== null || settingsOpen);
  const { routeOpen, openRoutes: openRouteMode, closeRoutes } = useRouteMode();
  const Settings = useLazy(() => import('./components/settings-panel').then((m) => m.SettingsPanel), settingsOpen);
  const Routes = useLazy(() => import('./components/route-panel').then((m) => m.RoutePanel), routeOpen);
  const Report = useLazy(() => import('./components/report-dialog').then((m) => m.ReportDialog), reportFor !== null);
  const DetailView = useLazy(() => import('./components/detail-view').then((m) => m.DetailView, (e: unknown) => {
    if (target) setFailedId(target.id); // no record is coming either: the map waits for it no more
    throw e;
  }), target !== null);
  const sheetRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  const config = useLoad((signal) => api.config(signal), 'config');
  // the member-offers view asks for merchants (and shows them on the map) whatever the filter chip says
  const placeFilters = offersOpen && !filters.merchants ? { ...filters, merchants: true } : filters;
  const places = usePlaces(api, loc.pos, placeFilters, query);
  const listItems = places.stations.data ?? [];
  // The week view needs data/hours now; the list only when the server did not say when states change.
  const hours = useHours(target ? 'now' : listItems.some(needsHours) ? 'idle' : false);
  const pos: [number, number] | null = loc.pos ? [loc.pos.lng, loc.pos.lat] : null;
  // where a hand-off route may start: a fix or a tapped point of this visit, not a city centre or an old position
  const here = pos && !loc.restored && loc.pos?.source !== 'city' ? pos : null;

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('appTitle');
    saveLocale(locale);
  }, [locale]);
  useEffect(() => saveFilters(filters), [filters]);
  useEffect(() => {
    // the worker installs with a precache download of the whole app: after the first screen, never competing with it
    void afterFirstScreen()
      .then(() => registerServiceWorker({
        onUpdate: (apply) => setToast({ text: tRef.current('updateReady'), action: { label: tRef.current('updateReload'), run: apply } }),
        onOutbox: () => reloadReports(),
      }))
      .catch((e: unknown) => console.warn('service worker not registered', e));
  }, []);
  // A new position ends "change location"; picking on the map lies over it (Back returns to it).
  useEffect(() => {
    if (loc.pos) setChangingPos(false);
  }, [loc.pos]);
  useEffect(() => {
    if (loc.picking) setSheet('map');
  }, [loc.picking]);
  useEffect(() => {
    if (tapMode) setSheet('map');
  }, [tapMode !== null]);
  const openRoutes = () => {
    openRouteMode(target ? leave : undefined);
    setQuery('');
    setSheet('list');
  };
  // Every layer over the list is a history entry: Back and Escape close only the top one.
  useLayer(!!query, () => setQuery(''));
  useLayer(changingPos, () => setChangingPos(false));
  useLayer(offersOpen, () => setOffersOpen(false));
  useLayer(loc.picking, () => loc.setPicking(false));
  useLayer(tapMode !== null, () => tapMode?.cancel());
  useLayer(settingsOpen, () => setSettingsOpen(false));
  useLayer(reportFor !== null, () => setReportFor(null));
  useLayer(target !== null, () => close(), { history: false });

  const openPlace = (p: RowPlace) => {
    setPreview(p);
    open({ kind: p.kind, id: p.id });
    setSheet('list');
  };
  const onLoaded = (p: DetailPlace) => setFocus({ kind: p.kind === 'station' ? 'stations' : 'merchants', id: p.id, at: [p.lng, p.lat] });
  // A closed place stays highlighted on the map and in the list; the keyboard returns to its row.
  useReturnFocus(target, sheetRef);
  const onShare = async (p: DetailPlace) => {
    const url = placeUrl(p.kind, p.id, location.origin);
    const r = await sharePlace({ title: p.name, text: [p.name, p.address].filter(Boolean).join(' · '), url });
    if (r === 'copied') setToast({ text: t('shareCopied') });
    if (r === 'failed') setToast({ text: t('shareFailed', { url }) });
  };
  const mine = target ? reports.filter((r) => r.body.targetType === target.kind && r.body.targetId === target.id).map((r) => ({ kind: r.body.kind, state: r.state })) : [];
  const showLocate = !loc.pos || changingPos;
  // The map shows the user and the first answers together, above the sheet.
  // An answer that arrives after the user moved the map does not move it back (`auto`).
  const firstIds = listItems.slice(0, 3);
  const listFit = pos && firstIds.length ? {
    key: `l|${pos.join()}|${firstIds.map((s) => s.id).join()}`, points: [pos, ...firstIds.map((s): [number, number] => [s.lng, s.lat])], auto: true,
    pins: () => ({ type: 'FeatureCollection', features: listItems.map(listItemPoint) }) as ViewCollection,
  } : null;
  // An open place is shown with the user (neither under the sheet); closing it returns to the list's view.
  const placeFit = target && focus?.id === target.id && pos ? { key: `d|${pos.join()}|${focus.id}`, points: [pos, focus.at] } : null;
  // search results are shown on the map too (the first few, wherever they are in the country)
  const hits = (query && places.search?.data) || [];
  const searchFit = hits.length ? { key: `s|${hits.slice(0, 5).map((s) => s.id).join()}`, points: hits.slice(0, 5).map((s): [number, number] => [s.lng, s.lat]) } : null;
  const fit = target ? placeFit : query ? searchFit : listFit;
  // a place opened without a position (a shared link) is the map's first view: the map waits for its record
  const mapWaits = target !== null && !pos && focus?.id !== target.id && failedId !== target.id;

  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip-link" href="#sheet-body">{t('skipToList')}</a>
      <div class={`app sheet-${sheet}${loc.picking || tapMode ? ' is-picking' : ''}`}>
        <MapView api={api} tiles={config.data?.tiles ?? null} wait={mapWaits} pos={pos} focus={focus} filters={placeFilters}
          fit={routeShape ? null : fit} route={routeShape} covered={() => coveredBy(sheetRef.current)}
          onPick={(kind, id) => open({ kind: kind === 'stations' ? 'station' : 'merchant', id })}
          onTap={(at) => (loc.picking ? loc.pickPoint(at[0], at[1]) : tapMode?.onTap(at))} />
        <TopBar query={query} onQuery={(q) => (setQuery(q), q && setSheet('list'))} onSearchFocus={() => prepareSearch(copy)}
          onSettings={() => setSettingsOpen(true)} onRoutes={openRoutes} />
        <NetStatus onOpen={() => setSettingsOpen(true)} />
        {loc.picking && (
          <div class="pick-banner" role="status">
            <span>{t('locPickHint')}</span>
            <button type="button" class="btn btn-secondary" onClick={() => loc.setPicking(false)}>{t('locCancel')}</button>
          </div>
        )}
        {tapMode && !loc.picking && (
          <div class="pick-banner" role="status">
            <span>{tapMode.text}</span>
            {tapMode.actions.map((a) => (
              <button type="button" class="btn btn-secondary" key={a.label} disabled={a.disabled} onClick={a.run}>{a.label}</button>
            ))}
          </div>
        )}
        <Sheet size={sheet} onSize={setSheet} sheetRef={sheetRef}>
          {target && !DetailView && <SkeletonRows count={3} label={t('detailLoading')} />}
          {target && DetailView && (
            <DetailView target={target} preview={preview} api={api} pos={pos} here={here} hours={hours} now={now}
              onBack={close} onLoaded={onLoaded} onFailed={() => setFailedId(target.id)} onShare={onShare} mine={mine}
              onReport={runtime ? (p) => setReportFor({ kind: p.kind, id: p.id, name: p.name, amenities: p.kind === 'station' ? p.amenities : undefined }) : undefined} />
          )}
          {/* The list stays mounted under an open place, so Back returns to it exactly as it was. */}
          <div hidden={target !== null}>
            {/* The route stays mounted under a search, so clearing the search returns to it. */}
            {routeOpen && (
              <div hidden={!!query}>
                {Routes ? (
                  <Routes api={api} config={config.data} pos={pos} filters={filters} onFilters={setFilters} selectedId={focus?.id ?? null}
                    hours={hours} now={now} onOpen={openPlace} onMap={setRouteShape} onTapMode={setTapMode}
                    onToast={(text) => setToast({ text })} onClose={closeRoutes} />
                ) : (
                  <SkeletonRows count={3} label={t('listLoading')} />
                )}
              </div>
            )}
            {query ? (
              places.search && <SearchPanel query={query} load={places.search} selectedId={focus?.id ?? null} hours={hours} now={now} onOpen={openPlace} />
            ) : routeOpen ? null : showLocate ? (
              <LocationPanel loc={loc} onCancel={loc.pos ? () => setChangingPos(false) : undefined} />
            ) : offersOpen ? (
              <OffersPanel merchants={places.merchants} radius={MERCHANT_RADIUS} selectedId={focus?.id ?? null} hours={hours} now={now}
                onOpen={openPlace} onClose={() => setOffersOpen(false)} />
            ) : (
              <NearestPanel stations={places.stations} merchants={places.merchants} filters={filters} merchantRadius={MERCHANT_RADIUS}
                onClearFilters={() => setFilters({ ...filters, openNow: false, only24h: false, amenities: [], types: [], notices: [] })}
                selectedId={focus?.id ?? null} hours={hours} now={now} onOpen={openPlace}>
                <PositionLine pos={loc.pos!} restored={loc.restored} onChange={() => setChangingPos(true)} />
                <OffersEntry onOpen={() => setOffersOpen(true)} />
                <FilterBar filters={filters} onChange={setFilters} />
              </NearestPanel>
            )}
          </div>
        </Sheet>
        <Toast message={toast} onDone={() => setToast(null)} />
        {settingsOpen && Settings && <Settings runtime={runtime} version={config.data?.version}
          onSwitchLanguage={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} onClose={() => setSettingsOpen(false)} />}
        {reportFor && runtime && Report && <Report target={reportFor} runtime={runtime} onClose={() => setReportFor(null)} onDone={onReported} />}
      </div>
    </I18nContext.Provider>
  );
}
