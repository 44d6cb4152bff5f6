import { describe, expect, it } from 'vitest';
import { canonicalStation, contentKey, roundDeg } from '../../data/records';
import { stationSchema } from '../../data/schema';

describe('canonical records', () => {
  const input = {
    notes: '', id: 'x', amenities: ['wifi', 'drinking_water', 'wifi'], lng: 118.1234567, lat: 32.9876543,
    type: 'union_station', name: '驿站', opening_hours: '24/7', verified_at: '2026-11-01T08:00:00+08:00',
  } as const;

  it('orders keys, rounds positions, drops empty text, dedupes amenities, normalises times', () => {
    const s = canonicalStation({ ...input, amenities: [...input.amenities] }, '2026-11-23T10:00:00+08:00');
    expect(Object.keys(s)).toEqual(['id', 'name', 'type', 'lat', 'lng', 'opening_hours', 'amenities', 'status', 'verified_at', 'updated_at']);
    expect(s).toMatchObject({ lat: 32.987654, lng: 118.123457, amenities: ['drinking_water', 'wifi'], status: 'open', verified_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-23T02:00:00.000Z' });
    expect(stationSchema.safeParse(s).success).toBe(true);
  });

  it('contentKey ignores the update time only', () => {
    const a = canonicalStation({ ...input, amenities: [] }, '2026-01-01T00:00:00Z');
    const b = canonicalStation({ ...input, amenities: [] }, '2026-02-01T00:00:00Z');
    expect(contentKey(a)).toBe(contentKey(b));
    expect(contentKey(a)).not.toBe(contentKey({ ...b, name: '别的' }));
  });

  it('roundDeg keeps 6 decimals', () => {
    expect(roundDeg(1.23456749)).toBe(1.234567);
    expect(roundDeg(-0.0000005)).toBeCloseTo(0, 9);
  });
});
