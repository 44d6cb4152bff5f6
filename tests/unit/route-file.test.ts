import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ROUTE_FILE_CHARS, RouteFileError, parseRouteFile, toGpx } from '../../data/route-file';
import type { ParseXml, RouteFileReason } from '../../data/route-file';

type Pos = [number, number];

/** xmldom as the browser's DOMParser would be used: every error (not warning) stops parsing. */
const parseXml = (text: string) =>
  new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } })
    .parseFromString(text, 'application/xml');
parseXml satisfies ParseXml;
const parse = (text: string, fileName = 'route.gpx') => parseRouteFile(text, fileName, parseXml);

const gpxDoc = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">${body}</gpx>`;
const pts = (tag: string, line: Pos[]) => line.map(([lng, lat]) => `<${tag} lat="${lat}" lon="${lng}"><ele>12</ele></${tag}>`).join('');
const geojson = (doc: unknown) => JSON.stringify(doc);
const lineString = (coordinates: unknown) => ({ type: 'LineString', coordinates });
const feature = (geometry: unknown, properties: Record<string, unknown> | null = null) => ({ type: 'Feature', geometry, properties });

const A: Pos = [116.3975, 39.9087], B: Pos = [116.41, 39.92], C: Pos = [116.45, 39.95], D: Pos = [116.5, 40.0];

/** The reason a parse fails with, and its message. */
function failure(run: () => unknown): { reason: RouteFileReason; message: string } {
  try {
    run();
  } catch (e) {
    if (e instanceof RouteFileError) return { reason: e.reason, message: e.message };
    throw e;
  }
  throw new Error('expected a RouteFileError');
}

describe('parseRouteFile: GPX', () => {
  it('joins the segments of a track in order', () => {
    const text = gpxDoc(`<trk><name>京藏高速</name><trkseg>${pts('trkpt', [A, B])}</trkseg><trkseg>${pts('trkpt', [B, C, D])}</trkseg></trk>`);
    expect(parse(text)).toEqual({ name: '京藏高速', line: [A, B, C, D] });
  });

  it('reads routes, then tracks, in file order', () => {
    expect(parse(gpxDoc(`<rte><name>计划</name>${pts('rtept', [A, B])}</rte>`))).toEqual({ name: '计划', line: [A, B] });
    const both = gpxDoc(`<rte>${pts('rtept', [A, B])}</rte><trk><trkseg>${pts('trkpt', [C, D])}</trkseg></trk>`);
    expect(parse(both).line).toEqual([A, B, C, D]);
  });

  it('uses the waypoints in order when there is no route or track', () => {
    expect(parse(gpxDoc(`<wpt lat="${C[1]}" lon="${C[0]}"><name>c</name></wpt>${pts('wpt', [A, D])}`)).line).toEqual([C, A, D]);
    expect(failure(() => parse(gpxDoc(pts('wpt', [A])))).reason).toBe('no_line');
  });

  it('takes the metadata name, then the first named route or track, then the file name', () => {
    const trk = `<trk><name> 第二 </name><trkseg>${pts('trkpt', [A, B])}</trkseg></trk>`;
    expect(parse(gpxDoc(`<metadata><name>全程</name></metadata><rte>${pts('rtept', [C, D])}</rte>${trk}`)).name).toBe('全程');
    expect(parse(gpxDoc(`<metadata><time>2024-01-01T00:00:00Z</time></metadata><rte>${pts('rtept', [C, D])}</rte>${trk}`)).name).toBe('第二');
    const unnamed = gpxDoc(`<trk><trkseg><trkpt lat="${A[1]}" lon="${A[0]}"><name>not me</name></trkpt>${pts('trkpt', [B])}</trkseg></trk>`);
    expect(parse(unnamed, '北京-天津.v2.gpx').name).toBe('北京-天津.v2');
    expect(parse(`<gpx version="1.0"><name>GPX 1.0</name><trk><trkseg>${pts('trkpt', [A, B])}</trkseg></trk></gpx>`).name).toBe('GPX 1.0');
  });

  it('reads a BOM-prefixed file with leading blank lines, whatever its extension', () => {
    expect(parse(`\uFEFF\n\n${gpxDoc(`<trk><trkseg>${pts('trkpt', [A, B])}</trkseg></trk>`)}`, 'track.txt')).toEqual({ name: 'track', line: [A, B] });
  });
});

