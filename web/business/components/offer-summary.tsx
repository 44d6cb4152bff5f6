/**
 * An offer as text: what members get ("9折", "会员价 ¥25"), its kind, title, description, validity,
 * terms and how to redeem. Merchant-written strings go in as text nodes only.
 */
import { BadgePercent } from 'lucide-preact';
import { offerValue } from '../../lib/format';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import type { OfferView } from '../lib/api';

/** "2026年1月1日 至 2026年6月30日", "… 起", "至 …", "长期有效". */
export function useValidity() {
  const { t, locale } = useI18n();
  const day = (d: string) => formatDate(d, locale);
  return (o: { valid_from?: string; valid_to?: string }) =>
    o.valid_from && o.valid_to ? t('validWindow', { from: day(o.valid_from), to: day(o.valid_to) })
      : o.valid_from ? t('validFromOnly', { from: day(o.valid_from) })
        : o.valid_to ? t('validToOnly', { to: day(o.valid_to) }) : t('validAlways');
}

export function OfferSummary({ offer, titleTag = 'h3' }: { offer: Omit<OfferView, 'live'>; titleTag?: 'h3' | 'h4' }) {
  const { t, tk, locale } = useI18n();
  const validity = useValidity();
  const value = offerValue(offer, locale);
  const Title = titleTag;
  return (
    <div class="offer-summary">
      <Title class="card-title offer-title">{offer.title}</Title>
      <p class="offer-head">
        <BadgePercent size={20} aria-hidden="true" class="icon" />
        {/* "9折", "会员价 ¥25", "¥10 优惠券" say the kind too; a free item is just its kind */}
        {value && offer.kind !== 'free_item' ? <strong class="offer-value">{value}</strong> : <span>{tk('kind_', offer.kind)}</span>}
      </p>
      {offer.description && <p class="offer-description">{offer.description}</p>}
      <p class="muted">{validity(offer)}</p>
      {offer.redeem && <p>{t('labelled', { label: t('redeem'), value: offer.redeem })}</p>}
      {offer.terms && <p class="muted">{t('labelled', { label: t('terms'), value: offer.terms })}</p>}
    </div>
  );
}
