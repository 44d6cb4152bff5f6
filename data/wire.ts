/**
 * What goes over the wire between the API and its two apps: the JSON shapes both sides name.
 * The API builds them, the PWA and the business app read them; neither app imports api/.
 * (Records themselves — Station, Merchant, Offer — are in schema.ts; positions in crs.ts.)
 */
import type { Crs, ReportKind } from './catalog';
import type { Merchant, Offer, RowError } from './schema';

export type { LngLat } from './crs';
export type { BBox } from './geo/viewport';

// ---- map tiles (GET /api/config) ----

/** A tile source as configured on the server (TILE_URL and friends). */
export interface TileSource {
  /** Leaflet URL template, e.g. https://{s}.tile.example.org/{z}/{x}/{y}.png */
  url: string;
  subdomains: string;
  attribution: string;
  /** Coordinate system the tiles are drawn in; markers are shifted into it for display. */
  crs: Crs;
  maxZoom: number;
  /** Whether the source's terms allow downloading tiles ahead of time (route saving). */
  allowPrefetch: boolean;
}

/** The tiles of GET /api/config: the source, plus its extent when the API serves it (MBTiles). */
export interface TileConfig extends TileSource {
  /** lowest zoom the source has (MBTiles `minzoom`); absent: 0 */
  minZoom?: number;
  /** highest zoom the source has (MBTiles `maxzoom`); the map scales its tiles up beyond it */
  maxNativeZoom?: number;
  /** where the source has tiles (MBTiles `bounds`), WGS-84 minLng, minLat, maxLng, maxLat; absent: everywhere */
  bounds?: [number, number, number, number];
  /** average bytes per tile, when the server knows (MBTiles): for "save for offline" estimates */
  tileBytes?: number;
}

// ---- accounts and the audit log ----

/**
 * The readable sign-in hint cookie the API sets beside its HttpOnly session: without it no session
 * exists, so the business app need not ask /api/auth/me (a 401 in the console). Never trusted.
 */
export const SESSION_HINT_COOKIE = 'yz_signed_in';

/**
 * The readable hint cookie the PWA sets once it keeps a position on this phone: its next visit
 * starts the map there, so the page names no tiles of the whole country to preload (api/static.ts).
 * It says nothing of where; never trusted.
 */
export const POSITION_HINT_COOKIE = 'yz_here';

export type Role = 'merchant' | 'admin';

/** An account as the API shows it (never with its password hash). */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  created_at: string;
}

/**
 * Beside the user in POST /api/auth/login (wrong passwords tried since the previous sign-in, then
 * cleared) and GET /api/auth/me (since the newest sign-in): so the owner sees an attack.
 */
export interface SignInNotice {
  failedSignIns: number;
  /** ISO time of the newest wrong password; only when failedSignIns > 0 */
  lastFailedSignInAt?: string;
}

/** One admin action: who, what, when, and the record before and after. */
export interface AuditEntry {
  id: number;
  at: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: unknown;
  after: unknown;
  /** the actor's email, when read back (not stored with the entry) */
  actor_email?: string | null;
}

/** One operator grant: an account runs a station. */
export interface OperatorGrant {
  accountId: string;
  email: string;
  stationId: string;
  grantedAt: string;
  grantedBy: string;
}

// ---- merchants and offers as their owners and admins see them ----

export type OfferView = Offer & { live: boolean };
export type MerchantView = Omit<Merchant, 'offers' | 'owner_id'> & { live: boolean; offers: OfferView[] };

// ---- the admin import's preview ----

export type RowAction = 'add' | 'update' | 'unchanged';

export interface ImportPreview {
  ok: boolean;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  warnings: RowError[];
  items: { row: number; id: string; name: string; action: RowAction }[];
  itemsTruncated: boolean;
}

// ---- problem reports and their triage ----

export const REPORT_TARGET_TYPES = ['station', 'merchant'] as const;
export const REPORT_STATUSES = ['open', 'resolved'] as const;

export type ReportTargetType = (typeof REPORT_TARGET_TYPES)[number];
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What a reporter sends, in canonical form (note trimmed, absent when empty; clientId lower-case). */
export interface ReportInput {
  clientId: string;
  targetType: ReportTargetType;
  targetId: string;
  kind: ReportKind;
  amenity?: string;
  note?: string;
}

/** How an admin closed a report. */
export interface Resolution {
  at: string;
  /** the admin's account id */
  by: string;
  note?: string;
  /** true when the reported state was written to the station */
  applied: boolean;
}

/** A stored report. */
export interface Report extends ReportInput {
  id: string;
  createdAt: string;
  status: ReportStatus;
  /** the resolver's account email and display name, when the account still exists (name only when it has one) */
  resolution?: Resolution & { byEmail?: string; byName?: string };
}

/** A report as triage shows it: with its target's name and status (null when the target is gone). */
export interface TriageReport extends Report {
  target: { name: string; status: string } | null;
}

/** Open reports of one target, for a triage list grouped by station. */
export interface ReportSummary {
  targetType: ReportTargetType;
  targetId: string;
  target: { name: string; status: string } | null;
  open: number;
  kinds: Partial<Record<ReportKind, number>>;
  /** when the newest open report was made */
  lastAt: string;
}
