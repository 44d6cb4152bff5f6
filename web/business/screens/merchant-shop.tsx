/**
 * One shop: its moderation state and the admin's reason, the edit form, and its offers — each
 * with status, reason, edit and pause/resume. A new shop is just the form.
 */
import { Pencil, Plus } from 'lucide-preact';
import { useApp } from '../app-context';
import { OfferSummary } from '../components/offer-summary';
import { ShopForm } from '../components/shop-form';
import { ErrorBox, Loading, PageHead, Reason, StatusBadge } from '../components/ui';
import { useAction } from '../hooks/use-action';
import { useData } from '../hooks/use-data';
import { useI18n } from '../i18n';
import type { MerchantView, OfferView } from '../lib/api';
import { BizError } from '../lib/api-client';
import { href } from '../lib/router';

export function ShopScreen({ shopId }: { shopId: string | null }) {
  const { t } = useI18n();
  const { api, navigate } = useApp();
  const shops = useData(shopId ? () => api.myShops() : null, `shops|${shopId}`);
  if (!shopId) {
    return (
      <section class="narrow">
        <PageHead title={t('shopNewTitle')} back={href('shops')} />
        <ShopForm shop={null} onSaved={(m) => navigate(href('shop', { shopId: m.id }), true)} />
      </section>
    );
  }
  const shop = shops.data?.find((m) => m.id === shopId);
  if (shops.error) return <section class="narrow"><PageHead title={t('shopEditTitle')} back={href('shops')} /><ErrorBox error={shops.error} onRetry={shops.reload} /></section>;
  if (!shops.data) return <Loading />;
  if (!shop) return <section class="narrow"><PageHead title={t('shopEditTitle')} back={href('shops')} /><ErrorBox error={new BizError('not_found', 404, '')} /></section>;
  const update = (m: MerchantView) => shops.set(shops.data!.map((x) => (x.id === m.id ? m : x)));
  const updateOffer = (o: OfferView) => update({ ...shop, offers: shop.offers.map((x) => (x.id === o.id ? o : x)) });

  return (
    <section class="narrow">
      <PageHead title={shop.name} back={href('shops')}>
        <StatusBadge status={shop.status} live={shop.live} />
        <Reason reason={shop.reason} />
      </PageHead>
      <section class="offers-section" aria-labelledby="offers-title">
        <div class="section-head first">
          <h2 id="offers-title">{t('offersTitle')}</h2>
          <a class="btn btn-primary" href={href('offer-new', { shopId })}><Plus size={20} aria-hidden="true" class="icon" />{t('offerAdd')}</a>
        </div>
        {shop.offers.length === 0 ? <p class="empty">{t('offersEmpty')}</p> : (
          <ul class="cards">
            {shop.offers.map((o) => <OfferCard key={o.id} shopId={shopId} offer={o} onChange={updateOffer} />)}
          </ul>
        )}
      </section>
      <h2 id="shop-form-title" class="form-title">{t('shopEditTitle')}</h2>
      <ShopForm shop={shop} onSaved={update} />
    </section>
  );
}

/** One offer: what it gives, its state and reason, Edit, and Pause/Resume. */
function OfferCard({ shopId, offer, onChange }: { shopId: string; offer: OfferView; onChange(o: OfferView): void }) {
  const { t, tk } = useI18n();
  const { api, announce } = useApp();
  const { busy, error, run } = useAction();
  const toggle = async (status: 'paused' | 'active') => {
    await run(async () => {
      const next = await api.updateOffer(offer.id, { status });
      onChange(next);
      announce(status === 'paused' ? t('offerPaused') : t('offerResumed', { status: tk('status_', next.status) }));
    });
  };
  return (
    <li class="card" data-id={offer.id}>
      <OfferSummary offer={offer} />
      <StatusBadge status={offer.status} live={offer.live} />
      <Reason reason={offer.reason} />
      {error && <ErrorBox error={error} />}
      <div class="card-actions">
        <a class="btn btn-secondary" href={href('offer', { shopId, offerId: offer.id })}><Pencil size={18} aria-hidden="true" class="icon" />{t('edit')}</a>
        {offer.status === 'paused' ? (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => void toggle('active')}>{t('offerResume')}</button>
        ) : offer.status !== 'rejected' && (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => void toggle('paused')}>{t('offerPause')}</button>
        )}
      </div>
    </li>
  );
}
