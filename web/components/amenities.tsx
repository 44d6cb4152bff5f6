/** Amenities as icon + label, compact (a row in the list) or full (the detail sheet). */
import { AMENITIES } from '../../data/catalog';
import { useI18n } from '../i18n/context';
import { CatalogIcon } from './icon';

const BY_KEY = new Map<string, (typeof AMENITIES)[number]>(AMENITIES.map((a) => [a.key, a]));

/** The amenities a place has, in catalogue order; `max` shows the first few and "+N". */
export function AmenityChips({ keys, max, highlight = [], unavailable = [] }: {
  keys: readonly string[]; max?: number; highlight?: readonly string[];
  /** amenities out of order for now: shown as such, not hidden */
  unavailable?: readonly string[];
}) {
  const { label, t } = useI18n();
  const known = AMENITIES.filter((a) => keys.includes(a.key));
  // Filtered-for amenities first, so the one the rider asked for is always visible.
  const ordered = [...known.filter((a) => highlight.includes(a.key)), ...known.filter((a) => !highlight.includes(a.key))];
  const shown = max === undefined ? ordered : ordered.slice(0, max);
  const more = ordered.length - shown.length;
  return (
    <ul class={max === undefined ? 'amenities amenities-full' : 'amenities'}>
      {shown.map((a) => (
        <li key={a.key} class={unavailable.includes(a.key) ? 'is-unavailable' : highlight.includes(a.key) ? 'is-match' : undefined}>
          <CatalogIcon name={a.icon} size={max === undefined ? 22 : 16} />
          <span>{label(a)}</span>
          {unavailable.includes(a.key) && <span class="unavailable">（{t('amenityUnavailable')}）</span>}
        </li>
      ))}
      {more > 0 && <li class="more">+{more}</li>}
    </ul>
  );
}
