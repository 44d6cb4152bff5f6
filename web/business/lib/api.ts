/**
 * Every call the business app makes (accounts, merchant self-service, the union admin), typed.
 * Components get a BizApi and never call fetch themselves. Shapes follow api/routes/{auth,my,admin*}.ts.
 */
import type { Crs, OfferKind } from '../../../data/catalog';
import type { MembershipApplication } from '../../../data/membership/application';
import type { Benefit, BenefitInput } from '../../../data/membership/benefit';
import type { RowError, Station } from '../../../data/schema';
import type { LngLat, TileConfig } from '../../lib/api';
import { createHttp, qs, type Http } from './api-client';
import {
  SESSION_HINT_COOKIE, type AuditEntry, type ImportPreview, type MerchantView, type OfferView, type ReportSummary,
  type ReportTargetType, type Role, type SignInNotice, type TriageReport as Report, type User as StoredUser,
} from '../../../data/wire';
import { stationOpsApi } from './station-ops-api';

/** The signed-in account (the API's, whose creation date the app does not use). */
export type User = Omit<StoredUser, 'created_at'>;
export type { Role, SignInNotice };
/** The signed-in account and the owner's notice: wrong passwords tried since the last sign-in. */
export type SignedIn = { user: User } & SignInNotice;

export type { AuditEntry, MerchantView, OfferView };
/** A membership application as admins see it (personal data: shown to admins only). */
export type AdminApplication = MembershipApplication & { userId: string; email: string };
export type { Benefit, BenefitInput };
export interface Owner {
  id: string;
  email: string;
  name: string;
}
export interface Queue {
  merchants: (MerchantView & { owner: Owner | null })[];
  offers: (OfferView & { merchant: { id: string; name: string; category: string; status: string; owner: Owner | null } })[];
}

export type ImportKind = 'stations' | 'merchants';
export interface ImportOptions {
  kind: ImportKind;
  crs: Crs;
  filename: string;
}
export interface ImportDone {
  ok: true;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  warnings: RowError[];
}

export type { ImportPreview, Report, ReportSummary, ReportTargetType };

/** The map tiles of GET /api/config, as the PWA reads them. */
export type { TileConfig };

/** A station hit of GET /api/search (open or temporarily closed stations; closed ones only by id). */
export type StationHit = Station & { kind: 'station'; distance: number };

/** The Content-Type an import file is sent with, from its name (the server detects the rest). */
export function importContentType(filename: string): string {
  const ext = filename.toLowerCase().split('.').pop();
  if (ext === 'csv' || ext === 'txt') return 'text/csv';
  if (ext === 'geojson' || ext === 'json') return 'application/geo+json';
  return 'application/octet-stream';
}

/** Whether a cookie string holds the server's readable sign-in hint (no hint: no session to ask about). */
export const hasSessionHint = (cookie: string) => cookie.split(/;\s*/).some((c) => c.startsWith(`${SESSION_HINT_COOKIE}=`));

const id = encodeURIComponent;
type Body = Record<string, unknown>;

