/**
 * A real listening server against slow and vanishing clients: headers that never finish are cut
 * off (408) instead of held for a minute, connections beyond the cap are refused, and a client
 * that hangs up mid-upload is not logged as a server error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccount } from '../../api/auth/accounts';
import { loadConfig } from '../../api/config';
import { openSqliteStore } from '../../api/store/sqlite';
import { startServer, type RunningServer } from '../../api/server';

let dir: string;
let server: RunningServer;
let port: number;
let cookie: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yizhan-limits-'));
  const config = {
    ...loadConfig({}), port: 0, host: '127.0.0.1', databasePath: join(dir, 'y.db'), seedDemo: false, webRoot: join(dir, 'web'),
    headersTimeoutMs: 300, requestTimeoutMs: 1000, maxConnections: 3,
  };
  server = await startServer(config);
  port = Number(new URL(server.url).port);
  const other = openSqliteStore(join(dir, 'y.db'));
  await createAccount(other, { email: 'ops@example.org', password: 'a long admin password', name: 'Ops', role: 'admin' }, new Date());
  other.close();
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url }, body: JSON.stringify({ email: 'ops@example.org', password: 'a long admin password' }),
  });
  cookie = /yz_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw socket and everything it receives until the server closes it. */
function open(): Promise<{ socket: Socket; closed: Promise<string> }> {
  return new Promise((ready) => {
    const socket = connect(port, '127.0.0.1', () => ready({ socket, closed }));
    let text = '';
    socket.on('data', (d) => (text += d));
    socket.on('error', () => {});
    const closed = new Promise<string>((done) => socket.on('close', () => done(text)));
  });
}

describe('server limits', () => {
  it('a request whose headers never finish is answered 408 and closed', async () => {
    const { socket, closed } = await open();
    socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(await closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it('connections beyond the cap are refused; the server still answers afterwards', async () => {
    const held = await Promise.all([open(), open(), open()]);
    const extra = await open();
    expect(await extra.closed).toBe(''); // closed without an answer
    for (const h of held) h.socket.destroy();
    await Promise.all(held.map((h) => h.closed));
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('a client that hangs up mid-upload is not logged as an error', async () => {
    const errors = vi.spyOn(console, 'error');
    try {
      const { socket, closed } = await open();
      const head = [`POST /api/admin/import?kind=stations HTTP/1.1`, `Host: 127.0.0.1:${port}`, `Origin: ${server.url}`, `Cookie: ${cookie}`, 'Content-Type: text/csv', 'Content-Length: 500000'];
      socket.write(`${head.join('\r\n')}\r\n\r\nid,name,type,lat,lng\r\n`);
      socket.destroy();
      await closed;
      // a full round trip after the hang-up: the aborted request has been handled by then
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});
