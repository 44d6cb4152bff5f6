// The notice and freshness rules with a fixed clock: current until the end passes in the
// station's zone; bare dates; soonest first; 30-day confirmations and N to verify; 180 days.
import { describe, expect, it } from 'vitest';
import { applyConfirmation, confirmationsAt, flaggedClosed, mayBeOutdated } from '../../data/freshness';
import { currentKinds, currentNotices, noticeSpan, type Notice } from '../../data/notices';
import { noticeCreateBody } from '../../data/notice-bodies';
import { zonedDay } from '../../data/wall-time';
import type { Station } from '../../data/schema';

const DAY = 24 * 3600_000;
const notice = (over: Partial<Notice>): Notice => ({ id: 'n', kind: 'job', title: 't', body: '', created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z', ...over });
const base: Station = { id: 's', name: '驿站', type: 'union_station', lat: 32, lng: 118, amenities: [], status: 'open', updated_at: '2026-01-10T00:00:00.000Z' };

describe('notice windows', () => {
  it('reads wall times in the station zone: Shanghai 09:00 is 01:00 UTC, Urumqi 09:00 is 03:00 UTC', () => {
    expect(noticeSpan(notice({ starts: '2026-11-28T09:00', ends: '2026-11-28T12:00' }))).toEqual({ kind: 'job', starts: Date.parse('2026-11-28T01:00:00Z'), ends: Date.parse('2026-11-28T04:00:00Z') });
    expect(noticeSpan(notice({ starts: '2026-11-28T09:00' }), 'Asia/Urumqi').starts).toBe(Date.parse('2026-11-28T03:00:00Z'));
    // a bare end date lasts to the end of that day; a bare start begins at 00:00
    expect(noticeSpan(notice({ starts: '2026-03-01', ends: '2026-03-15' }))).toMatchObject({ starts: Date.parse('2026-02-28T16:00:00Z'), ends: Date.parse('2026-03-15T16:00:00Z') });
  });

  it('is current until its end has passed, upcoming ones included; soonest first, newest on ties', () => {
    const fair = notice({ id: 'fair', starts: '2026-11-28T09:00', ends: '2026-11-28T12:00' });
    const lawyer = notice({ id: 'lawyer', kind: 'legal_aid', created_at: '2026-11-20T00:00:00.000Z' });
    const older = notice({ id: 'older', kind: 'relief', created_at: '2026-11-02T00:00:00.000Z' });
    const ended = notice({ id: 'ended', ends: '2026-11-22' });
    const monday = new Date('2026-11-23T02:00:00Z');
    expect(currentNotices([fair, ended, older, lawyer], undefined, monday).map((n) => n.id)).toEqual(['lawyer', 'older', 'fair']);
    expect(currentNotices([fair], undefined, new Date('2026-11-28T03:59:59Z')).map((n) => n.id)).toEqual(['fair']);
    expect(currentNotices([fair], undefined, new Date('2026-11-28T04:00:00Z'))).toEqual([]);
    expect(currentKinds([fair, lawyer, ended].map((n) => noticeSpan(n)), monday.getTime())).toEqual(['job', 'legal_aid']);
  });

  it('the write body refuses impossible dates, ends before starts, non-http links, unknown kinds', () => {
    const ok = { kind: 'job', title: '招聘', starts: '2026-11-28T09:00', ends: '2026-11-28T12:00' };
    expect(noticeCreateBody.safeParse(ok).success).toBe(true);
    for (const bad of [{ ...ok, starts: '2026-02-29T09:00' }, { ...ok, ends: '2026-11-28T08:00' }, { ...ok, url: 'javascript:alert(1)' }, { ...ok, kind: 'sale' }, { ...ok, starts: '2026-11-28T09:00+08:00' }]) {
      expect(noticeCreateBody.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('the station day in its zone', () => {
    expect(zonedDay(new Date('2026-11-22T17:00:00Z'))).toEqual(['2026-11-22T16:00:00.000Z', '2026-11-23T16:00:00.000Z']);
  });
});

describe('freshness rules', () => {
  const t0 = new Date('2026-11-23T02:00:00Z');
  it('confirmations count within 30 days, with the latest', () => {
    const s = { ...base, confirmed_on: ['2026-10-20T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-20T00:00:00.000Z'] };
    expect(confirmationsAt(s, t0)).toEqual({ count: 2, last: '2026-11-20T00:00:00.000Z' });
    expect(confirmationsAt(base, t0)).toEqual({ count: 0 });
  });

  it('N confirmations since the last verification, within 30 days, verify by visitors (N configurable)', () => {
    const one = applyConfirmation(base, t0);
    expect(one.verified_at).toBeUndefined();
    const two = applyConfirmation(one, new Date(t0.getTime() + DAY));
    expect(two).toMatchObject({ verified_at: '2026-11-24T02:00:00.000Z', verified_by: 'visitors' });
    // right after a verification one more confirmation is not enough again
    expect(applyConfirmation(two, new Date(t0.getTime() + 2 * DAY)).verified_at).toBe('2026-11-24T02:00:00.000Z');
    // two confirmations 31 days apart are not "within 30 days"; N = 3 needs a third
    expect(applyConfirmation(one, new Date(t0.getTime() + 31 * DAY)).verified_at).toBeUndefined();
    expect(applyConfirmation(one, new Date(t0.getTime() + DAY), 3).verified_at).toBeUndefined();
    // confirmations older than 30 days are dropped from the record
    expect(applyConfirmation(one, new Date(t0.getTime() + 31 * DAY)).confirmed_on).toEqual(['2026-12-24T02:00:00.000Z']);
  });

  it('180 days without verification: "may be out of date" (from the last update when never verified)', () => {
    const verified = { ...base, verified_at: '2026-05-27T02:00:00.000Z' };
    expect(mayBeOutdated(verified, t0)).toBe(false); // exactly 180 days
    expect(mayBeOutdated(verified, new Date(t0.getTime() + 1000))).toBe(true);
    expect(mayBeOutdated(base, t0)).toBe(true); // imported 2026-01-10, not checked since
    expect(mayBeOutdated({ ...base, updated_at: '2026-11-01T00:00:00.000Z' }, t0)).toBe(false);
  });

  it('three "closed" reports within 7 days flag a station', () => {
    const r = ['2026-11-16T03:00:00Z', '2026-11-20T00:00:00Z', '2026-11-22T00:00:00Z'];
    expect(flaggedClosed(r, t0)).toBe(true);
    expect(flaggedClosed(r, new Date(t0.getTime() + DAY))).toBe(false);
    expect(flaggedClosed(r.slice(1), t0)).toBe(false);
  });
});
