/**
 * The admin:create CLI, run as a real process: password on stdin, DATABASE_PATH from the
 * environment; bad input exits non-zero with a message and creates nothing.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { openSqliteStore } from '../../api/store/sqlite';
import { createListings } from '../../api/listings';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
let dbPath: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yizhan-cli-'));
  dbPath = join(dir, 'cli.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function adminCreate(args: string[], stdin: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'api/cli/admin-create.ts', ...args], {
    cwd: root, input: stdin, encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, DATABASE_PATH: dbPath },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const users = () => {
  const db = new Database(dbPath, { readonly: true });
  const rows = db.prepare('SELECT email, role, password_hash FROM users').all() as { email: string; role: string; password_hash: string }[];
  db.close();
  return rows;
};

describe('npm run admin:create', () => {
  it('creates an admin from a piped password; it can sign in', async () => {
    const r = adminCreate(['--email', 'Boss@Union.example'], 'a long admin password\n');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('boss@union.example');
    const [row] = users();
    expect(row).toMatchObject({ email: 'boss@union.example', role: 'admin' });
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('a long admin password');
    const store = openSqliteStore(dbPath);
    try {
      const app = createApp({ store, listings: await createListings(store), config: { ...loadConfig({}), databasePath: dbPath, webRoot: join(dir, 'none') } });
      const login = await app.request('/api/auth/login', {
        method: 'POST', headers: { Origin: 'http://localhost', 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'boss@union.example', password: 'a long admin password' }),
      });
      expect(login.status).toBe(200);
      expect((await login.json()).user.role).toBe('admin');
    } finally {
      store.close();
    }
  });

  it('refuses a second account with the same email (exit 1)', () => {
    const r = adminCreate(['--email', 'boss@union.example'], 'another long password\n');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/already exists/);
    expect(users()).toHaveLength(1);
  });

  it.each([
    [['--email', 'not-an-email'], 'a long admin password\n', /email/],
    [['--email', 'short@union.example'], 'short\n', /at least 12 characters/],
    [['--email', 'empty@union.example'], '', /at least 12 characters/],
    [[], 'a long admin password\n', /--email is required/],
    [['--email', 'x@union.example', '--bogus'], 'a long admin password\n', /usage/],
  ])('bad input %j → non-zero exit with a message, nothing created', (args, stdin, message) => {
    const r = adminCreate(args, stdin);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(message);
    expect(users()).toHaveLength(1);
  });
});
