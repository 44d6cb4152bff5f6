/**
 * Create or edit a shop: name, category (zh/en labels), position (pin or coordinates), address,
 * phone, opening hours (weekly editor) and notes. Before saving it says whether the change waits
 * for review (data/moderation.ts rules, via lib/shop-form.ts).
 */
import { useState } from 'preact/hooks';
import { MERCHANT_CATEGORIES, type Crs } from '../../../data/catalog';
import { useApp } from '../app-context';
import { useForm } from '../hooks/use-form';
import { useI18n } from '../i18n';
import type { MerchantView } from '../lib/api';
import { draftInWgs84, type Issues } from '../lib/drafts';
import { hoursState, hoursText, weekIssues, type HoursState } from '../lib/hours-editor';
import { SHOP_FIELDS, shopCreateBody, shopDraft, shopIssues, shopPatchBody, shopReviewNote } from '../lib/shop-form';
import { FormStatus, SelectField, TextField } from './fields';
import { HoursEditor } from './hours-editor';
import { AddressFields, PositionFields } from './place-fields';
import { Note } from './ui';

export function ShopForm({ shop, onSaved }: { shop: MerchantView | null; onSaved(m: MerchantView): void }) {
  const { t, label } = useI18n();
  const { api, announce } = useApp();
  const form = useForm(shopDraft(shop ?? undefined), SHOP_FIELDS);
  const [hours, setHours] = useState<HoursState>(() => hoursState(shop?.opening_hours));
  const [crs, setCrs] = useState<Crs>('wgs84');
  const draft = draftInWgs84({ ...form.draft, opening_hours: hoursText(hours) }, crs); // what is saved: WGS-84
  const check: Issues = { ...shopIssues(draft), ...(hours.kind === 'editor' && weekIssues(hours.week).length ? { opening_hours: 'hours' } : {}) };
  const issues = form.issues(check);
  const patch = shop ? shopPatchBody(shop, draft) : null;
  const note = shop && patch ? shopReviewNote(shop, patch) : 'none';
  const id = 'shop';
  const labels: Record<string, [string, string]> = {
    name: [`${id}-name`, t('shopName')], category: [`${id}-category`, t('category')], lat: [`${id}-lat`, t('lat')], lng: [`${id}-lng`, t('lng')],
    address: [`${id}-address`, t('address')], province: [`${id}-province`, t('province')], city: [`${id}-city`, t('city')],
    district: [`${id}-district`, t('district')], phone: [`${id}-phone`, t('phone')], opening_hours: [`${id}-hours`, t('hours')], notes: [`${id}-notes`, t('notes')],
  };

  const save = (e: Event) => {
    e.preventDefault();
    void form.submit(check, async () => {
      if (!shop) {
        const created = await api.createShop(shopCreateBody(draft));
        announce(t('shopCreated'));
        return onSaved(created);
      }
      const saved = patch && Object.keys(patch).length ? await api.updateShop(shop.id, patch) : shop;
      announce(t('saved'));
      form.reset(shopDraft(saved));
      setCrs('wgs84'); // the fields now hold the stored WGS-84 position
      setHours(hoursState(saved.opening_hours));
      onSaved(saved);
    });
  };

  return (
    <form class="form" onSubmit={save} noValidate aria-labelledby={shop ? 'shop-form-title' : undefined}>
      <FormStatus issues={issues} labels={labels} error={form.error} boxRef={form.problemsRef} />
      <TextField id={`${id}-name`} label={t('shopName')} value={form.draft.name} onValue={(v) => form.set('name', v)} error={issues.name} maxLength={120} autoComplete="organization" />
      <SelectField id={`${id}-category`} label={t('category')} value={form.draft.category} onValue={(v) => form.set('category', v)} error={issues.category}
        placeholder={t('categoryChoose')} options={MERCHANT_CATEGORIES.map((c) => ({ value: c.key, label: label(c) }))} />
      <PositionFields id={id} draft={form.draft} issues={issues} set={form.set} setMany={form.setMany} crs={crs} onCrs={setCrs} />
      <AddressFields id={id} draft={form.draft} issues={issues} set={form.set} />
      <TextField id={`${id}-phone`} label={t('phone')} type="tel" value={form.draft.phone} onValue={(v) => form.set('phone', v)} error={issues.phone} optional autoComplete="tel" maxLength={40} />
      <HoursEditor id={`${id}-hours`} label={t('hours')} value={hours} onChange={setHours} />
      {issues.opening_hours && issues.opening_hours !== 'hours' && <p class="field-error">{issues.opening_hours}</p>}
      <TextField id={`${id}-notes`} label={t('notes')} value={form.draft.notes} onValue={(v) => form.set('notes', v)} error={issues.notes} optional multiline maxLength={1000} />
      {shop ? (note !== 'none' ? <Note tone="warn">{t(`reviewNote_${note}`)}</Note> : <Note>{t('reviewInfoShop')}</Note>) : <Note>{t('reviewNew')}</Note>}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={form.busy}>{form.busy ? t('saving') : t(shop ? 'save' : 'create')}</button>
      </div>
    </form>
  );
}
