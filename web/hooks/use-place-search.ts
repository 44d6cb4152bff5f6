/**
 * Place search as one types: loads the gazetteer when the field first shows, then answers each
 * query at once (it is all in memory, offline too).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { loadPlaces, type Place, type Places } from '../lib/places';

export interface PlaceSearch {
  /** null while loading (or when loading failed) */
  places: Places | null;
  failed: boolean;
  hits: Place[];
}

/** Matches for `query` (empty while the gazetteer loads or the query is blank). */
export function usePlaceSearch(query: string, limit = 8): PlaceSearch {
  const [places, setPlaces] = useState<Places | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let alive = true;
    loadPlaces().then((p) => alive && setPlaces(p), () => alive && setFailed(true));
    return () => {
      alive = false;
    };
  }, []);
  const hits = useMemo(() => (places && query.trim() ? places.search(query, limit) : []), [places, query, limit]);
  return { places, failed, hits };
}
