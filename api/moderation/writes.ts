/**
 * Writes made through the API (owners' edits, reviews, station edits): one transaction for the
 * record, what an admin approved and the audit entry; then the public listing is rebuilt at once,
 * so a write is visible (or hidden) in nearest/bbox on the very next request.
 */
import { contentKey } from '../../data/records';
import type { Merchant, Offer, Station } from '../../data/schema';
import type { Listings } from '../listings';
import type { ApprovalKind, AuditInput, Store } from '../store/port';

interface Deps {
  store: Store;
  listings: Listings;
}

/** An approval to remember ([kind, id, key]) or forget ([kind, id, null]). */
export type ApprovalChange = [ApprovalKind, string, string | null];

export interface WriteExtras {
  approvals?: ApprovalChange[];
  audit?: AuditInput;
}

function apply(store: Store, extras: WriteExtras) {
  for (const [kind, id, key] of extras.approvals ?? []) store.setApprovedKey(kind, id, key);
  if (extras.audit) store.appendAudit(extras.audit);
}

/**
 * Writes a merchant's own fields and the given offers (its other offers are kept). The index
 * holds approved shops' own fields only (offers are read per request), so it is rebuilt only
 * when those changed for a shop that was or becomes public.
 */
export function writeMerchant(deps: Deps, merchant: Omit<Merchant, 'offers'>, offers: Offer[] = [], extras: WriteExtras = {}): void {
  const before = deps.store.merchantRecord(merchant.id);
  const shopChanged = !before || contentKey({ ...before, offers: [] }) !== contentKey({ ...merchant, offers: [] });
  deps.store.atomically(() => {
    deps.store.upsertMerchants([{ ...merchant, offers }]);
    apply(deps.store, extras);
  });
  if (shopChanged && (before?.status === 'approved' || merchant.status === 'approved')) deps.listings.refreshNow('merchants');
}

/** Writes one station. */
export function writeStation(deps: Deps, station: Station, extras: WriteExtras = {}): void {
  deps.store.atomically(() => {
    deps.store.upsertStations([station]);
    apply(deps.store, extras);
  });
  deps.listings.refreshNow('stations');
}

/**
 * What an admin approved for an item: the recorded key, or — for an item approved before keys were
 * recorded (imports, demo data) — its current key, which `remember` then records.
 */
export function approvalOf<T extends Merchant | Offer>(
  store: Store,
  kind: ApprovalKind,
  item: T,
  keyOf: (x: T) => string,
): { key: string | undefined; remember: ApprovalChange[] } {
  const recorded = store.approvedKey(kind, item.id);
  if (recorded !== undefined) return { key: recorded, remember: [] };
  if (item.status !== 'approved') return { key: undefined, remember: [] };
  const key = keyOf(item);
  return { key, remember: [[kind, item.id, key]] };
}
