/**
 * The business app's calls for station operators (their stations, working state, notices,
 * "checked today") and the admin's operator grants and inspection list. Shapes follow
 * api/routes/{my-stations,station-notices,admin-operators}.ts.
 */
import type { Notice } from '../../../data/notices';
import type { Station } from '../../../data/schema';
import type { OperatorGrant } from '../../../data/wire';
import { qs, type Http } from './api-client';

export type { Notice, OperatorGrant };
type Body = Record<string, unknown>;
const id = encodeURIComponent;

/** The operator and grant calls, on the app's HTTP core. */
export function stationOpsApi({ call }: Http) {
  const notices = (stationId: string) => `/api/admin/stations/${id(stationId)}/notices`;
  return {
    myStations: () => call<{ stations: Station[] }>('GET', '/api/my/stations', { fresh: true }).then((r) => r.stations),
    /** Hours, amenities, amenities out of order, temporarily closed / open: live at once. */
    operateStation: (stationId: string, b: Body) => call<{ station: Station }>('PATCH', `/api/my/stations/${id(stationId)}`, { body: b }).then((r) => r.station),
    verifyStation: (stationId: string) => call<{ station: Station }>('POST', `/api/my/stations/${id(stationId)}/verify`).then((r) => r.station),
    /** A station as stored (every notice, ended ones too) for the staff who run it. */
    staffStation: (stationId: string) =>
      call<{ stations: Station[] }>('GET', '/api/my/stations', { fresh: true }).then((r) => r.stations.find((s) => s.id === stationId) ?? null),
    notices: (stationId: string) => call<{ notices: Notice[] }>('GET', notices(stationId), { fresh: true }).then((r) => r.notices),
    createNotice: (stationId: string, b: Body) => call<{ notice: Notice }>('POST', notices(stationId), { body: b }).then((r) => r.notice),
    updateNotice: (stationId: string, noticeId: string, b: Body) =>
      call<{ notice: Notice }>('PATCH', `${notices(stationId)}/${id(noticeId)}`, { body: b }).then((r) => r.notice),
    deleteNotice: (stationId: string, noticeId: string) => call<void>('DELETE', `${notices(stationId)}/${id(noticeId)}`),

    operators: () => call<{ items: OperatorGrant[] }>('GET', '/api/admin/operators', { fresh: true }).then((r) => r.items),
    grantOperator: (accountEmail: string, stationIds: string[]) =>
      call<{ operator: { accountId: string; email: string; stationIds: string[] } }>('POST', '/api/admin/operators', { body: { accountEmail, stationIds } }),
    revokeOperator: (accountId: string, stationId: string) => call<void>('DELETE', `/api/admin/operators/${id(accountId)}/stations/${id(stationId)}`),
    inspectionUrl: (province?: string, city?: string) => `/api/admin/inspection${qs({ province, city, format: 'csv' })}`,
  };
}
