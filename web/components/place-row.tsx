/**
 * One place in a list: its name is a button (the whole row is its target), with distance, the
 * open/closed line, the type and amenities beside it. Focus announces name, distance and state.
 */
import { Component } from 'preact';
import { MERCHANT_CATEGORIES, STATION_TYPES } from '../../data/catalog';
import type { ListedStation, NearMerchant, NearStation } from '../lib/api';
import { formatDistance, formatKm, hoursLabel, offerValue } from '../lib/format';
import { hoursInfo } from '../lib/hours-info';
import type { HoursModule } from '../hooks/use-hours';
import { useI18n } from '../i18n/context';
import { AmenityChips } from './amenities';
import { HoursLine } from './status';
import { CatalogIcon } from './icon';
import { NoticeBadges, OutdatedBadge } from './station-service';

/** A row's place: a listed station (nearest), a whole station record (search, routes) or a merchant. */
export type RowPlace = ({ kind: 'station' } & (ListedStation | NearStation)) | ({ kind: 'merchant' } & NearMerchant);

interface Props {
  place: RowPlace;
  now: Date;
  hours: HoursModule | null;
  selected: boolean;
  /** the first answer: marked "Nearest" */
  first?: boolean;
  highlight?: readonly string[];
  /** its number in a route's list: the row then says how far along the route and how far off it */
  n?: number;
  onOpen(p: RowPlace): void;
}

/** "会员9折 · 午餐套餐 · 2 项优惠": the first offer's value, its title, how many there are. */
function offerLine(offers: NearMerchant['offers'], t: ReturnType<typeof useI18n>['t'], locale: ReturnType<typeof useI18n>['locale']) {
  const value = offerValue(offers[0], locale);
  return [value && t('rowOffer', { value }), offers[0].title, offers.length > 1 && t('merchantsOffers', { n: offers.length })].filter(Boolean).join(' · ');
}

/**
 * A list row for a station or a merchant, drawn again only when what it shows changed: the app
 * renders on every map move, answer and offline-copy step, and twenty rows with their icons cost
 * a slow phone tens of ms each time. (Its words follow the language: they are read from context.)
 */
export class PlaceRow extends Component<Props> {
  override shouldComponentUpdate(next: Props): boolean {
    const a = this.props;
    return !(a.selected === next.selected && a.first === next.first && a.n === next.n && a.hours === next.hours && a.onOpen === next.onOpen
      && a.now.getTime() === next.now.getTime() && sameItems(a.highlight, next.highlight) && sameFields(a.place, next.place));
  }

  render(props: Props) {
    return <Row {...props} />;
  }
}

/** Whether two arrays hold the same items (or both are absent). */
const sameItems = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));

/** Whether two places have the same fields, each the same value (a list item spread afresh on each render is the same place). */
function sameFields(a: RowPlace, b: RowPlace): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof RowPlace)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function Row({ place: p, now, hours, selected, first, highlight, n, onOpen }: Props) {
  const { t, locale, label } = useI18n();
  const info = hoursInfo(p, hours, now);
  const h = hoursLabel(info, locale, now, { tz: p.timezone, ...(p.kind === 'station' ? { status: p.status, closedUntil: p.closed_until } : {}) });
  const entry =
    p.kind === 'station' ? STATION_TYPES.find((e) => e.key === p.type) : MERCHANT_CATEGORIES.find((e) => e.key === p.category);
  const metaId = `meta-${p.kind}-${p.id}`;
  const route = n !== undefined && 'along' in p ? (p as RowPlace & { along: number; offset: number }) : null;
  const where = route ? t('routeAlong', { km: formatKm(route.along, locale) }) : formatDistance(p.distance, locale);
  return (
    <li class={`row${selected ? ' is-selected' : ''}${first ? ' is-first' : ''}`} data-id={p.id}>
      <div class="row-top">
        {first && <span class="badge badge-nearest">{t('listNearest')}</span>}
        {route && <span class="row-n" aria-hidden="true">{n}</span>}
        <button type="button" class="row-name" aria-describedby={metaId} aria-current={selected ? 'true' : undefined} onClick={() => onOpen(p)}>
          {p.name}
        </button>
        {/* read once, with the row's description below */}
        <span class="row-dist" aria-hidden="true">{where}</span>
      </div>
      <div class="row-meta" id={metaId}>
        <span class="visually-hidden">{where}, </span>
        {route && <span class="row-off">{t('routeOff', { distance: formatDistance(route.offset, locale) })}</span>}
        <HoursLine tone={h.tone} text={h.text} />
        {entry && (
          <span class="row-type">
            <CatalogIcon name={entry.icon} size={16} />
            {label(entry)}
          </span>
        )}
        {p.kind === 'station' && <NoticeBadges kinds={p.noticeKinds} />}
        {p.kind === 'station' && <OutdatedBadge station={p} now={now} />}
      </div>
      {p.kind === 'station' ? (
        p.amenities.length > 0 && <AmenityChips keys={p.amenities} max={4} highlight={highlight} unavailable={p.amenities_unavailable} />
      ) : (
        p.offers.length > 0 && <p class="row-offer">{offerLine(p.offers, t, locale)}</p>
      )}
    </li>
  );
}
