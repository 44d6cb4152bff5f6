/**
 * Routes for drivers (its own chunk, loaded when the route button is first pressed): plan, import
 * or draw a route, see what is along it, save it for a dead zone, and the saved routes. The map
 * shows what this panel says (onMap), and taps on it come here while a point is being picked.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Api, AppConfig, CorridorItem, LngLat } from '../lib/api';
import { openDb } from '../lib/db';
import type { RouteShape } from '../lib/map/route-layer';
import type { Filters } from '../lib/prefs';
import { DEFAULT_WIDTH, corridorQuery, downloadGpx, fitLine, type ActiveRoute } from '../lib/route-plan';
import { deleteRoute, getRoute, listRoutes, pruneRouteCaches, type SavedRoute, type SavedRouteSummary } from '../lib/saved-routes';
import { useLoad } from '../hooks/use-load';
import type { HoursModule } from '../hooks/use-hours';
import { useI18n } from '../i18n/context';
import { useRouteT } from '../i18n/route';
import type { RowPlace } from './place-row';
import { RoutePlanner, routeName } from './route-planner';
import { RouteView } from './route-view';
import { SaveRouteDialog } from './save-route-dialog';
import { SavedRoutes } from './saved-routes';
import '../styles/route.css';

/** A hint over the map while it is being tapped, its buttons, and what a tap does. */
export interface MapTapMode {
  text: string;
  actions: { label: string; run(): void; disabled?: boolean }[];
  onTap(at: LngLat): void;
  /** what Back or Escape does: leave the mode */
  cancel(): void;
}

export interface RoutePanelProps {
  api: Api;
  config: AppConfig | null;
  pos: LngLat | null;
  filters: Filters;
  onFilters(f: Filters): void;
  selectedId: string | null;
  hours: HoursModule | null;
  now: Date;
  onOpen(p: RowPlace): void;
  onMap(shape: RouteShape | null): void;
  onTapMode(mode: MapTapMode | null): void;
  onToast(text: string): void;
  onClose(): void;
}

export function RoutePanel(p: RoutePanelProps) {
  const { t, locale } = useI18n();
  const rt = useRouteT();
  const [route, setRoute] = useState<ActiveRoute | null>(null);
  const [saved, setSaved] = useState<SavedRoute | null>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  const [drawn, setDrawn] = useState<LngLat[] | null>(null);
  const [list, setList] = useState<SavedRouteSummary[] | null>(null);
  const [saving, setSaving] = useState(false);
  const refresh = () => void openDb().then(listRoutes).then(setList, () => setList([]));
  useEffect(() => {
    refresh();
    // tiles of a save cut short (the app closed mid-download) take space no route lists: free it
    void openDb().then(pruneRouteCaches).catch(() => {});
  }, []);

  const live = route && !saved ? corridorQuery(route, width, p.filters) : null;
  const corridor = useLoad(live && ((signal) => p.api.corridor(live, signal)), JSON.stringify(live));
  const items: CorridorItem[] | null = saved ? saved.items : corridor.status === 'error' ? null : corridor.data?.items ?? null;

  // The map follows: the route and its numbered stops, or the points tapped so far.
  useEffect(() => {
    if (drawn) p.onMap({ line: drawn, stops: [], drawing: true });
    else if (route) {
      p.onMap({
        line: route.line,
        stops: (items ?? []).map((s, k) => ({ kind: s.kind === 'station' ? 'stations' : 'merchants', id: s.id, at: [s.lng, s.lat], n: k + 1, name: s.name })),
      });
    } else p.onMap(null);
  }, [route, items, drawn]);
  useEffect(() => () => (p.onMap(null), p.onTapMode(null)), []);

  // Drawing: each tap adds a point; Undo, Done (two points at least) and Cancel over the map.
  useEffect(() => {
    if (!drawn) return;
    p.onTapMode({
      text: rt('routeDrawHint', { n: drawn.length }),
      onTap: (at) => setDrawn((d) => (d ? [...d, at] : d)),
      actions: [
        { label: rt('routeDrawUndo'), run: () => setDrawn((d) => (d ? d.slice(0, -1) : d)), disabled: drawn.length === 0 },
        { label: rt('routeDrawDone'), run: () => finishDrawing(drawn), disabled: drawn.length < 2 },
        { label: t('locCancel'), run: cancelDrawing },
      ],
      cancel: cancelDrawing,
    });
  }, [drawn]);
  const cancelDrawing = () => (setDrawn(null), p.onTapMode(null));
  const finishDrawing = (line: LngLat[]) => {
    setDrawn(null);
    p.onTapMode(null);
    // named after the places at its ends, as a planned route is
    const ends = [line[0], line[line.length - 1]].map((at) => ({ label: rt('routePointOnMap'), at }));
    void routeName(ends, locale).then((places) => show({ name: rt('routeDrawnName', { n: line.length, places }), line: fitLine(line) }));
  };
  const pickOnMap = (what: string, done: (at: LngLat) => void) =>
    p.onTapMode({
      text: rt('routePickHint', { what }),
      onTap: (at) => (p.onTapMode(null), done(at)),
      actions: [{ label: t('locCancel'), run: () => p.onTapMode(null) }],
      cancel: () => p.onTapMode(null),
    });

  const show = (r: ActiveRoute, s: SavedRoute | null = null) => {
    setSaved(s);
    setRoute(r);
    if (s) setWidth(s.width);
  };
  const open = async (id: string) => {
    const s = await getRoute(await openDb(), id);
    if (!s) return refresh();
    show({ name: s.name, line: s.line, distance: s.length || undefined }, s);
  };
  const remove = async (id: string, name: string) => {
    await deleteRoute(await openDb(), id);
    if (saved?.id === id) (setRoute(null), setSaved(null));
    refresh();
    p.onToast(rt('routeDeleted', { name }));
  };

  return (
    <div class="route-panel">
      {route ? (
        <RouteView route={route} saved={saved} corridor={saved ? null : corridor} items={items} width={width} onWidth={setWidth}
          filters={p.filters} onFilters={p.onFilters} selectedId={p.selectedId} hours={p.hours} now={p.now} onOpen={p.onOpen}
          onSave={() => setSaving(true)} onExport={() => items && downloadGpx(route.name, route.line, items)}
          onDelete={() => saved && void remove(saved.id, saved.name)} onClose={() => (setRoute(null), setSaved(null))} />
      ) : (
        <>
          <div class="route-head">
            <span />
            <button type="button" class="btn btn-quiet" onClick={p.onClose}>{rt('routeBackToNearest')}</button>
          </div>
          <RoutePlanner api={p.api} routing={p.config?.routing.available ?? false} pos={p.pos} onRoute={(r) => show(r)}
            onPickOnMap={pickOnMap} onDraw={() => setDrawn([])} />
        </>
      )}
      {!route && <SavedRoutes routes={list} onOpen={(id) => void open(id)} onDelete={(r) => void remove(r.id, r.name)} />}
      {saving && route && items && p.config && (
        <SaveRouteDialog route={route} length={route.distance ?? corridor.data?.length ?? 0} items={items} width={width} query={{ ...live, line: undefined }} tiles={p.config.tiles}
          onClose={() => setSaving(false)}
          onSaved={(r) => (show(route, r), refresh())} />
      )}
    </div>
  );
}
