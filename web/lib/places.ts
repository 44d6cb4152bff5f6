/**
 * The gazetteer of cities and counties (data/places), loaded on first use as its own chunks: the
 * search code and the data file (~45 KB gz) stay out of the first load. The service worker
 * precaches both, so place search works offline too.
 */
import type { Place } from '../../data/places/gazetteer';
import type { LngLat } from './api';

export type { Place };

export interface Places {
  /** best matches for a Chinese or pinyin name, best first */
  search(query: string, limit?: number): Place[];
  /** the county (or county-less city) nearest a WGS-84 position */
  nearest(at: LngLat): Place;
  /** 昆山市 / Kunshan */
  name(p: Place, locale: string): string;
  /** 江苏省苏州市 / Suzhou, Jiangsu */
  context(p: Place, locale: string): string;
  /** 南京市玄武区 / Xuanwu District, Nanjing */
  fullName(p: Place, locale: string): string;
}

let loading: Promise<Places> | undefined;

/** The gazetteer (one load per page; a failed load is tried again on the next call). */
export function loadPlaces(): Promise<Places> {
  return (loading ??= Promise.all([import('../../data/places/gazetteer'), import('../../data/places/gazetteer-data')]).then(
    ([g, data]) => {
      const book = g.parseGazetteer(data.GAZETTEER);
      return {
        search: (q, limit) => g.searchPlaces(book, q, limit).map((h) => h.place),
        nearest: (at) => g.nearestPlace(book, at[0], at[1]),
        name: g.placeName,
        context: g.placeContext,
        fullName: g.placeFullName,
      };
    },
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  ));
}