describe('parseRouteFile: GeoJSON', () => {
  it('reads a bare LineString and a MultiLineString', () => {
    expect(parse(geojson(lineString([[...A, 50], B, C])), 'r.geojson')).toEqual({ name: 'r', line: [A, B, C] });
    expect(parse(geojson({ type: 'MultiLineString', coordinates: [[A, B], [B, C], [D, A]] })).line).toEqual([A, B, C, D, A]);
  });

  it('reads a Feature and its name', () => {
    expect(parse(geojson(feature(lineString([A, B]), { name: '  G1 京哈 ' })))).toEqual({ name: 'G1 京哈', line: [A, B] });
  });

  it('joins the line features of a FeatureCollection in order, skipping others', () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        feature({ type: 'Point', coordinates: D }, { name: 'a stop' }),
        feature(lineString([A, B])),
        feature({ type: 'MultiLineString', coordinates: [[B, C]] }, { name: '第一段' }),
        feature(null),
        feature({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: A }, lineString([C, D])] }),
      ],
    };
    expect(parse(geojson(doc), 'x.json')).toEqual({ name: '第一段', line: [A, B, C, D] });
  });

  it('reads a GeometryCollection', () => {
    expect(parse(geojson({ type: 'GeometryCollection', geometries: [lineString([D, C]), lineString([B, A])] })).line).toEqual([D, C, B, A]);
  });

  it('drops consecutive duplicates but keeps a return to an earlier position', () => {
    expect(parse(geojson(lineString([A, A, B, B, B, A]))).line).toEqual([A, B, A]);
  });
});

describe('parseRouteFile: errors', () => {
  it.each<[string, string, RouteFileReason]>([
    ['an empty file', '', 'empty'],
    ['a blank file with a BOM', '\uFEFF \n\t', 'empty'],
    ['unclosed tags', '<gpx><trk><trkseg>', 'not_xml'],
    ['mismatched tags', gpxDoc('<trk></rte>'), 'not_xml'],
    ['an undefined entity', gpxDoc('<metadata><name>&nbsp;</name></metadata>'), 'not_xml'],
    ['XML that is neither GPX nor KML', '<svg xmlns="http://www.w3.org/2000/svg"/>', 'unknown_format'],
    ['a KML without any placemark', '<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>', 'no_line'],
    ['broken JSON', '{"type": "LineString", "coordinates": [[116, 39],', 'unknown_format'],
    ['neither XML nor JSON', 'lng,lat\n116,39\n117,40', 'unknown_format'],
    ['a GPX without any line', gpxDoc('<metadata><name>空</name></metadata>'), 'no_line'],
    ['a Point-only GeoJSON', geojson({ type: 'FeatureCollection', features: [feature({ type: 'Point', coordinates: A })] }), 'no_line'],
    ['a line of one repeated position', geojson(lineString([A, A, A])), 'no_line'],
    ['a non-numeric position', geojson(lineString([A, ['116', '39']])), 'bad_coordinates'],
    ['a position without latitude', geojson(lineString([A, [116]])), 'bad_coordinates'],
    ['coordinates that are not a list', geojson({ type: 'MultiLineString', coordinates: 'A-B' }), 'bad_coordinates'],
    ['an infinite longitude', '{"type":"LineString","coordinates":[[116,39],[1e999,39]]}', 'bad_coordinates'],
    ['a latitude beyond ±85 in GPX', gpxDoc(`<trk><trkseg>${pts('trkpt', [A, [116, 89.5]])}</trkseg></trk>`), 'bad_coordinates'],
  ])('rejects %s', (_, text, reason) => {
    const e = failure(() => parse(text));
    expect(e.reason).toBe(reason);
    expect(e.message).not.toBe('');
  });

  it('names the offending position, counted through all parts from 1', () => {
    const e = failure(() => parse(geojson({ type: 'MultiLineString', coordinates: [[A, B], [C, [180.5, 40]]] })));
    expect(e).toEqual({ reason: 'bad_coordinates', message: expect.stringContaining('position 4 (180.5, 40)') });
  });

  it('gives the offending position as a number, for the UI to put in its own words', () => {
    const e = (() => {
      try {
        parse(geojson(lineString([A, B, [200, 40]])));
      } catch (err) {
        return err as RouteFileError;
      }
    })();
    expect(e?.position).toBe(3);
  });

  it('rejects a file over the size limit before parsing it', () => {
    expect(failure(() => parse(' '.repeat(MAX_ROUTE_FILE_CHARS + 1))).reason).toBe('too_large');
  });

  it('treats a document with a <parsererror> (the browser DOMParser) as not XML', () => {
    const browserLike: ParseXml = () => parseXml('<gpx><parsererror>error on line 1</parsererror></gpx>');
    expect(failure(() => parseRouteFile('<gpx', 'r.gpx', browserLike))).toEqual({ reason: 'not_xml', message: expect.stringContaining('error on line 1') });
  });
});

