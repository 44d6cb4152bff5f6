/**
 * The review queue: shops and offers waiting for a decision, oldest first. Everything a merchant
 * wrote is rendered as text (never as HTML). Approve is one tap; Reject asks for the reason the
 * merchant will read, and will not send without one.
 */
import type { ComponentChildren } from 'preact';
import { Check, X } from 'lucide-preact';
import { useRef, useState } from 'preact/hooks';
import { MERCHANT_CATEGORIES } from '../../../data/catalog';
import { useApp } from '../app-context';
import { OfferSummary } from '../components/offer-summary';
import { ErrorBox, Loading, PageHead } from '../components/ui';
import { QueueFilter, filterQueue, type QueueFilterValue } from '../components/queue-filter';
import { fromWgs84 } from '../../../data/crs';
import { useAction } from '../hooks/use-action';
import { useData } from '../hooks/use-data';
import { useI18n } from '../i18n';
import type { Owner, Queue } from '../lib/api';

type Kind = 'merchants' | 'offers';
const PAGE = 20; // cards of each kind drawn at first; "show more" adds as many again

export function QueueScreen() {
  const { t, tk } = useI18n();
  const { api } = useApp();
  const queue = useData(() => api.queue(), 'queue');
  const [shown, setShown] = useState({ merchants: PAGE, offers: PAGE });
  const [filter, setFilter] = useState<QueueFilterValue>({ text: '', show: 'all' });
  const more = (kind: Kind, n: number) => n > shown[kind] && (
    <button type="button" class="btn btn-secondary btn-block more" onClick={() => setShown({ ...shown, [kind]: shown[kind] + PAGE })}>
      {t('showMore', { n: Math.min(PAGE, n - shown[kind]) })}
    </button>
  );
  const drop = (kind: Kind, id: string) => {
    const q = queue.data!;
    queue.set({ ...q, [kind]: (q[kind] as { id: string }[]).filter((x) => x.id !== id) } as Queue);
  };
  const whole = queue.data;
  const q = whole && filterQueue(whole, filter);
  return (
    <section>
      <PageHead title={t('queueTitle')} />
      {queue.error && <ErrorBox error={queue.error} onRetry={queue.reload} />}
      {!q && !queue.error && <Loading />}
      {whole && whole.merchants.length + whole.offers.length > 0 && <QueueFilter value={filter} onChange={setFilter} />}
      {whole && whole.merchants.length + whole.offers.length === 0 && <p class="empty">{t('queueEmpty')}</p>}
      {q && whole && whole.merchants.length + whole.offers.length > 0 && q.merchants.length + q.offers.length === 0 && (
        <p class="empty" role="status">{t('queueNoMatch', { q: filter.text.trim() })}</p>
      )}
      {q && q.merchants.length > 0 && (
        <section aria-labelledby="queue-shops">
          <h2 id="queue-shops">{t('queueShops', { n: q.merchants.length })}</h2>
          <ul class="cards">
            {q.merchants.slice(0, shown.merchants).map((m) => (
              <ReviewCard key={m.id} kind="merchants" id={m.id} name={m.name} owner={m.owner} onDone={drop}>
                <ShopDetails shop={m} />
              </ReviewCard>
            ))}
          </ul>
          {more('merchants', q.merchants.length)}
        </section>
      )}
      {q && q.offers.length > 0 && (
        <section aria-labelledby="queue-offers">
          <h2 id="queue-offers">{t('queueOffers', { n: q.offers.length })}</h2>
          <ul class="cards">
            {q.offers.slice(0, shown.offers).map((o) => (
              <ReviewCard key={o.id} kind="offers" id={o.id} name={o.title} owner={o.merchant.owner} onDone={drop}>
                <OfferSummary offer={o} />
                <p class="muted">{t('shopOf', { name: o.merchant.name })} · {t('shopStatus', { status: tk('status_', o.merchant.status) })}</p>
              </ReviewCard>
            ))}
          </ul>
          {more('offers', q.offers.length)}
        </section>
      )}
    </section>
  );
}

