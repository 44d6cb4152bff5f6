/**
 * Filters: open now, 24 h, amenities (all of), station type (any of) and member offers. Toggles
 * are buttons with aria-pressed; amenities and types open a panel of big icon+label buttons.
 * Active amenity/type filters are listed as removable pills with a "clear all".
 */
import { useState } from 'preact/hooks';
import { BadgePercent, ChevronDown, Clock, SlidersHorizontal, Tag, X } from './icons';
import { AMENITIES, STATION_TYPES } from '../../data/catalog';
import { NO_FILTERS, type Filters } from '../lib/prefs';
import { useI18n } from '../i18n/context';
import { CatalogIcon } from './icon';
import { ChoicePanel } from './choice-panel';
import { useLayer } from '../hooks/use-layer';

/** True when any filter narrows the list. */
export const hasFilters = (f: Filters) => f.openNow || f.only24h || f.amenities.length > 0 || f.types.length > 0 || f.notices.length > 0;

/** The notice filters offered as chips: what riders ask for most. */
const NOTICE_CHIPS = [
  { kind: 'job', key: 'filterJobs' },
  { kind: 'legal_aid', key: 'filterLegalAid' },
  { kind: 'relief', key: 'filterRelief' },
] as const;

export function FilterBar({ filters: f, onChange }: { filters: Filters; onChange(f: Filters): void }) {
  const { t, label } = useI18n();
  const [panel, setPanel] = useState<'amenities' | 'types' | null>(null);
  useLayer(panel !== null, () => setPanel(null));
  const set = (patch: Partial<Filters>) => onChange({ ...f, ...patch });
  const toggleIn = (list: string[], key: string) => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key]);
  const chosen = [
    ...AMENITIES.filter((a) => f.amenities.includes(a.key)).map((a) => ({ e: a, remove: () => set({ amenities: toggleIn(f.amenities, a.key) }) })),
    ...STATION_TYPES.filter((s) => f.types.includes(s.key)).map((s) => ({ e: s, remove: () => set({ types: toggleIn(f.types, s.key) }) })),
  ];
  const count = (n: number) => (n > 0 ? ` (${n})` : '');

  return (
    <div class="filters">
      <div class="chips" role="group" aria-label={t('filterTitle')}>
        <button type="button" class="chip" aria-pressed={f.openNow} onClick={() => set({ openNow: !f.openNow })}>
          <Clock size={18} aria-hidden="true" class="icon" />
          {t('filterOpenNow')}
        </button>
        <button type="button" class="chip" aria-pressed={f.only24h} onClick={() => set({ only24h: !f.only24h })}>
          {t('filter24h')}
        </button>
        <button type="button" class="chip" aria-expanded={panel === 'amenities'} aria-controls="panel-amenities" data-active={f.amenities.length > 0}
          onClick={() => setPanel(panel === 'amenities' ? null : 'amenities')}>
          <SlidersHorizontal size={18} aria-hidden="true" class="icon" />
          {t('filterAmenities')}{count(f.amenities.length)}
          <ChevronDown size={16} aria-hidden="true" class="icon chev" />
        </button>
        <button type="button" class="chip" aria-expanded={panel === 'types'} aria-controls="panel-types" data-active={f.types.length > 0}
          onClick={() => setPanel(panel === 'types' ? null : 'types')}>
          <Tag size={18} aria-hidden="true" class="icon" />
          {t('filterType')}{count(f.types.length)}
          <ChevronDown size={16} aria-hidden="true" class="icon chev" />
        </button>
        {NOTICE_CHIPS.map((c) => (
          <button type="button" class="chip" key={c.kind} aria-pressed={f.notices.includes(c.kind)} onClick={() => set({ notices: toggleIn(f.notices, c.kind) })}>
            {t(c.key)}
          </button>
        ))}
        <button type="button" class="chip chip-offer" aria-pressed={f.merchants} onClick={() => set({ merchants: !f.merchants })}>
          <BadgePercent size={18} aria-hidden="true" class="icon" />
          {t('filterMerchants')}
        </button>
      </div>
      {panel === 'amenities' && (
        <ChoicePanel id="panel-amenities" title={t('filterAmenitiesTitle')} entries={AMENITIES} chosen={f.amenities}
          onToggle={(k) => set({ amenities: toggleIn(f.amenities, k) })} onDone={() => setPanel(null)} />
      )}
      {panel === 'types' && (
        <ChoicePanel id="panel-types" title={t('filterTypeTitle')} entries={STATION_TYPES} chosen={f.types}
          onToggle={(k) => set({ types: toggleIn(f.types, k) })} onDone={() => setPanel(null)} />
      )}
      {(chosen.length > 0 || hasFilters(f)) && (
        <div class="active-filters">
          {chosen.map(({ e, remove }) => (
            <button type="button" class="pill" key={e.key} onClick={remove} aria-label={t('filterRemove', { name: label(e) })}>
              <CatalogIcon name={e.icon} size={16} />
              {label(e)}
              <X size={16} aria-hidden="true" class="icon" />
            </button>
          ))}
          <button type="button" class="btn-link" onClick={() => onChange({ ...NO_FILTERS, merchants: f.merchants })}>
            {t('filterClearAll')}
          </button>
        </div>
      )}
    </div>
  );
}
