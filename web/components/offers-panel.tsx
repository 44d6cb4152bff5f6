/**
 * Member offers as a journey of their own: an entry on the first screen ("会员优惠") and a list of
 * the nearby merchants that have an offer today, nearest first, each row saying the offer
 * ("会员9折"). The map shows the merchants meanwhile; Back returns to the stations.
 */
import { ArrowLeft, BadgePercent, ChevronRight } from './icons';
import type { NearMerchant } from '../lib/api';
import { formatDistance } from '../lib/format';
import type { Load } from '../hooks/use-load';
import type { HoursModule } from '../hooks/use-hours';
import { useI18n } from '../i18n/context';
import { PlaceList } from './place-list';
import type { RowPlace } from './place-row';
import { ErrorNote, SkeletonRows } from './status';

/** Only merchants with a current offer count as offer merchants. */
export const withOffers = (ms: readonly NearMerchant[]) => ms.filter((m) => m.offers.length > 0);

/** The first screen's entry to member offers. */
export function OffersEntry({ onOpen }: { onOpen(): void }) {
  const { t } = useI18n();
  return (
    <button type="button" class="offers-entry" onClick={onOpen}>
      <BadgePercent size={22} aria-hidden="true" class="icon" />
      <span class="offers-entry-text">
        <strong>{t('offersEntry')}</strong>
        <span>{t('offersEntryHint')}</span>
      </span>
      <ChevronRight size={20} aria-hidden="true" class="icon" />
    </button>
  );
}

interface Props {
  merchants: Load<NearMerchant[]> | null;
  /** metres searched */
  radius: number;
  selectedId: string | null;
  hours: HoursModule | null;
  now: Date;
  onOpen(p: RowPlace): void;
  onClose(): void;
}

export function OffersPanel(p: Props) {
  const { t, locale } = useI18n();
  const load = p.merchants;
  const items = load?.data ? withOffers(load.data) : null;
  return (
    <section class="nearest offers" aria-labelledby="offers-title">
      <button type="button" class="btn btn-quiet btn-back" onClick={p.onClose}>
        <ArrowLeft size={22} aria-hidden="true" class="icon" />
        {t('offersBack')}
      </button>
      <h2 id="offers-title" class="headline">{t('merchantsTitle')}</h2>
      {load?.status === 'error' && !items ? (
        <ErrorNote error={load.error} onRetry={load.retry} />
      ) : items === null ? (
        <SkeletonRows count={3} label={t('listLoading')} />
      ) : items.length === 0 ? (
        <p class="empty" role="status">{t('merchantsNone', { radius: formatDistance(p.radius, locale) })}</p>
      ) : (
        <PlaceList places={items.map((m) => ({ ...m, kind: 'merchant' as const }))} now={p.now} hours={p.hours}
          selectedId={p.selectedId} labelledBy="offers-title" onOpen={p.onOpen} />
      )}
    </section>
  );
}
