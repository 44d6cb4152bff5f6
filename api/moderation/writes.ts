/**
 * Writes made through the API (owners' edits, reviews, station edits): one transaction for the
 * record, what an admin approved and the audit entry; then the public listing is rebuilt at once,
 * so a write is visible (or hidden) in nearest/bbox on the very next request.
 */
import { HTTPException } from 'hono/http-exception';
import { canonicalMerchant, canonicalStation, contentKey } from '../../data/records';
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

async function apply(tx: Store, extras: WriteExtras) {
  for (const [kind, id, key] of extras.approvals ?? []) await tx.setApprovedKey(kind, id, key);
  if (extras.audit) await tx.appendAudit(extras.audit);
}

/**
 * Writes are compare-and-set: an edit is made from a record read before its transaction, so the
 * transaction reads it again and refuses (409) when another writer changed it meanwhile — on one
 * process or on several sharing PostgreSQL, no update is lost.
 */
export class WriteConflictError extends HTTPException {
  constructor(what: string) {
    super(409, { message: `${what} was changed by someone else meanwhile. Reload it and try again.` });
  }
}

/** Same stored content (key order and update times aside). */
const sameStation = (a: Station, b: Station) => contentKey(canonicalStation(a, '')) === contentKey(canonicalStation(b, ''));
const sameMerchant = (a: Merchant, b: Merchant) => contentKey(canonicalMerchant(a, '')) === contentKey(canonicalMerchant(b, ''));

/**
 * Writes a merchant's own fields and the given offers (its other offers are kept). `base` is the
 * record the edit was made from (a write with a base refuses when the stored one differs). The
 * index holds approved shops' own fields only (offers are read per request), so it is rebuilt
 * only when those changed for a shop that was or becomes public.
 */
export async function writeMerchant(deps: Deps, merchant: Omit<Merchant, 'offers'>, offers: Offer[] = [], extras: WriteExtras & { base?: Merchant } = {}): Promise<void> {
  const before = await deps.store.atomically(async (tx) => {
    const stored = await tx.merchantRecord(merchant.id);
    if (extras.base && (!stored || !sameMerchant(stored, extras.base))) throw new WriteConflictError(`Merchant ${merchant.id}`);
    await tx.upsertMerchants([{ ...merchant, offers }]);
    await apply(tx, extras);
    return stored;
  });
  const shopChanged = !before || contentKey({ ...before, offers: [] }) !== contentKey({ ...merchant, offers: [] });
  if (shopChanged && (before?.status === 'approved' || merchant.status === 'approved')) await deps.listings.refreshNow('merchants');
}

/**
 * Writes one station inside the caller's transaction; with `base` (the station the edit was made
 * from, or null for "a new one"), only if that is still what is stored. The caller refreshes the
 * listing after committing.
 */
export async function putStation(tx: Store, station: Station, extras: WriteExtras & { base?: Station | null } = {}): Promise<void> {
  if (extras.base !== undefined) {
    const doc = await tx.stationDoc(station.id);
    const still = extras.base === null ? doc === undefined : doc !== undefined && sameStation(JSON.parse(doc), extras.base);
    if (!still) throw new WriteConflictError(`Station ${station.id}`);
  }
  await tx.upsertStations([station]);
  await apply(tx, extras);
}

/** Writes one station in its own transaction (see putStation), then rebuilds the listing. */
export async function writeStation(deps: Deps, station: Station, extras: WriteExtras & { base?: Station | null } = {}): Promise<void> {
  await deps.store.atomically((tx) => putStation(tx, station, extras));
  await deps.listings.refreshNow('stations');
}

/**
 * What an admin approved for an item: the recorded key, or — for an item approved before keys were
 * recorded (imports, demo data) — its current key, which `remember` then records.
 */
export async function approvalOf<T extends Merchant | Offer>(
  store: Store,
  kind: ApprovalKind,
  item: T,
  keyOf: (x: T) => string,
): Promise<{ key: string | undefined; remember: ApprovalChange[] }> {
  const recorded = await store.approvedKey(kind, item.id);
  if (recorded !== undefined) return { key: recorded, remember: [] };
  if (item.status !== 'approved') return { key: undefined, remember: [] };
  const key = keyOf(item);
  return { key, remember: [[kind, item.id, key]] };
}
