// What the offline copy downloads next (web/lib/copy-plan.ts): the region first, the country only
// unmetered or when asked, a metered person who moved away gets their new region.
import { describe, expect, it } from 'vitest';
import { holdsCountry, isMetered, planSync } from '../../web/lib/copy-plan';
import type { Box } from '../../data/sync-region';

const NANJING: [number, number] = [118.78, 32.04];
const LANZHOU: [number, number] = [103.83, 36.06];
const jiangsu = { region: { bbox: [115, 29, 122.5, 35] as Box } };

describe('isMetered', () => {
  it('save-data, slow effective types and cellular are metered; 4g wifi and an unknown connection are not', () => {
    expect(isMetered({ saveData: true, effectiveType: '4g' })).toBe(true);
    for (const effectiveType of ['slow-2g', '2g', '3g']) expect(isMetered({ effectiveType })).toBe(true);
    expect(isMetered({ type: 'cellular', effectiveType: '4g' })).toBe(true);
    expect(isMetered({ type: 'wifi', effectiveType: '4g', saveData: false })).toBe(false);
    expect(isMetered({ effectiveType: '4g' })).toBe(false);
    expect(isMetered(undefined)).toBe(false);
  });
});

describe('holdsCountry', () => {
  it('phones reporting under 4 GB keep their region unasked; 4 GB and more, or a browser that does not say, get the country', () => {
    for (const gb of [0.25, 0.5, 1, 2]) expect(holdsCountry(gb)).toBe(false);
    for (const gb of [4, 8]) expect(holdsCountry(gb)).toBe(true);
    expect(holdsCountry(undefined)).toBe(true);
  });
});

describe('planSync', () => {
  it('a phone short of memory is planned as a metered one, unless the person asks for the country', () => {
    expect(planSync({ copy: undefined, near: NANJING, metered: false, lowMemory: true, wantAll: false })).toEqual(['region']);
    expect(planSync({ copy: jiangsu, near: NANJING, metered: false, lowMemory: true, wantAll: false })).toEqual(['delta']);
    expect(planSync({ copy: jiangsu, near: LANZHOU, metered: false, lowMemory: true, wantAll: false })).toEqual(['region']);
    expect(planSync({ copy: jiangsu, near: NANJING, metered: false, lowMemory: true, wantAll: true })).toEqual(['delta', 'all']);
    // a whole country kept from before gives way to the region (once a position is known), unless asked for
    expect(planSync({ copy: {}, near: NANJING, metered: false, lowMemory: true, wantAll: false })).toEqual(['region']);
    expect(planSync({ copy: {}, near: null, metered: false, lowMemory: true, wantAll: false })).toEqual(['delta']);
    expect(planSync({ copy: {}, near: NANJING, metered: false, lowMemory: true, wantAll: true })).toEqual(['delta']);
  });

  it('a first visit: the region, then the country only when unmetered or asked', () => {
    expect(planSync({ copy: undefined, near: NANJING, metered: true, wantAll: false })).toEqual(['region']);
    expect(planSync({ copy: undefined, near: NANJING, metered: false, wantAll: false })).toEqual(['region', 'all']);
    expect(planSync({ copy: undefined, near: NANJING, metered: true, wantAll: true })).toEqual(['region', 'all']);
    expect(planSync({ copy: undefined, near: null, metered: false, wantAll: false })).toEqual(['all']);
    expect(planSync({ copy: undefined, near: null, metered: true, wantAll: false })).toEqual([]);
  });

  it('a whole-country copy only takes deltas', () => {
    for (const metered of [true, false]) expect(planSync({ copy: {}, near: LANZHOU, metered, wantAll: false })).toEqual(['delta']);
  });

  it('a regional copy: deltas while metered, a new region far away, the country once unmetered or asked', () => {
    expect(planSync({ copy: jiangsu, near: NANJING, metered: true, wantAll: false })).toEqual(['delta']);
    expect(planSync({ copy: jiangsu, near: null, metered: true, wantAll: false })).toEqual(['delta']);
    expect(planSync({ copy: jiangsu, near: LANZHOU, metered: true, wantAll: false })).toEqual(['region']);
    expect(planSync({ copy: jiangsu, near: NANJING, metered: false, wantAll: false })).toEqual(['delta', 'all']);
    expect(planSync({ copy: jiangsu, near: LANZHOU, metered: true, wantAll: true })).toEqual(['delta', 'all']);
  });
});
