/**
 * Add or edit a member offer: title, description, kind with a value field that fits it (percent,
 * yuan, or none for a free item), validity window, terms and how to redeem. Says before saving
 * that the change waits for review.
 */
import { OFFER_KINDS } from '../../../data/catalog';
import { useApp } from '../app-context';
import { FormStatus, TextField } from '../components/fields';
import { ErrorBox, Loading, Note, PageHead, Reason, StatusBadge } from '../components/ui';
import { useData } from '../hooks/use-data';
import { useForm } from '../hooks/use-form';
import { useI18n } from '../i18n';
import type { MerchantView, OfferView } from '../lib/api';
import { BizError } from '../lib/api-client';
import { todayInChina } from '../lib/format';
import { OFFER_FIELDS, VALUE_RULES, isOfferKind, offerCreateBody, offerDraft, offerIssues, offerPatchBody, offerReviewNote } from '../lib/offer-form';
import { href } from '../lib/router';

export function OfferScreen({ shopId, offerId }: { shopId: string; offerId: string | null }) {
  const { t } = useI18n();
  const { api } = useApp();
  const shops = useData(() => api.myShops(), `shops|${shopId}`);
  const back = href('shop', { shopId });
  const title = t(offerId ? 'offerEditTitle' : 'offerNewTitle');
  if (shops.error) return <section class="narrow"><PageHead title={title} back={back} /><ErrorBox error={shops.error} onRetry={shops.reload} /></section>;
  if (!shops.data) return <Loading />;
  const shop = shops.data.find((m) => m.id === shopId);
  const offer = offerId ? shop?.offers.find((o) => o.id === offerId) : null;
  if (!shop || offer === undefined) return <section class="narrow"><PageHead title={title} back={back} /><ErrorBox error={new BizError('not_found', 404, '')} /></section>;
  return (
    <section class="narrow">
      <PageHead title={title} back={back}>
        <p class="muted">{t('shopOf', { name: shop.name })}</p>
        {offer && <StatusBadge status={offer.status} live={offer.live} />}
        {offer && <Reason reason={offer.reason} />}
      </PageHead>
      <OfferForm shop={shop} offer={offer} />
    </section>
  );
}

function OfferForm({ shop, offer }: { shop: MerchantView; offer: OfferView | null }) {
  const { t } = useI18n();
  const { api, announce, navigate } = useApp();
  const form = useForm(offerDraft(offer ?? undefined), OFFER_FIELDS);
  const d = form.draft;
  const check = offerIssues(d);
  const issues = form.issues(check);
  const patch = offer ? offerPatchBody(offer, d) : null;
  const note = offer && patch ? offerReviewNote(offer, patch) : 'none';
  const rule = isOfferKind(d.kind) ? VALUE_RULES[d.kind] : null;
  const id = 'offer';
  const labels: Record<string, [string, string]> = {
    title: [`${id}-title`, t('offerTitle')], description: [`${id}-description`, t('offerDescription')], kind: [`${id}-kind-percent_off`, t('offerKind')],
    value: [`${id}-value`, t(rule?.unit === 'yuan' ? 'valueYuan' : 'valueZhe')], valid_from: [`${id}-from`, t('validFrom')], valid_to: [`${id}-to`, t('validTo')],
    terms: [`${id}-terms`, t('terms')], redeem: [`${id}-redeem`, t('redeem')],
  };
  const save = (e: Event) => {
    e.preventDefault();
    void form.submit(check, async () => {
      if (offer) {
        if (patch && Object.keys(patch).length) await api.updateOffer(offer.id, patch);
        announce(t('saved'));
      } else {
        await api.createOffer(shop.id, offerCreateBody(d));
        announce(t('offerCreated'));
      }
      navigate(href('shop', { shopId: shop.id }));
    });
  };

  return (
    <form class="form" onSubmit={save} noValidate>
      <FormStatus issues={issues} labels={labels} error={form.error} boxRef={form.problemsRef} />
      <TextField id={`${id}-title`} label={t('offerTitle')} value={d.title} onValue={(v) => form.set('title', v)} error={issues.title} maxLength={120} />
      <TextField id={`${id}-description`} label={t('offerDescription')} value={d.description} onValue={(v) => form.set('description', v)} error={issues.description} optional multiline maxLength={1000} />
      <fieldset class="group">
        <legend>{t('offerKind')}</legend>
        <div class="choice-list choice-grid">
          {OFFER_KINDS.map((k) => (
            <label key={k} class="choice">
              <input type="radio" id={`${id}-kind-${k}`} name={`${id}-kind`} checked={d.kind === k} onChange={() => form.set('kind', k)} />
              <span>{t(`kind_${k}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {rule?.unit && (
        <TextField id={`${id}-value`} label={t(rule.unit === 'zhe' ? 'valueZhe' : 'valueYuan')} value={d.value} onValue={(v) => form.set('value', v)}
          error={issues.value} type="number" inputMode="decimal" min={rule.min} max={rule.max} step={rule.step}
          help={rule.unit === 'zhe' ? t('valueZheHelp') : undefined} />
      )}
      <div class="row-2">
        <TextField id={`${id}-from`} label={t('validFrom')} type="date" value={d.valid_from} onValue={(v) => form.set('valid_from', v)} error={issues.valid_from} optional min={offer ? undefined : todayInChina()} />
        <TextField id={`${id}-to`} label={t('validTo')} type="date" value={d.valid_to} onValue={(v) => form.set('valid_to', v)} error={issues.valid_to} optional min={d.valid_from || undefined} />
      </div>
      <p class="help">{t('validHelp')}</p>
      <TextField id={`${id}-terms`} label={t('terms')} value={d.terms} onValue={(v) => form.set('terms', v)} error={issues.terms} optional multiline maxLength={1000} />
      <TextField id={`${id}-redeem`} label={t('redeem')} value={d.redeem} onValue={(v) => form.set('redeem', v)} error={issues.redeem} optional maxLength={300} placeholder={t('redeemPlaceholder')} />
      {offer ? (note !== 'none' ? <Note tone="warn">{t(`reviewNote_${note}`)}</Note> : <Note>{t('reviewInfoOffer')}</Note>) : <Note>{t('reviewNew')}</Note>}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={form.busy}>{form.busy ? t('saving') : t(offer ? 'save' : 'create')}</button>
        <a class="btn btn-secondary" href={href('shop', { shopId: shop.id })}>{t('cancel')}</a>
      </div>
    </form>
  );
}
