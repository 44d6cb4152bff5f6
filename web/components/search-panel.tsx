/**
 * Search results (stations and merchants anywhere in the country whose name or address contains
 * the query), nearest first; its words never say "nearby".
 */
import type { SearchHit } from '../lib/api';
import type { Load } from '../hooks/use-load';
import type { HoursModule } from '../hooks/use-hours';
import { useI18n } from '../i18n/context';
import { PlaceList } from './place-list';
import type { RowPlace } from './place-row';
import { ErrorNote, SkeletonRows } from './status';

interface Props {
  query: string;
  load: Load<SearchHit[]>;
  selectedId: string | null;
  hours: HoursModule | null;
  now: Date;
  onOpen(p: RowPlace): void;
}

export function SearchPanel({ query, load, selectedId, hours, now, onOpen }: Props) {
  const { t } = useI18n();
  return (
    <section class="nearest" aria-labelledby="search-title">
      <h2 id="search-title" class="headline" aria-live="polite">{t('searchResults', { q: query })}</h2>
      {load.data === null && load.status === 'error' ? (
        <ErrorNote error={load.error} onRetry={load.retry} />
      ) : load.data === null ? (
        <SkeletonRows count={3} label={t('searchLoading', { q: query })} />
      ) : load.data.length === 0 ? (
        <p class="empty" role="status">{t('searchNone', { q: query })}</p>
      ) : (
        <PlaceList places={load.data} now={now} hours={hours} selectedId={selectedId} labelledBy="search-title"
          busy={load.status === 'loading'} onOpen={onOpen} />
      )}
    </section>
  );
}
