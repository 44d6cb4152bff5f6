/**
 * The business app words every import problem code in Chinese and English with the form's field
 * labels — never the server's English reason, raw keys or the opening-hours parser's text.
 */
import { describe, expect, it } from 'vitest';
import { IMPORT_CODES, parseImport } from '../../data/import';
import { isKey, makeI18n } from '../../web/business/i18n';
import { fieldLabel, problemText, rowLabel } from '../../web/business/lib/import-problems';

const zh = makeI18n('zh-CN');
const en = makeI18n('en');
const parse = (s: string) => parseImport(new TextEncoder().encode(s), { kind: 'stations', crs: 'wgs84', filename: 'x.csv' });

describe('import problems in the UI language', () => {
  it('every code has words', () => {
    for (const code of IMPORT_CODES) expect(isKey(`imp_${code}`), code).toBe(true);
  });

  it('says the row, the field as the form names it, and the reason in Chinese', () => {
    const r = parse('name,lat,lng,opening_hours,type\n甲,132.05,118.1,Mo-Fr 8点-18点,飞船\n');
    const text = Object.fromEntries(r.errors.map((e) => [fieldLabel(e.field, zh), problemText(e, 'stations', zh)]));
    expect(text).toEqual({
      纬度: '132.05 超出纬度范围（−90 到 90）：纬度和经度是不是填反了？',
      营业时间: '无法识别的营业时间“Mo-Fr 8点-18点”。请用 OSM 格式，例如 Mo-Fr 08:00-18:00 或 24/7。',
      类型: expect.stringMatching(/^不认识的值“飞船”。可用：工会驿站、户外劳动者服务站、司机之家、其他/),
    });
    expect(r.errors.map((e) => rowLabel(e, zh))).toEqual(['2', '2', '2']);
    const lat = r.errors.find((e) => e.field === 'lat')!;
    expect(problemText(lat, 'stations', en)).toBe('132.05 is out of the latitude range (−90 to 90): are latitude and longitude swapped?');
    expect(fieldLabel('lat', en)).toBe('Latitude');
  });

  it('a file that is not a table reads as one sentence; missing columns are named by their labels', () => {
    const [binary] = parse('PK\u0003\u0004\u0000\u0000garbage').errors;
    expect(rowLabel(binary, zh)).toBe('文件');
    expect(problemText(binary, 'stations', zh)).toBe('这不是 CSV 或 GeoJSON 文件（看起来是 Excel 工作簿（.xlsx）或压缩包）。请在表格软件里“另存为 CSV（UTF-8）”后再上传。');
    const [header] = parse('name,address\n甲,某路\n').errors;
    expect(problemText(header, 'stations', zh)).toBe('缺少必需的列：纬度、经度。表头需要 名称、纬度、经度（也认 latitude/longitude、lon）。');
    const rows = Array.from({ length: 30 }, (_, i) => `站${i},32.1,118.1,x`);
    const [same] = parse(['name,lat,lng', ...rows].join('\n')).errors;
    expect(problemText(same, 'stations', zh)).toBe('这不像是正确的 CSV 或 GeoJSON 表格：30 行里有 30 行出现同样的问题（第 2 行：这一行有 4 个单元格，但表头只有 3 列（值里有没加引号的逗号？）。）。请检查文件格式。');
  });

  it('an unknown column keeps its own name; an unknown code falls back to the server’s reason', () => {
    expect(fieldLabel('颜色', zh)).toBe('颜色');
    expect(problemText({ row: 2, field: 'x', reason: 'something new', code: 'brand_new' as never }, 'stations', zh)).toBe('something new');
  });
});
