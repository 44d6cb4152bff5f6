/**
 * The gazetteer's text format, compact for the PWA's lazy chunk (~45 KB gz for 3,150 places).
 * One place a line, in code order: `codeDelta|name|Pinyin|dLng,dLat`
 *   - codeDelta: the GB/T 2260 code minus the previous line's;
 *   - Pinyin: one capitalised syllable a character (KunShan), the last left out when it is the
 *     usual reading of a final 市 区 县 旗 盟 (昆山市 → KunShan);
 *   - dLng,dLat: WGS-84 in thousandths of a degree, minus the previous position's (neighbours
 *     are near, so the numbers are short); empty for a province that is not itself a city.
 */

export interface GazetteerRow {
  code: string;
  name: string;
  /** one lower-case syllable a character */
  syllables: string[];
  /** WGS-84, 3 decimals; null for a province that is not a city */
  at: [number, number] | null;
}

const SUFFIX_READING: Record<string, string> = { 市: 'shi', 区: 'qu', 县: 'xian', 旗: 'qi', 盟: 'meng' };

/** Rows (sorted by code) → text. */
export function encodeGazetteer(rows: readonly GazetteerRow[]): string {
  let code = 0, x = 0, y = 0;
  return rows.map((r) => {
    const syl = r.syllables.slice();
    if (SUFFIX_READING[r.name.at(-1)!] === syl.at(-1)) syl.pop();
    let d = '';
    if (r.at) {
      const [nx, ny] = [Math.round(r.at[0] * 1000), Math.round(r.at[1] * 1000)];
      d = `${nx - x},${ny - y}`;
      (x = nx), (y = ny);
    }
    const line = `${Number(r.code) - code}|${r.name}|${syl.map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join('')}|${d}`;
    code = Number(r.code);
    return line;
  }).join('\n');
}

/** Text → rows (the inverse of encodeGazetteer). */
export function decodeGazetteer(text: string): GazetteerRow[] {
  let code = 0, x = 0, y = 0;
  return text.split('\n').map((line) => {
    const [dc, name, py, d] = line.split('|');
    code += Number(dc);
    const syllables = py.split(/(?=[A-ZÜ])/).map((s) => s.toLowerCase());
    if (syllables.length === [...name].length - 1) syllables.push(SUFFIX_READING[name.at(-1)!]);
    let at: [number, number] | null = null;
    if (d) {
      const [dx, dy] = d.split(',').map(Number);
      (x += dx), (y += dy);
      at = [x / 1000, y / 1000];
    }
    return { code: String(code), name, syllables, at };
  });
}
