/** The content of a place's detail sheet: name, state, hours, address, amenities, offers, freshness. */
import type { Ref } from 'preact';
import { CircleAlert, Flag, MapPin } from 'lucide-preact';
import { MERCHANT_CATEGORIES, STATION_TYPES, type ReportKind } from '../../data/catalog';
import { haversine } from '../../data/geo/haversine';
import type { Merchant } from '../../data/schema';
import type { PublicStation } from '../../data/station-view';
import { formatDate, formatDistance, hoursLabel } from '../lib/format';
import { hoursInfo, type HoursSource } from '../lib/hours-info';
import { REPORT_KIND_LABEL } from '../lib/reports';
import type { HoursModule } from '../hooks/use-hours';
import { useI18n } from '../i18n/context';
import { ActionBar } from './action-bar';
import { AmenityChips } from './amenities';
import { HoursWeek } from './hours-week';
import { CatalogIcon } from './icon';
import { OfferList } from './offer-list';
import { HoursLine } from './status';
import { NoticeList, OutdatedBadge, freshnessText } from './station-service';

type Extra = HoursSource & { distance?: number };
export type DetailPlace = ({ kind: 'station' } & Omit<PublicStation, 'notices'> & Partial<Pick<PublicStation, 'notices'>> & Extra) | ({ kind: 'merchant' } & Omit<Merchant, 'offers'> & Extra & { offers: Merchant['offers'] });

interface Props {
  place: DetailPlace;
  pos: [number, number] | null;
  /** where a navigation route may start (see DetailView) */
  here?: [number, number] | null;
  hours: HoursModule | null;
  now: Date;
  headingRef: Ref<HTMLHeadingElement>;
  onShare(): void;
  /** opens the report form (absent until the offline side has started) */
  onReport?(): void;
  /** the user's own reports about this place */
  mine?: readonly { kind: ReportKind; state: 'pending' | 'sent' | 'refused' }[];
}

export function PlaceDetail({ place: p, pos, here, hours, now, headingRef, onShare, onReport, mine = [] }: Props) {
  const { t, locale, label } = useI18n();
  const entry = p.kind === 'station' ? STATION_TYPES.find((e) => e.key === p.type) : MERCHANT_CATEGORIES.find((e) => e.key === p.category);
  const distance = p.distance ?? (pos ? haversine(pos[0], pos[1], p.lng, p.lat) : undefined);
  const status = p.kind === 'station' ? p.status : undefined;
  const h = hoursLabel(hoursInfo(p, hours, now), locale, now, { tz: p.timezone, status, closedUntil: p.kind === 'station' ? p.closed_until : undefined });
  const address = p.address ?? ([p.province, p.city, p.district].filter(Boolean).join('') || undefined);

  return (
    <>
      <div class="detail-body">
        <h2 id="detail-title" tabIndex={-1} ref={headingRef}>{p.name}</h2>
        <p class="detail-sub">
          {entry && (
            <span class="row-type">
              <CatalogIcon name={entry.icon} size={18} />
              {p.kind === 'merchant' ? `${t('merchantLabel')} · ` : ''}
              {label(entry)}
            </span>
          )}
          {distance !== undefined && <span>{t('detailDistance', { distance: formatDistance(distance, locale) })}</span>}
        </p>
        {status && status !== 'open' && (
          <p class="banner-warning" role="note">
            <CircleAlert size={22} aria-hidden="true" class="icon" />
            {status === 'closed' ? t('statusClosed') : t('statusTemporarilyClosed')}
          </p>
        )}
        <HoursLine tone={h.tone} text={h.text} big />
        {p.kind === 'station' && <NoticeList notices={p.notices ?? []} now={now} tz={p.timezone} />}

        {address && (
          <section aria-labelledby="d-address">
            <h3 id="d-address">{t('detailAddress')}</h3>
            <p class="with-icon"><MapPin size={20} aria-hidden="true" class="icon" />{address}</p>
          </section>
        )}
        <section aria-labelledby="d-hours">
          <h3 id="d-hours">{t('detailHours')}</h3>
          <HoursWeek hours={p.opening_hours} tz={p.timezone} mod={hours} now={now} />
        </section>
        {p.kind === 'station' && (
          <section aria-labelledby="d-amenities">
            <h3 id="d-amenities">{t('detailAmenities')}</h3>
            {p.amenities.length ? <AmenityChips keys={p.amenities} unavailable={p.amenities_unavailable} /> : <p class="muted">{t('detailNoAmenities')}</p>}
          </section>
        )}
        {p.kind === 'merchant' && (
          <section aria-labelledby="d-offers">
            <h3 id="d-offers">{t('detailOffers')}</h3>
            <OfferList offers={p.offers} />
          </section>
        )}
        {p.kind === 'station' && p.operator && <p>{t('detailOperator', { value: p.operator })}</p>}
        {p.notes && <p>{t('detailNotes', { value: p.notes })}</p>}
        <p class="muted freshness">
          {p.kind === 'station' && <OutdatedBadge station={p} now={now} />}
          {p.kind === 'station' ? freshnessText(p, now, t, locale) : t('detailUpdated', { date: formatDate(p.updated_at, locale) })}
        </p>
        <div class="report-line">
          {mine.filter((r) => r.state !== 'refused').map((r, i) => (
            <p key={i} class="report-mine" role="status">
              {t(r.state === 'sent' ? 'reportMineSent' : 'reportMinePending', { kind: t(REPORT_KIND_LABEL[r.kind]) })}
            </p>
          ))}
          <button type="button" class="btn btn-secondary" disabled={!onReport} onClick={onReport}>
            <Flag size={20} aria-hidden="true" class="icon" />
            {t('reportOpen')}
          </button>
        </div>
      </div>
      <ActionBar target={{ lng: p.lng, lat: p.lat, name: p.name, address }} from={here ? { lng: here[0], lat: here[1] } : undefined} phone={p.phone} onShare={onShare} />
    </>
  );
}
