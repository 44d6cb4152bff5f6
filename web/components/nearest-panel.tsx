/**
 * The primary surface: the glance answer ("Nearest open station: 350 m away"), then the nearest
 * stations whatever their distance (and partner merchants when asked for) — skeletons while loading,
 * plain-words errors with retry, and an empty state that says which filters nothing matches.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AMENITIES, NOTICE_KINDS, STATION_TYPES, outOfService } from '../../data/catalog';
import type { ListedStation, NearMerchant } from '../lib/api';
import { formatDistance } from '../lib/format';
import type { Filters } from '../lib/prefs';
import type { Load } from '../hooks/use-load';
import type { HoursModule } from '../hooks/use-hours';
import { useI18n } from '../i18n/context';
import { DataAge } from './data-age';
import { hasFilters } from './filter-bar';
import { PlaceList } from './place-list';
import type { RowPlace } from './place-row';
import { ErrorNote, SkeletonRows } from './status';
import { withOffers } from './offers-panel';

interface Props {
  stations: Load<ListedStation[]>;
  merchants: Load<NearMerchant[]> | null;
  filters: Filters;
  /** metres searched for merchants */
  merchantRadius: number;
  onClearFilters(): void;
  selectedId: string | null;
  hours: HoursModule | null;
  now: Date;
  onOpen(p: RowPlace): void;
  /** position line and filters, shown between the headline and the list */
  children?: ComponentChildren;
}

/** Rows drawn at first; the rest of the loaded list follows on "Show more" (less work on cheap phones). */
const FIRST_ROWS = 10;

export function NearestPanel(p: Props) {
  const { t, locale, label } = useI18n();
  const items = p.stations.status === 'error' ? null : p.stations.data;
  const [all, setAll] = useState(false);
  useEffect(() => setAll(false), [items]);
  const shown = items && !all ? items.slice(0, FIRST_ROWS) : items;
  const showAll = () => {
    setAll(true);
    // The button goes away: keep the keyboard where the new rows start.
    requestAnimationFrame(() => document.querySelectorAll<HTMLElement>('ol[aria-labelledby="list-title"] .row-name')[FIRST_ROWS]?.focus());
  };
  const nearestOpen = items?.find((s) => s.openNow === true);
  // "Nearest" marks the headline's answer: never a closed or temporarily closed station.
  const marked = nearestOpen ?? items?.find((s) => s.openNow !== false && !outOfService(s.status));
  const headline = !items?.length
    ? t('listTitle')
    : nearestOpen
      ? t('listHeadlineOpen', { distance: formatDistance(nearestOpen.distance, locale) })
      : t('listHeadlineAny', { distance: formatDistance(items[0].distance, locale) });
  const active = [
    ...(p.filters.openNow ? [t('filterOpenNow')] : []),
    ...(p.filters.only24h ? [t('filter24h')] : []),
    ...AMENITIES.filter((a) => p.filters.amenities.includes(a.key)).map(label),
    ...STATION_TYPES.filter((s) => p.filters.types.includes(s.key)).map(label),
    ...NOTICE_KINDS.filter((k) => p.filters.notices.includes(k.key)).map(label),
  ].join(locale === 'en' ? ', ' : '、');
  // only merchants with an offer today are offer merchants
  const merchants = withOffers(p.merchants?.data ?? []);

  return (
    <section class="nearest" aria-labelledby="list-title">
      <h2 id="list-title" class="headline" aria-live="polite">{headline}</h2>
      {p.children}
      {p.stations.status === 'error' ? (
        // An older list would not match the position or filters any more: say what failed instead.
        <ErrorNote error={p.stations.error} onRetry={p.stations.retry} />
      ) : items === null ? (
        <SkeletonRows count={4} label={t('listLoading')} />
      ) : items.length === 0 ? (
        <div class="empty" role="status">
          <p class="empty-title">{t(active ? 'emptyTitle' : 'emptyNoData')}</p>
          {active && <p>{t('emptyFilters', { filters: active })}</p>}
          <div class="empty-actions">
            {hasFilters(p.filters) && (
              <button type="button" class="btn btn-secondary" onClick={p.onClearFilters}>{t('emptyClear')}</button>
            )}
          </div>
        </div>
      ) : (
        <>
          <PlaceList places={shown!.map((s) => ({ ...s, kind: 'station' as const }))} now={p.now} hours={p.hours}
            selectedId={p.selectedId} labelledBy="list-title" markedId={marked?.id} highlight={p.filters.amenities}
            busy={p.stations.status === 'loading'} onOpen={p.onOpen} />
          {shown!.length < items.length && (
            <button type="button" class="btn btn-secondary btn-block more" onClick={showAll}>
              {t('listMore', { n: items.length - shown!.length })}
            </button>
          )}
        </>
      )}
      {p.merchants && (
        <>
          <h2 id="merchants-title" class="section-title">{t('merchantsTitle')}</h2>
          {merchants.length > 0 ? (
            <PlaceList places={merchants.map((m) => ({ ...m, kind: 'merchant' as const }))} now={p.now} hours={p.hours}
              selectedId={p.selectedId} labelledBy="merchants-title" onOpen={p.onOpen} />
          ) : p.merchants.status === 'error' ? (
            <ErrorNote error={p.merchants.error} onRetry={p.merchants.retry} />
          ) : p.merchants.status === 'loading' || p.merchants.data === null ? (
            <SkeletonRows count={2} label={t('listLoading')} />
          ) : (
            <p class="muted">{t('merchantsNone', { radius: formatDistance(p.merchantRadius, locale) })}</p>
          )}
        </>
      )}
      {items && <DataAge arrived={p.stations.at} now={p.now} />}
    </section>
  );
}
