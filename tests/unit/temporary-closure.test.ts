/**
 * A temporary closure's end (data/temporary-closure.ts): the last day counts in the station's own
 * zone, a closure without an end never runs out, an end only lives on a closure.
 */
import { describe, expect, it } from 'vitest';
import { canonicalStation } from '../../data/records';
import type { Station } from '../../data/schema';
import { decodeStations, encodeStations } from '../../data/sync-codec';
import { closedUntilProblem, reopenDue, reopened, reopensAt } from '../../data/temporary-closure';

const base = canonicalStation({ id: 's1', name: '驿站', type: 'union_station', lat: 32, lng: 118, amenities: [], status: 'temporarily_closed', closed_until: '2026-05-09' }, '2026-05-01T00:00:00Z');

describe('temporary closure', () => {
  it('ends at midnight after the last day in the station’s zone', () => {
    expect(reopensAt(base)).toBe(Date.parse('2026-05-09T16:00:00Z')); // Asia/Shanghai, UTC+8
    expect(reopensAt({ ...base, timezone: 'Asia/Urumqi' })).toBe(Date.parse('2026-05-09T18:00:00Z'));
    expect(reopenDue(base, new Date('2026-05-09T15:59:59Z'))).toBe(false);
    expect(reopenDue(base, new Date('2026-05-09T16:00:00Z'))).toBe(true);
  });

  it('has no end without closed_until or when the station is not temporarily closed', () => {
    const { closed_until: _x, ...noEnd } = base;
    expect(reopenDue(noEnd as Station, new Date('2099-01-01T00:00:00Z'))).toBe(false);
    expect(reopenDue({ ...base, status: 'open' }, new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });

  it('reopened: open, no end; canonical form drops an end from anything but a closure', () => {
    expect(reopened(base)).toMatchObject({ status: 'open' });
    expect(reopened(base)).not.toHaveProperty('closed_until');
    expect(canonicalStation({ ...base, status: 'open' }, base.updated_at)).not.toHaveProperty('closed_until');
    expect(Object.keys(base)).toEqual(expect.arrayContaining(['closed_until']));
  });

  it('an end must be a date that is not over yet', () => {
    const at = new Date('2026-05-09T10:00:00Z'); // 18:00 in Shanghai on the 9th
    expect(closedUntilProblem('2026-05-09', base, at)).toBeNull();
    expect(closedUntilProblem('2026-05-08', base, at)).toMatch(/today or a later day/);
    expect(closedUntilProblem('2026-05-09T12:00', base, at)).toMatch(/YYYY-MM-DD/);
    expect(closedUntilProblem('2026-02-30', base, at)).toMatch(/YYYY-MM-DD/);
  });

  it('travels through the sync encoding', () => {
    const open = canonicalStation({ ...base, id: 's2', status: 'open' }, base.updated_at);
    expect(decodeStations(JSON.parse(JSON.stringify(encodeStations([base, open]))))).toEqual([base, open]);
  });
});
