import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseCell, restoreCell } from '../../data/csv-cells';

describe('CSV cell neutralisation', () => {
  it('never leaves a formula trigger first, and restores every string exactly', () => {
    const text = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", 'a', '1', '驿', ' ') });
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (s) => {
        expect(neutraliseCell(s)).not.toMatch(/^[=+\-@\t\r]/);
        expect(restoreCell(neutraliseCell(s))).toBe(s);
      }),
    );
  });

  it('leaves ordinary text alone', () => {
    for (const s of ['鼓楼驿站', '24/7', "O'Brien", '']) expect(neutraliseCell(s)).toBe(s);
    expect(neutraliseCell('=1+1')).toBe("'=1+1");
  });
});
