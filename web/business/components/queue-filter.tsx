/**
 * Search and filter for the review queue: one box matching shop name, offer title, address and
 * the submitter's name or email, and a choice of what to show (all, shops, offers). The queue is
 * loaded whole (up to the API's cap per kind), so the match covers every waiting item.
 */
import { Search } from 'lucide-preact';
import type { Queue } from '../lib/api';
import { useI18n } from '../i18n';

export type QueueShow = 'all' | 'merchants' | 'offers';
export interface QueueFilterValue {
  text: string;
  show: QueueShow;
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().trim();
const hit = (words: string[], fields: (string | undefined | null)[]) => {
  const hay = norm(fields.filter(Boolean).join(' '));
  return words.every((w) => hay.includes(w));
};

/** The queue narrowed to the filter (all words must match, in any of the item's fields). */
export function filterQueue(q: Queue, f: QueueFilterValue): Queue {
  const words = norm(f.text).split(/\s+/).filter(Boolean);
  return {
    ...q,
    merchants: f.show === 'offers' ? [] : q.merchants.filter((m) => hit(words, [m.name, m.address, m.city, m.district, m.owner?.name, m.owner?.email])),
    offers: f.show === 'merchants' ? [] : q.offers.filter((o) => hit(words, [o.title, o.description, o.merchant.name, o.merchant.owner?.name, o.merchant.owner?.email])),
  };
}

export function QueueFilter({ value, onChange }: { value: QueueFilterValue; onChange(v: QueueFilterValue): void }) {
  const { t } = useI18n();
  return (
    <div class="queue-filter" role="search">
      <label class="queue-search">
        <Search size={18} aria-hidden="true" class="icon" />
        <span class="visually-hidden">{t('queueSearch')}</span>
        <input type="search" value={value.text} placeholder={t('queueSearchHint')} onInput={(e) => onChange({ ...value, text: e.currentTarget.value })} />
      </label>
      <fieldset class="seg seg-wide">
        <legend class="visually-hidden">{t('queueShow')}</legend>
        {(['all', 'merchants', 'offers'] as const).map((k) => (
          <label class="seg-opt" key={k}>
            <input type="radio" name="queue-show" checked={value.show === k} onChange={() => onChange({ ...value, show: k })} />
            <span>{t(k === 'all' ? 'queueShowAll' : k === 'merchants' ? 'queueShowShops' : 'queueShowOffers')}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
