/**
 * A route and what is along it: length and time, the corridor width, the filters, and the places
 * in the order the driver passes them (km along the route, distance off it, open state, amenities,
 * offers). A saved route shows its list as saved, so it reads the same in a dead zone.
 */
import { useEffect, useState } from 'preact/hooks';
import { Download, HardDriveDownload, Trash, X } from 'lucide-preact';
import type { CorridorItem } from '../lib/api';
import { formatDate, formatDistance, formatDuration } from '../lib/format';
import { formatBytes } from '../lib/offline-format';
import type { Filters } from '../lib/prefs';
import { WIDTHS, type ActiveRoute } from '../lib/route-plan';
import type { Load } from '../hooks/use-load';
import type { HoursModule } from '../hooks/use-hours';
import { useI18n } from '../i18n/context';
import { useRouteT } from '../i18n/route';
import { FilterBar } from './filter-bar';
import { PlaceList } from './place-list';
import type { RowPlace } from './place-row';
import { ErrorNote, SkeletonRows } from './status';

interface Props {
  route: ActiveRoute;
  /** the saved copy's date and size, when this is a saved route */
  saved: { createdAt: number; bytes: number; width: number } | null;
  /** the live corridor (null for a saved route) */
  corridor: Load<{ items: CorridorItem[]; truncated: boolean; length: number }> | null;
  items: CorridorItem[] | null;
  width: number;
  onWidth(w: number): void;
  filters: Filters;
  onFilters(f: Filters): void;
  selectedId: string | null;
  hours: HoursModule | null;
  now: Date;
  onOpen(p: RowPlace): void;
  onSave(): void;
  onExport(): void;
  onDelete(): void;
  onClose(): void;
}

/** Rows drawn at first, and per "Show more" (a long route passes thousands; cheap phones draw slowly). */
const ROWS = 100;

export function RouteView(p: Props) {
  const { t, locale } = useI18n();
  const rt = useRouteT();
  const [rows, setRows] = useState(ROWS);
  // Deleting needs a second tap, as in the saved-routes list: in a dead zone it cannot be downloaded again.
  const [sure, setSure] = useState(false);
  useEffect(() => setSure(false), [p.route]);
  useEffect(() => setRows(ROWS), [p.items]);
  const length = p.route.distance ?? p.corridor?.data?.length;
  const facts = [
    length !== undefined && formatDistance(length, locale),
    p.route.duration !== undefined && formatDuration(p.route.duration, locale),
    p.saved && rt('routeSavedOn', { date: formatDate(new Date(p.saved.createdAt).toISOString(), locale), size: formatBytes(p.saved.bytes, locale) }),
  ].filter(Boolean);
  const items = p.items;

  return (
    <section class="route-view" aria-labelledby="route-title">
      <div class="route-head">
        <h2 id="route-title" class="headline">{p.route.name}</h2>
        <button type="button" class="icon-btn" aria-label={rt('routeClose')} onClick={p.onClose}>
          <X size={24} aria-hidden="true" />
        </button>
      </div>
      {facts.length > 0 && <p class="muted">{facts.join(' · ')}</p>}
      {p.saved ? (
        <p class="muted">{rt('routeSavedWidth', { width: formatDistance(p.saved.width, locale) })}</p>
      ) : (
        <>
          <fieldset class="segmented">
            <legend>{rt('routeWidth')}</legend>
            {WIDTHS.map((w) => (
              <label key={w}>
                <input type="radio" name="route-width" value={w} checked={p.width === w} onChange={() => p.onWidth(w)} />
                <span>{formatDistance(w, locale)}</span>
              </label>
            ))}
          </fieldset>
          <FilterBar filters={p.filters} onChange={p.onFilters} />
        </>
      )}
      <div class="route-actions">
        {!p.saved && (
          <button type="button" class="btn btn-primary" onClick={p.onSave} disabled={!items}>
            <HardDriveDownload size={20} aria-hidden="true" class="icon" />
            {rt('routeSave')}
          </button>
        )}
        <button type="button" class="btn btn-secondary" onClick={p.onExport} disabled={!items}>
          <Download size={20} aria-hidden="true" class="icon" />
          {rt('routeExport')}
        </button>
        {p.saved && (
          <button type="button" class={`btn ${sure ? 'btn-danger' : 'btn-secondary'}`} onClick={() => (sure ? p.onDelete() : setSure(true))}
            aria-label={sure ? rt('routeDeleteConfirm', { name: p.route.name }) : rt('routeDeleteNamed', { name: p.route.name })}>
            <Trash size={20} aria-hidden="true" class="icon" />
            {sure ? rt('routeDeleteSure') : rt('routeDelete')}
          </button>
        )}
      </div>
      <h3 id="route-list-title" class="section-title" aria-live="polite">
        {items ? rt('routeCount', { n: items.length }) : rt('routeFinding')}
      </h3>
      {p.corridor?.status === 'error' ? (
        <ErrorNote error={p.corridor.error} onRetry={p.corridor.retry} />
      ) : items === null ? (
        <SkeletonRows count={4} label={rt('routeFinding')} />
      ) : items.length === 0 ? (
        <p class="empty" role="status">{rt('routeNone', { width: formatDistance(p.saved?.width ?? p.width, locale) })}</p>
      ) : (
        <>
          {p.corridor?.data?.truncated && <p class="muted">{rt('routeTruncated', { n: items.length })}</p>}
          {/* only once this corridor has answered, whole: a list still loading or cut short proves nothing */}
          {p.corridor?.status === 'ok' && !p.corridor.data?.truncated && p.filters.merchants && !items.some((x) => x.kind === 'merchant') && (
            <p class="empty no-merchants" role="status">{rt('routeNoMerchants', { width: formatDistance(p.width, locale) })}</p>
          )}
          <PlaceList places={items.slice(0, rows)} now={p.now} hours={p.hours} selectedId={p.selectedId} labelledBy="route-list-title"
            highlight={p.filters.amenities} busy={p.corridor?.status === 'loading'} numbered onOpen={p.onOpen} />
          {rows < items.length && (
            <button type="button" class="btn btn-secondary btn-block more" onClick={() => setRows(rows + ROWS)}>
              {t('listMore', { n: items.length - rows })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
