/**
 * List items as nearest, search (and corridor) return them: the record plus distance, open-now,
 * 24 h and next change. Station items are spliced from the stored JSON (no re-serialising).
 */
import type { NearestHit } from '../data/geo/nearest';
import { liveFields as computeLive } from '../data/listing-core';
import { localDate, publicMerchant } from '../data/merchants';
import type { Listing } from './listing';
import type { Store } from './store/port';

/** The computed fields of hit h as JSON members (without braces), then a comma. */
function liveFields(listing: Listing, h: NearestHit, at: Date, extra: string): string {
  return `${extra}${JSON.stringify(computeLive(listing, h, at)).slice(1, -1)},`;
}

/** Station items as JSON texts, in hit order (records deleted since the index was built are skipped). */
export function stationItems(listing: Listing, store: Store, hits: NearestHit[], at: Date, extra = ''): string[] {
  const docs = listing.docs(hits.map((h) => h.i), store.stationDocs);
  return hits.flatMap((h, k) => (docs[k] === undefined ? [] : [`{${liveFields(listing, h, at, extra)}${docs[k]!.slice(1)}`]));
}

/** Approved-merchant items (offers valid today) as JSON texts, in hit order. */
export function merchantItems(listing: Listing, store: Store, hits: NearestHit[], at: Date, extra = ''): string[] {
  const merchants = store.merchantsByRowid(hits.map((h) => listing.cols.rowid[h.i]));
  const day = localDate(at);
  return hits.flatMap((h, k) => {
    const m = merchants[k];
    return m ? [`{${liveFields(listing, h, at, extra)}${JSON.stringify(publicMerchant(m, day)).slice(1)}`] : [];
  });
}
