/**
 * The answers to a place search (cities and counties from the gazetteer), as buttons; loaded with
 * the gazetteer, so the first load does not carry it. Says plainly when nothing has that name.
 */
import { usePlaceSearch } from '../hooks/use-place-search';
import { placesT } from '../i18n/places';
import type { Place, Places } from '../lib/places';

interface Props {
  query: string;
  locale: string;
  /** id of the status line (the search field's aria-describedby) */
  statusId: string;
  /** the list's accessible name */
  labelledBy: string;
  onPick(p: Place, places: Places): void;
}

export function PlaceResults({ query, locale, statusId, labelledBy, onPick }: Props) {
  const pt = placesT(locale);
  const { places, failed, hits } = usePlaceSearch(query);
  const q = query.trim();
  const none = !!q && (failed || (places !== null && hits.length === 0));
  const status = !q ? '' : failed ? pt('placesFailed') : !places ? pt('placesLoading') : hits.length ? pt('placesCount', { n: hits.length }) : pt('placesNone', { q });
  return (
    <>
      <p id={statusId} class={none ? 'form-error' : 'visually-hidden'} role="status">{status}</p>
      {places && hits.length > 0 && (
        <ul class="place-options" aria-labelledby={labelledBy}>
          {hits.map((p) => (
            <li key={p.code}>
              <button type="button" class="btn btn-quiet place-option" onClick={() => onPick(p, places)}>
                <span>{places.name(p, locale)}</span>
                <span class="muted">{places.context(p, locale)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
