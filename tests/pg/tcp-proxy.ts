/**
 * A TCP proxy between one server process and PostgreSQL, to lose the database without stopping
 * the shared cluster (other test files use it at the same time). `down()` is PostgreSQL gone:
 * every open connection is reset and new ones are refused (the port stops listening, as when the
 * server is stopped); `up()` listens on the same port and forwards again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** `url` (a postgres:// URL of the real server) through this proxy */
  via(url: string): string;
  /** connections accepted so far */
  accepted(): number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let accepted = 0;
  let port = 0;
  let server: Server | undefined;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        accepted++;
        const upstream = connect(targetPort, targetHost);
        for (const sock of [client, upstream]) {
          open.add(sock);
          sock.on('close', () => open.delete(sock));
          sock.on('error', () => {}); // the other side is reset below
        }
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        s.off('error', reject);
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });

  const down = async () => {
    const s = server;
    server = undefined;
    if (s) await new Promise<void>((resolve) => {
      s.close(() => resolve()); // no new connections (ECONNREFUSED from now on) …
      for (const sock of open) sock.resetAndDestroy(); // … and every open one reset, as a dying server's
    });
  };

  await listen();
  return {
    port,
    via(url: string) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    accepted: () => accepted,
    down,
    async up() {
      if (!server) await listen();
    },
    close: down,
  };
}
