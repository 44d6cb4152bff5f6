/**
 * Save for offline: the route, its list and, where the tile source allows it, the map along the
 * corridor. Before: a name, how much map detail, the tile count and size against the free space.
 * During: a progress bar and Cancel (which leaves nothing behind). A source that forbids
 * prefetching (OpenStreetMap's) gets the list and the map already viewed, and says so.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CorridorItem, TileConfig } from '../lib/api';
import { openDb } from '../lib/db';
import { formatBytes } from '../lib/offline-format';
import type { ActiveRoute } from '../lib/route-plan';
import { persistStorage, routeTileCache, saveRoute, storageEstimate, type SavedRoute } from '../lib/saved-routes';
import { planTiles, prefetchTiles } from '../lib/route-tiles';
import { useI18n } from '../i18n/context';
import { useRouteT } from '../i18n/route';
import '../styles/dialogs.css';

interface Props {
  route: ActiveRoute;
  /** metres (the corridor answer's, when the router gave none) */
  length: number;
  items: CorridorItem[];
  width: number;
  query: Record<string, unknown>;
  tiles: TileConfig;
  onSaved(r: SavedRoute): void;
  onClose(): void;
}

/** Map detail offered: the highest zoom saved (from MIN_ZOOM up), clamped to what the source has. */
const DETAIL = [
  { key: 'routeDetailOverview', maxZoom: 10 },
  { key: 'routeDetailRoads', maxZoom: 12 },
  { key: 'routeDetailStreets', maxZoom: 14 },
] as const;
const MIN_ZOOM = 5;

export function SaveRouteDialog({ route, length, items, width, query, tiles, onSaved, onClose }: Props) {
  const { t, locale } = useI18n();
  const rt = useRouteT();
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(route.name);
  const [detail, setDetail] = useState(1);
  const [free, setFree] = useState<number | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; bytes: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<SavedRoute | null>(null);
  const [missed, setMissed] = useState(0);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => {
    ref.current?.showModal();
    void storageEstimate().then((e) => e && setFree(Math.max(0, e.quota - e.usage)));
    return () => abort.current?.abort();
  }, []);

  const minZoom = Math.max(MIN_ZOOM, tiles.minZoom ?? 0);
  const top = tiles.maxNativeZoom ?? tiles.maxZoom;
  // one option per distinct zoom range the source can give
  const options = DETAIL.map((d) => ({ ...d, maxZoom: Math.max(minZoom, Math.min(d.maxZoom, top)) })).filter((d, k, all) => all.findIndex((e) => e.maxZoom === d.maxZoom) === k);
  const chosen = options[Math.min(detail, options.length - 1)];
  const plans = useMemo(() => options.map((o) => planTiles(tiles, route.line, width, minZoom, o.maxZoom)), [route, width]);
  const plan = plans[options.indexOf(chosen)];
  const listBytes = useMemo(() => new Blob([JSON.stringify({ line: route.line, items })]).size, [route, items]);
  const need = listBytes + (plan.allowed ? plan.bytes : 0);
  const tooBig = free !== null && need > free;

  const start = async () => {
    if (progress || done) return;
    const id = crypto.randomUUID();
    const ctl = (abort.current = new AbortController());
    setError(null);
    void persistStorage(); // a route saved for a dead zone must not be evicted to make room
    try {
      let saved: SavedRoute['tiles'] = null;
      if (plan.allowed && plan.count > 0) {
        setProgress({ done: 0, total: plan.count, bytes: 0 });
        const cache = routeTileCache(id);
        const r = await prefetchTiles({
          tiles, line: route.line, widthM: width, minZoom, maxZoom: chosen.maxZoom, cacheName: cache, origin: location.origin,
          signal: ctl.signal, onProgress: setProgress,
        });
        saved = { cache, minZoom, maxZoom: chosen.maxZoom, count: r.count, bytes: r.bytes };
        setMissed(r.failed);
      }
      const record = await saveRoute(await openDb(), {
        id, name: name.trim() || route.name, createdAt: Date.now(), line: route.line, length, width, query, items, tiles: saved,
      });
      setDone(record);
      onSaved(record);
    } catch (e) {
      setProgress(null);
      if ((e as Error).name !== 'AbortError') setError(rt('routeSaveFailed', { detail: String((e as Error).message ?? e) }));
    }
  };
  const cancel = () => {
    if (progress && !done) abort.current?.abort();
    else ref.current?.close();
  };
  const pct = progress && progress.total ? Math.floor((progress.done / progress.total) * 100) : 0;

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="save-route-title" onClose={onClose} onCancel={(e) => progress && !done && (e.preventDefault(), cancel())}>
      <div class="dialog-body">
        <h2 id="save-route-title">{rt('routeSaveTitle')}</h2>
        <label class="field-label" for="save-route-name">{rt('routeSaveName')}</label>
        <input id="save-route-name" class="text-input" value={name} maxLength={120} disabled={!!progress || !!done} onInput={(e) => setName(e.currentTarget.value)} />
        <p>{rt('routeSaveList', { n: items.length, size: formatBytes(listBytes, locale) })}</p>
        {plan.allowed ? (
          <fieldset class="radio-list" disabled={!!progress || !!done}>
            <legend>{rt('routeSaveDetail')}</legend>
            {options.map((o, k) => (
              <label class="radio-row" key={o.key}>
                <input type="radio" name="save-detail" checked={o === chosen} onChange={() => setDetail(k)} />
                <span>{rt(o.key)} · {rt('routeSaveTiles', { n: plans[k].count, size: formatBytes(plans[k].bytes, locale) })}</span>
              </label>
            ))}
          </fieldset>
        ) : (
          <p class="note" role="note">{rt('routeSaveNoTiles')}</p>
        )}
        {free !== null && <p class={tooBig ? 'form-error' : 'muted'}>{rt(tooBig ? 'routeSaveTooBig' : 'routeSaveFree', { size: formatBytes(free, locale) })}</p>}
        {progress && (
          <div class="save-progress">
            <progress max={progress.total} value={progress.done} aria-labelledby="save-progress-label" />
            <p id="save-progress-label" aria-live="polite">
              {rt('routeSaveProgress', { pct, done: progress.done, total: progress.total, size: formatBytes(progress.bytes, locale) })}
            </p>
          </div>
        )}
        {done && <p class="save-done" role="status">{rt('routeSavedToast', { name: done.name, size: formatBytes(done.bytes, locale) })}</p>}
        {done && missed > 0 && <p class="banner-warning" role="note">{rt('routeSaveMissed', { n: missed })}</p>}
        {error && <p class="form-error" role="alert">{error}</p>}
        <div class="dialog-actions">
          {done ? (
            <button type="button" class="btn btn-primary" onClick={() => ref.current?.close()}>{rt('routeSaveDone')}</button>
          ) : (
            <button type="button" class="btn btn-secondary" onClick={cancel}>{progress ? rt('routeSaveStop') : t('reportCancel')}</button>
          )}
          {!progress && !done && (
            <button type="button" class="btn btn-primary" onClick={() => void start()} disabled={tooBig}>{rt('routeSaveStart')}</button>
          )}
        </div>
      </div>
    </dialog>
  );
}