describe('toGpx', () => {
  const hostile = `<script>alert("x")</script> & 'quoted'`;
  const route = {
    name: hostile,
    line: [[116.397499, 39.908712], [116.4, 39.91], [116.5, 40.0000004]] as Pos[],
    stops: [{ name: `服务站 <1> & "2"`, lng: 116.4, lat: 39.91, description: `24h's open\nline 2` }, { name: '加油站', lng: 116.5, lat: 40 }],
    createdAt: new Date(Date.UTC(2024, 4, 1, 8, 30)),
  };

  it('writes GPX 1.1 with escaped names, metadata time and one waypoint per stop', () => {
    const gpx = toGpx(route);
    expect(gpx).toContain('<gpx version="1.1" creator="Yizhan" xmlns="http://www.topografix.com/GPX/1/1">');
    expect(gpx).toContain('<name>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quoted&apos;</name><time>2024-05-01T08:30:00.000Z</time>');
    expect(gpx).toContain('<wpt lat="39.910000" lon="116.400000"><name>服务站 &lt;1&gt; &amp; &quot;2&quot;</name><desc>24h&apos;s open\nline 2</desc></wpt>');
    expect(gpx).toContain('<wpt lat="40.000000" lon="116.500000"><name>加油站</name></wpt>');
    expect(gpx).not.toContain('<script>');
    const doc = parseXml(gpx);
    const wpts = Array.from(doc.getElementsByTagName('wpt'), (w) => w.getElementsByTagName('name')[0].textContent);
    expect(wpts).toEqual([route.stops[0].name, '加油站']);
    expect(doc.getElementsByTagName('desc')[0].textContent).toBe(route.stops[0].description);
  });

  it('reads back as the same name and the line at 6 decimals', () => {
    expect(parse(toGpx(route), 'export.gpx')).toEqual({ name: hostile, line: [[116.397499, 39.908712], [116.4, 39.91], [116.5, 40]] });
  });

  it('drops characters XML 1.0 forbids and keeps line breaks exactly', () => {
    const gpx = toGpx({ name: 'a\u0000b\u0008c\uFFFEd\uD800e\r\nf\u2028g', line: [A, B], stops: [] });
    expect(gpx).not.toMatch(/[\u0000\u0008\uFFFE\uD800]/);
    expect(parse(gpx).name).toBe('abcde\r\nf\u2028g');
    expect(gpx).not.toContain('<time>');
  });

  /** Names from any code point, weighted towards what needs escaping or stripping. */
  const names = fc.string({
    unit: fc.oneof(
      fc.constantFrom('<', '>', '&', '"', "'", ']]>', '\r', '\n', '\t', ' ', '\u3000', '\u0000', '\u0008', '\u000B', '\uFFFE', '\uD83D', '\u0085', '\u2028', '驿站'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 30,
  });
  const china = fc.tuple(fc.double({ min: 73.5, max: 134.7, noNaN: true }), fc.double({ min: 18.2, max: 53.5, noNaN: true }));
  const round6 = (p: Pos): Pos => [Number(p[0].toFixed(6)), Number(p[1].toFixed(6))];
  /** What XML keeps of a name: code points XML 1.0 allows. */
  const legal = (s: string) => Array.from(s).filter((c) => /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]$/u.test(c)).join('');

  it('round-trips any line in China and any name', () => {
    fc.assert(
      fc.property(fc.array(china, { minLength: 2, maxLength: 60 }), names, fc.array(fc.tuple(names, china), { maxLength: 3 }), (line, name, stops) => {
        const expected = line.map(round6).filter((p, i, all) => i === 0 || p[0] !== all[i - 1][0] || p[1] !== all[i - 1][1]);
        fc.pre(expected.length >= 2);
        const gpx = toGpx({ name, line, stops: stops.map(([n, [lng, lat]]) => ({ name: n, lng, lat })) });
        expect(parse(gpx, 'fallback.gpx')).toEqual({ name: legal(name).trim() || 'fallback', line: expected });
      }),
      { numRuns: 300 },
    );
  });
});

describe('KML (two-step apps, Google Earth)', () => {
  const kmlDoc = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2"><Document><name>两步路轨迹</name>${body}</Document></kml>`;
  const coords = (line: Pos[]) => line.map(([lng, lat]) => `${lng},${lat},12`).join(' ');

  it('reads line placemarks in file order, named by the document', () => {
    const r = parse(kmlDoc(`<Placemark><name>一段</name><LineString><coordinates>${coords([A, B])}</coordinates></LineString></Placemark>
      <Placemark><LineString><coordinates>${coords([B, C, D])}</coordinates></LineString></Placemark>`), 'track.kml');
    expect(r).toEqual({ name: '两步路轨迹', line: [A, B, C, D] });
  });

  it('reads a gx:Track', () => {
    const r = parse(kmlDoc(`<Placemark><gx:Track>${[A, B, C].map(([lng, lat]) => `<gx:coord>${lng} ${lat} 10</gx:coord>`).join('')}</gx:Track></Placemark>`));
    expect(r.line).toEqual([A, B, C]);
  });

  it('falls back to point placemarks in order', () => {
    const r = parse(kmlDoc([A, C, D].map((p) => `<Placemark><Point><coordinates>${p.join(',')}</coordinates></Point></Placemark>`).join('')));
    expect(r.line).toEqual([A, C, D]);
  });
});