/** Amap (fast in mainland China) at the shop, in its GCJ-02; openstreetmap.org is slow there. */
function amapMarker(shop: { lng: number; lat: number; name: string }) {
  const [lng, lat] = fromWgs84([shop.lng, shop.lat], 'gcj02');
  return `https://uri.amap.com/marker?position=${lng.toFixed(6)},${lat.toFixed(6)}&name=${encodeURIComponent(shop.name)}&coordinate=gaode&callnative=0`;
}

function ShopDetails({ shop }: { shop: Queue['merchants'][number] }) {
  const { t, label } = useI18n();
  const category = MERCHANT_CATEGORIES.find((c) => c.key === shop.category);
  const place = [shop.province, shop.city, shop.district, shop.address].filter(Boolean).join(' ');
  return (
    <div class="review-details">
      <h3 class="card-title">{shop.name}</h3>
      <p>{category ? label(category) : shop.category}</p>
      {place && <p>{place}</p>}
      <p class="muted">
        {t('coords', { lat: shop.lat, lng: shop.lng })}{' '}
        <a href={amapMarker(shop)} target="_blank" rel="noopener noreferrer">
          {t('viewOnMap')}
        </a>
      </p>
      {shop.phone && <p>{t('labelled', { label: t('phone'), value: shop.phone })}</p>}
      {shop.opening_hours && <p class="mono">{t('labelled', { label: t('hours'), value: shop.opening_hours })}</p>}
      {shop.notes && <p>{t('labelled', { label: t('notes'), value: shop.notes })}</p>}
    </div>
  );
}

interface CardProps {
  kind: Kind;
  id: string;
  name: string;
  owner: Owner | null;
  onDone(kind: Kind, id: string): void;
  children: ComponentChildren;
}

function ReviewCard({ kind, id, name, owner, onDone, children }: CardProps) {
  const { t } = useI18n();
  const { api, announce } = useApp();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, error, run } = useAction();
  const fid = `${kind}-${id}`;
  const li = useRef<HTMLLIElement>(null);
  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && !reason.trim()) {
      setMissing(true);
      return document.getElementById(`${fid}-reason`)?.focus();
    }
    await run(async () => {
      await api.review(kind, id, decision, decision === 'reject' ? reason.trim() : undefined);
      announce(t(decision === 'approve' ? 'approvedItem' : 'rejectedItem', { name }));
      const next = (li.current?.nextElementSibling ?? li.current?.previousElementSibling) as HTMLElement | null;
      onDone(kind, id);
      setTimeout(() => (next?.querySelector<HTMLElement>('button') ?? document.querySelector<HTMLElement>('main h1'))?.focus(), 0);
    });
  };
  return (
    <li class="card review-card" data-id={id} ref={li}>
      {children}
      {owner && <p class="muted small">{t('submittedBy', { name: owner.name, email: owner.email })}</p>}
      {error && <ErrorBox error={error} />}
      {rejecting ? (
        <div class="reject-box">
          <label for={`${fid}-reason`}>{t('rejectReason')}</label>
          <textarea id={`${fid}-reason`} rows={2} maxLength={500} value={reason} aria-invalid={missing || undefined}
            aria-describedby={missing ? `${fid}-reason-error` : undefined} onInput={(e) => (setReason(e.currentTarget.value), setMissing(false))} />
          {missing && <p id={`${fid}-reason-error`} class="field-error">{t('issue_required')}</p>}
          <div class="card-actions">
            <button type="button" class="btn btn-danger" disabled={busy} onClick={() => void decide('reject')}>{t('rejectConfirm')}</button>
            <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => setRejecting(false)}>{t('cancel')}</button>
          </div>
        </div>
      ) : (
        <div class="card-actions">
          <button type="button" class="btn btn-primary" disabled={busy} aria-label={t('labelled', { label: t('approve'), value: name })} onClick={() => void decide('approve')}>
            <Check size={20} aria-hidden="true" class="icon" />{t('approve')}
          </button>
          <button type="button" class="btn btn-secondary" disabled={busy} aria-label={t('labelled', { label: t('reject'), value: name })} onClick={() => (setRejecting(true), setTimeout(() => document.getElementById(`${fid}-reason`)?.focus(), 0))}>
            <X size={20} aria-hidden="true" class="icon" />{t('reject')}
          </button>
        </div>
      )}
    </li>
  );
}