/** Builds the client; tests pass their own fetch and base URL, the page its cookie hint (default: always ask). */
export function createBizApi(
  deps: { baseUrl?: string; fetch?: typeof fetch; mayBeSignedIn?: () => boolean } = {},
  http: Http = createHttp(deps),
) {
  const { call } = http;
  const mayBeSignedIn = deps.mayBeSignedIn ?? (() => true);
  return {
    ...stationOpsApi(http),
    config: () => call<{ tiles: TileConfig }>('GET', '/api/config'),

    /** The signed-in account, or null (without a request when the hint says no one is). */
    me: (): Promise<SignedIn | null> => (mayBeSignedIn() ? call<SignedIn>('GET', '/api/auth/me', { fresh: true }) : Promise.resolve(null)),
    signIn: (email: string, password: string) => call<SignedIn>('POST', '/api/auth/login', { body: { email, password } }),
    /** 403 when `current` is wrong; the account's other sessions end. */
    changePassword: (current: string, password: string) => call<void>('POST', '/api/auth/password', { body: { current, password } }),
    signUp: (b: { email: string; password: string; name: string }) => call<{ user: User }>('POST', '/api/auth/register', { body: b }).then((r) => r.user),
    signOut: () => call<void>('POST', '/api/auth/logout'),

    myShops: () => call<{ items: MerchantView[] }>('GET', '/api/my/merchants', { fresh: true }).then((r) => r.items),
    createShop: (b: Body) => call<{ merchant: MerchantView }>('POST', '/api/my/merchants', { body: b }).then((r) => r.merchant),
    updateShop: (shopId: string, b: Body) => call<{ merchant: MerchantView }>('PATCH', `/api/my/merchants/${id(shopId)}`, { body: b }).then((r) => r.merchant),
    createOffer: (shopId: string, b: Body) => call<{ offer: OfferView }>('POST', `/api/my/merchants/${id(shopId)}/offers`, { body: b }).then((r) => r.offer),
    updateOffer: (offerId: string, b: Body) => call<{ offer: OfferView }>('PATCH', `/api/my/offers/${id(offerId)}`, { body: b }).then((r) => r.offer),

    queue: () => call<Queue>('GET', '/api/admin/queue', { fresh: true }),
    review: (kind: 'merchants' | 'offers', itemId: string, decision: 'approve' | 'reject', reason?: string) =>
      call<Body>('POST', `/api/admin/${kind}/${id(itemId)}/review`, { body: reason ? { decision, reason } : { decision } }),

    applications: (status: 'pending' | 'approved' | 'rejected') =>
      call<{ items: AdminApplication[] }>('GET', `/api/admin/applications?status=${status}`, { fresh: true }).then((r) => r.items),
    reviewApplication: (appId: string, decision: 'approve' | 'reject', reason?: string) =>
      call<Body>('POST', `/api/admin/applications/${id(appId)}/review`, { body: reason ? { decision, reason } : { decision } }),
    revokeCard: (cardId: string, reason: string, endMembership: boolean) =>
      call<Body>('POST', `/api/admin/members/${id(cardId)}/revoke`, { body: { reason, endMembership } }),
    benefits: () => call<{ items: Benefit[] }>('GET', '/api/admin/benefits', { fresh: true }).then((r) => r.items),
    issueBenefit: (b: BenefitInput) => call<{ benefit: Benefit }>('POST', '/api/admin/benefits', { body: b }).then((r) => r.benefit),

    station: (stationId: string) => call<{ station: Station }>('GET', `/api/stations/${id(stationId)}`, { fresh: true }).then((r) => r.station),
    searchStations: (q: string, at: LngLat) =>
      call<{ items: ({ kind: string } & Station & { distance: number })[] }>('GET', `/api/search${qs({ q, lng: at[0], lat: at[1], limit: 30 })}`, { fresh: true })
        .then((r) => r.items.filter((x): x is StationHit => x.kind === 'station')),
    createStation: (b: Body) => call<{ station: Station }>('POST', '/api/admin/stations', { body: b }).then((r) => r.station),
    updateStation: (stationId: string, b: Body) => call<{ station: Station }>('PATCH', `/api/admin/stations/${id(stationId)}`, { body: b }).then((r) => r.station),

    /** Dry run: what importing the file would do (writes nothing). */
    previewImport: (bytes: ArrayBuffer, o: ImportOptions) =>
      call<ImportPreview>('POST', `/api/admin/import${qs({ ...o, dryRun: 1 })}`, { raw: bytes, contentType: importContentType(o.filename) }),
    /** The all-or-nothing import; a bad file is a BizError with status 422 and the report in `data`. */
    runImport: (bytes: ArrayBuffer, o: ImportOptions) =>
      call<ImportDone>('POST', `/api/admin/import${qs({ ...o })}`, { raw: bytes, contentType: importContentType(o.filename) }),
    exportUrl: (kind: ImportKind, format: 'geojson' | 'csv') => `/api/admin/export${qs({ kind, format })}`,

    audit: (q: { before?: number; targetType?: string; targetId?: string; limit?: number } = {}) =>
      call<{ items: AuditEntry[]; next: number | null }>('GET', `/api/admin/audit${qs({ limit: 30, ...q })}`, { fresh: true }),

    reports: (q: { status?: 'open' | 'resolved'; targetType?: ReportTargetType; targetId?: string; before?: string; limit?: number } = {}) =>
      call<{ items: Report[]; next: string | null }>('GET', `/api/admin/reports${qs({ limit: 30, ...q })}`, { fresh: true }),
    reportSummary: (q: { targetType?: ReportTargetType } = {}) =>
      call<{ items: ReportSummary[] }>('GET', `/api/admin/reports/summary${qs(q)}`, { fresh: true }).then((r) => r.items),
    resolveReport: (reportId: string, b: { apply?: boolean; note?: string; closed_until?: string }) =>
      call<{ report: Report; resolvedAlso: number; station?: Station }>('POST', `/api/admin/reports/${id(reportId)}/resolve`, { body: b }),
  };
}

export type BizApi = ReturnType<typeof createBizApi>;
export type { OfferKind };
