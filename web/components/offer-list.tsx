/** A merchant's current member offers: what you get, until when, terms and how to redeem. */
import { BadgePercent } from 'lucide-preact';
import type { Offer } from '../../data/schema';
import { formatDate, offerValue } from '../lib/format';
import { useI18n } from '../i18n/context';

export function OfferList({ offers }: { offers: readonly Omit<Offer, 'reason'>[] }) {
  const { t, locale } = useI18n();
  if (offers.length === 0) return <p class="muted">{t('detailNoOffers')}</p>;
  return (
    <ul class="offers">
      {offers.map((o) => {
        const value = offerValue(o, locale);
        return (
          <li key={o.id} class="offer">
            <p class="offer-head">
              <BadgePercent size={20} aria-hidden="true" class="icon" />
              {value && <strong class="offer-value">{value}</strong>}
              <span class="offer-title">{o.title}</span>
            </p>
            {o.description && <p>{o.description}</p>}
            {(o.valid_to || o.valid_from) && (
              <p class="muted">
                {o.valid_to ? t('offerValidTo', { date: formatDate(o.valid_to, locale) }) : t('offerValidFrom', { date: formatDate(o.valid_from!, locale) })}
              </p>
            )}
            {o.redeem && <p>{t('offerRedeem', { how: o.redeem })}</p>}
            {o.terms && <p class="muted">{t('offerTerms', { terms: o.terms })}</p>}
          </li>
        );
      })}
    </ul>
  );
}
