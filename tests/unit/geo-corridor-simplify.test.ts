import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { footT, mercY, offsetAt } from '../../data/geo/corridor-segment';
import { RAD } from '../../data/geo/haversine';
import { simplifyLine } from '../../data/geo/simplify';

type Pos = [number, number];

/** Metres from a position to a line: the corridor's own primitive, every segment. */
function distanceToLine(p: Pos, line: Pos[]): number {
  const px = p[0] * RAD, py = mercY(p[1]), φ = p[1] * RAD;
  let best = Infinity;
  for (let s = 0; s + 1 < line.length; s++) {
    const [ax, ay, bx, by] = [line[s][0] * RAD, mercY(line[s][1]), line[s + 1][0] * RAD, mercY(line[s + 1][1])];
    best = Math.min(best, offsetAt(ax, ay, bx, by, footT(ax, ay, bx, by, px, py), px, φ, Math.cos(φ)));
  }
  return line.length === 1 ? offsetAt(px, py, px, py, 0, px, φ, Math.cos(φ)) : best;
}

const walk = fc.tuple(
  fc.tuple(fc.double({ min: 100, max: 120, noNaN: true }), fc.double({ min: 20, max: 45, noNaN: true })),
  fc.array(fc.tuple(fc.double({ min: -0.01, max: 0.01, noNaN: true }), fc.double({ min: -0.01, max: 0.01, noNaN: true })), { maxLength: 300 }),
).map(([start, steps]) => {
  const line: Pos[] = [start as Pos];
  for (const [dx, dy] of steps) line.push([line[line.length - 1][0] + dx, line[line.length - 1][1] + dy]);
  return line;
});

describe('simplifyLine', () => {
  it('keeps the ends and a subsequence, and every dropped position within the tolerance', () => {
    fc.assert(
      fc.property(walk, fc.double({ min: 0, max: 2000, noNaN: true }), (line, tolerance) => {
        const out = simplifyLine(line, tolerance);
        expect(out[0]).toEqual(line[0]);
        expect(out[out.length - 1]).toEqual(line[line.length - 1]);
        let k = 0; // out is a subsequence of line
        for (const p of out) {
          while (k < line.length && (line[k][0] !== p[0] || line[k][1] !== p[1])) k++;
          expect(k).toBeLessThan(line.length);
          k++;
        }
        for (const p of line) expect(distanceToLine(p, out)).toBeLessThanOrEqual(tolerance + 1e-6); // kept ones round-trip through Mercator
      }),
      { numRuns: 300 },
    );
  });

  it('drops what lies on the line and shortens a dense track a lot', () => {
    const straight: Pos[] = Array.from({ length: 101 }, (_, k) => [116 + k * 0.001, 39.9]);
    expect(simplifyLine(straight, 0.01)).toEqual([straight[0], straight[100]]);
    const track: Pos[] = Array.from({ length: 50_000 }, (_, k) => [116 + k * 1e-4, 39.9 + 0.01 * Math.sin(k / 500)]);
    const out = simplifyLine(track, 5);
    expect(out.length).toBeLessThan(track.length / 20);
    expect(simplifyLine(track.slice(0, 2), 5)).toEqual(track.slice(0, 2));
    expect(simplifyLine([[116, 39]], 5)).toEqual([[116, 39]]);
  });
});
