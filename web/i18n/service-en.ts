/** The English messages of service-zh.ts (same keys; the compiler checks none is missing). */
import type { serviceZh } from './service-zh';

export const serviceEn: Record<keyof typeof serviceZh, string> = {
  detailNotices: 'What’s on here',
  noticeContact: 'Contact: {value}',
  noticeLink: 'More details',
  noticeThis: 'this {day}',
  noticeNext: 'next {day}',
  noticeUntil: 'until {when}',
  noticeFrom: 'from {when}',
  amenityUnavailable: 'out of order',
  freshOperator: 'checked by the station {ago}',
  freshAdmin: 'checked by the union {ago}',
  freshVisitors: 'confirmed by {n} visitors, last {ago}',
  freshConfirmed: 'confirmed by {n} visitors in the last 30 days',
  freshImported: 'imported {date}, not checked since',
  freshVerified: 'Verified {when}',
  freshOutdated: 'May be out of date',
  filterJobs: 'Has job posts',
  filterLegalAid: 'Legal aid',
  filterRelief: 'Relief now',
};
