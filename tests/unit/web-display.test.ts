// Markers are drawn in the tile layer's coordinate system; taps and view bounds come back as WGS-84.
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { displayBoundsToBbox, fromDisplay, toDisplay } from '../../web/lib/map/display';
import { attributionHtml, escapeHtml } from '../../web/lib/map/attribution';

const nanjing: [number, number] = [118.7969, 32.0603];

describe('display coordinates', () => {
  it('leaves WGS-84 tiles alone', () => {
    expect(toDisplay(nanjing, 'wgs84')).toEqual(nanjing);
  });
  it('shifts into GCJ-02 for Amap-style tiles and back', () => {
    const expected = gcoord.transform(nanjing, gcoord.WGS84, gcoord.GCJ02) as number[];
    const shown = toDisplay(nanjing, 'gcj02');
    expect(shown[0]).toBeCloseTo(expected[0], 9);
    expect(shown[1]).toBeCloseTo(expected[1], 9);
    expect(Math.abs(shown[0] - nanjing[0])).toBeGreaterThan(0.001);
    const back = fromDisplay(shown, 'gcj02');
    expect(back[0]).toBeCloseTo(nanjing[0], 5);
    expect(back[1]).toBeCloseTo(nanjing[1], 5);
  });
  it('turns a GCJ-02 view into a WGS-84 bbox', () => {
    const sw = toDisplay([118.7, 32.0], 'gcj02');
    const ne = toDisplay([118.9, 32.1], 'gcj02');
    const bbox = displayBoundsToBbox(sw, ne, 'gcj02');
    [118.7, 32.0, 118.9, 32.1].forEach((v, i) => expect(bbox[i]).toBeCloseTo(v, 5));
  });
});

describe('tile attribution', () => {
  it('escapes configured text and links OpenStreetMap', () => {
    expect(escapeHtml('<b onclick="x">&')).toBe('&lt;b onclick=&quot;x&quot;&gt;&amp;');
    expect(attributionHtml('© OpenStreetMap <contributors>')).toBe(
      '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> &lt;contributors&gt;',
    );
  });
});
