/** A panel of big toggle buttons (icon + label) for choosing several catalogue entries. */
import { Check } from 'lucide-preact';
import { useI18n } from '../i18n/context';
import { CatalogIcon } from './icon';

interface Props {
  id: string;
  title: string;
  entries: readonly { key: string; zh: string; en: string; icon: string }[];
  chosen: readonly string[];
  onToggle(key: string): void;
  onDone(): void;
}

export function ChoicePanel({ id, title, entries, chosen, onToggle, onDone }: Props) {
  const { t, label } = useI18n();
  return (
    <section class="choice-panel" id={id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <div class="choice-grid">
        {entries.map((e) => {
          const on = chosen.includes(e.key);
          return (
            <button type="button" key={e.key} class="choice" aria-pressed={on} onClick={() => onToggle(e.key)}>
              <CatalogIcon name={e.icon} size={22} />
              <span>{label(e)}</span>
              {on && <Check size={20} aria-hidden="true" class="icon check" />}
            </button>
          );
        })}
      </div>
      <button type="button" class="btn btn-primary btn-block" onClick={onDone}>
        {t('filterDone')}
      </button>
    </section>
  );
}
