/**
 * A merchant's shops: each with its moderation status, whether members see it, the admin's reason
 * and its offers at a glance. Everything the merchant wrote is shown as text.
 */
import { ChevronRight, Plus } from 'lucide-preact';
import { MERCHANT_CATEGORIES } from '../../../data/catalog';
import { useApp } from '../app-context';
import { ErrorBox, Loading, PageHead, Reason, StatusBadge } from '../components/ui';
import { useData } from '../hooks/use-data';
import { useI18n } from '../i18n';
import { href } from '../lib/router';

export function ShopsScreen() {
  const { t, label } = useI18n();
  const { api } = useApp();
  const shops = useData(() => api.myShops(), 'shops');
  const category = (k: string) => {
    const c = MERCHANT_CATEGORIES.find((x) => x.key === k);
    return c ? label(c) : k;
  };
  return (
    <section>
      <PageHead title={t('shopsTitle')}>
        <a class="btn btn-primary" href={href('shop-new')}><Plus size={20} aria-hidden="true" class="icon" />{t('shopAdd')}</a>
      </PageHead>
      {shops.error && <ErrorBox error={shops.error} onRetry={shops.reload} />}
      {!shops.data && !shops.error && <Loading />}
      {shops.data?.length === 0 && <p class="empty">{t('shopsEmpty')}</p>}
      {shops.data && shops.data.length > 0 && (
        <ul class="cards">
          {shops.data.map((m) => (
            <li key={m.id} class="card" data-id={m.id}>
              <a class="card-link" href={href('shop', { shopId: m.id })}>
                <span class="card-title">{m.name}</span>
                <ChevronRight size={22} aria-hidden="true" class="icon" />
              </a>
              <p class="muted">{category(m.category)}{m.address ? ` · ${m.address}` : ''}</p>
              <StatusBadge status={m.status} live={m.live} />
              <Reason reason={m.reason} />
              {m.offers.length > 0 && (
                <ul class="mini-list">
                  {m.offers.map((o) => (
                    <li key={o.id}>
                      <span class="mini-title">{o.title}</span> <StatusBadge status={o.status} live={o.live} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
