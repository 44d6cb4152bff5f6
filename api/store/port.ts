/**
 * The storage port: what the API needs from a database. SQLite (sqlite.ts) is the embedded default;
 * PostgreSQL + PostGIS (pg.ts) the shared store of several API processes. The halves (port-*.ts)
 * declare each method's meaning as a plain signature; `Store` is those methods made asynchronous
 * (PostgreSQL is; SQLite's calls resolve at once).
 */
import type { NoticeSpan } from '../../data/notices';
import type { Merchant, Offer, Station } from '../../data/schema';
import type { AccountStore, ModerationStore } from './port-accounts';
import type { ReportStore } from './port-reports';
import type { OperatorStore } from './port-operators';
import type { MembershipStore } from './port-membership';
import type { UnavailableReason } from './errors';
import type { RedemptionStore } from './port-redemptions';
import type { BenefitStore } from './port-benefits';
import type { RateStore } from './port-rates';

/** What an in-memory index needs of one live record. */
export interface IndexRow {
  rowid: number;
  id: string;
  name: string;
  lng: number;
  lat: number;
  /** all-of mask (station amenities; 0 for merchants) */
  all: number;
  /** any-of mask (station type or merchant category bit) */
  any: number;
  status: string;
  hours: string | null;
  tz: string | null;
}

/** The same for every live record, as columns (read in bulk: one array per field). */
export interface IndexColumns {
  rowid: Float64Array;
  id: string[];
  name: string[];
  lng: Float64Array;
  lat: Float64Array;
  all: Uint32Array;
  any: Uint32Array;
  /** few distinct values: equal strings are one shared string */
  status: string[];
  hours: (string | null)[];
  tz: (string | null)[];
  /** stations: each one's notice windows, null when it has none (absent for merchants) */
  notices?: (NoticeSpan[] | null)[];
  /** merchants: what search finds them by besides the name (made from their records by api/listings.ts, not stored) */
  text?: string[];
}

export interface WriteSummary {
  added: number;
  updated: number;
  unchanged: number;
  version: number;
}

export interface Changes<T> {
  version: number;
  upserts: T[];
  deleted: string[];
}

export type Progress = (done: number, total: number) => void;

/** Every method of `T`, returning a promise of what it returned. */
export type Async<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : T[K] };

/** The records side of the port, declared synchronously; see `Store`. */
export interface StoreMethods extends AccountStore, ModerationStore, ReportStore, OperatorStore, MembershipStore, RedemptionStore, BenefitStore, RateStore {
  /** The change version: bumped once by every write transaction; the same on every process. */
  version(): number;
  counts(): { stations: number; merchants: number };
  /** The newest version written to each table: which in-memory listing is stale. */
  tableVersions(): { stations: number; merchants: number };
  /** How many rows of each table were written after `since` (tombstones included): whether a change feed is worth reading. */
  changedCounts(since: number): { stations: number; merchants: number };
  /** Live, not permanently closed stations. */
  stationIndex(): IndexColumns;
  /** Canonical station JSON by rowid, in the order asked (undefined when gone). */
  stationDocs(rowids: readonly number[]): (string | undefined)[];
  stationDoc(id: string): string | undefined;
  /** Canonical station JSON by id, in the order asked (undefined when unknown or deleted). */
  stationDocsById(ids: readonly string[]): (string | undefined)[];
  /** Canonical JSON of the live stations temporarily closed with a last day (`closed_until`): few, found by an index. */
  closingStationDocs(): string[];
  upsertStations(items: readonly Station[], onProgress?: Progress): WriteSummary;
  /** Deletes stations by id (kept as tombstones for sync); returns how many were live. */
  deleteStations(ids: readonly string[]): number;
  stationChanges(since: number): Changes<string>;
  /** Approved merchants only. */
  merchantIndex(): IndexColumns;
  /** Approved merchants by rowid with all their approved offers (any validity). */
  merchantsByRowid(rowids: readonly number[]): (Merchant | undefined)[];
  merchantById(id: string): Merchant | undefined;
  upsertMerchants(items: readonly Merchant[], onProgress?: Progress): WriteSummary;
  /** Approved merchants changed since `since`; merchants no longer public count as deleted. */
  merchantChanges(since: number): Changes<Merchant>;
}

export type StoreKind = 'sqlite' | 'postgres';

export interface Store extends Async<StoreMethods> {
  readonly kind: StoreKind;
  /**
   * True when anyone (this or another process) committed a write since the last call. Answered
   * from memory (SQLite's data_version; PostgreSQL's change notifications and catch-up timer), so
   * the listings may ask on every request.
   */
  externallyChanged(): boolean;
  /** Whether writes can succeed now (false after a read-only, full-disk or I/O failure, or while the database is unreachable): health reports it. */
  writeStatus(): WriteStatus;
  /**
   * Runs `fn` in one transaction: its writes (made through `tx`, never through this store) all
   * happen, or none do. Write transactions are serialised, so a read-then-write inside never loses
   * an update. `fn` should await only `tx`'s calls.
   */
  atomically<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type WriteStatus = { writable: true } | { writable: false; reason: UnavailableReason; since: string };

export type { Offer };
export type * from './port-accounts';
export type * from './port-reports';
export type * from './port-operators';
export type * from './port-membership';
export type * from './port-redemptions';
export type * from './port-benefits';
export type * from './port-rates';
