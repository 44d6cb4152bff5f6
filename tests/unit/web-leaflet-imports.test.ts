/**
 * The maps load Leaflet as the parts they use (web/lib/map/leaflet.ts, from the ES sources the
 * package ships), not its whole bundle: 32.7 KB gzip instead of 42.7 on the first screen. Nothing
 * else in web/ may take Leaflet's code; types and its stylesheet are free to import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const FACADE = ['web/lib/map/leaflet.ts', 'web/lib/map/leaflet-src.d.ts'];
const FREE = new Set(['leaflet/dist/leaflet.css']);

/** The Leaflet modules a source takes code from: type-only imports and exports left out. */
function leafletCodeImports(source: string): string[] {
  const found: string[] = [];
  const statements = /\b(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"](leaflet(?:\/[^'"]*)?)['"]|\bimport\s*\(\s*['"](leaflet(?:\/[^'"]*)?)['"]\s*\)/g;
  for (const m of source.matchAll(statements)) {
    const specifier = m[3] ?? m[4];
    if (m[2] === undefined && !FREE.has(specifier)) found.push(specifier);
  }
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

describe("Leaflet's code comes through web/lib/map/leaflet.ts only", () => {
  it('finds the imports that take code, and lets types and the stylesheet through', () => {
    expect(leafletCodeImports("import L from 'leaflet';")).toEqual(['leaflet']);
    expect(leafletCodeImports('import * as L from "leaflet"')).toEqual(['leaflet']);
    expect(leafletCodeImports("import { map,\n  marker } from 'leaflet';")).toEqual(['leaflet']);
    expect(leafletCodeImports("const L = await import('leaflet');")).toEqual(['leaflet']);
    expect(leafletCodeImports("export { marker } from 'leaflet/src/layer/marker/Marker.js';")).toEqual(['leaflet/src/layer/marker/Marker.js']);
    expect(leafletCodeImports("import 'leaflet/dist/leaflet-src.esm.js';")).toEqual(['leaflet/dist/leaflet-src.esm.js']);
    expect(leafletCodeImports("import type { Map } from 'leaflet';\nexport type { Marker } from 'leaflet';")).toEqual([]);
    expect(leafletCodeImports("import 'leaflet/dist/leaflet.css';")).toEqual([]);
    expect(leafletCodeImports("import { leafletish } from './leaflet';")).toEqual([]);
  });

  it('no source in web/ but the facade takes code from Leaflet', () => {
    const files = sources(join(ROOT, 'web')).map((f) => relative(ROOT, f));
    expect(files).toContain(FACADE[0]);
    const offenders = files
      .filter((f) => !FACADE.includes(f))
      .flatMap((f) => leafletCodeImports(readFileSync(join(ROOT, f), 'utf8')).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
    expect(leafletCodeImports(readFileSync(join(ROOT, FACADE[0]), 'utf8')).every((s) => s.startsWith('leaflet/src/'))).toBe(true);
  });
});
