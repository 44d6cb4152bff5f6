/**
 * Starts the HTTP server: opens the store, seeds the demo data on an empty database, builds the
 * indexes, listens, then builds the clusters and keeps watching the store for outside writes.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { snapshotsAway, startSnapshotBuilder } from './background';
import type { Config } from './config';
import { createListings } from './listings';
import { REOPEN_CHECK_MS, reopenEnded } from './reopen';
import { seedIfEmpty } from './seed';
import { describeLocation, openStore, storeLocation } from './store/open';

export interface RunningServer {
  url: string;
  server: ServerType;
  close(): Promise<void>;
}

/** Starts Yizhan on config.port (0 picks a free port) and resolves once it is listening. */
export async function startServer(config: Config): Promise<RunningServer> {
  const where = storeLocation(config);
  const store = await openStore(where);
  const writes = store.writeStatus();
  if (!writes.writable) {
    console.warn(`Warning: ${describeLocation(where)} cannot be written (${writes.reason}): serving reads; writes are answered 503 until it can be written again (no restart needed).`);
  } else if (config.seedDemo) {
    const seeded = await seedIfEmpty(store, config.demoStations);
    if (seeded) console.log(`Loaded ${seeded} demo stations into ${describeLocation(where)}`);
  }
  const listings = await createListings(store, { checkIntervalMs: config.refreshIntervalMs });
  const app = createApp({ store, config, listings });
  const timer = setInterval(() => listings.refreshIfChanged(), config.refreshIntervalMs);
  timer.unref();
  const reopenTimer = setInterval(() => void reopenEnded({ store, listings }, new Date()).catch((e) => console.warn(`Reopening ended closures failed: ${e}`)), REOPEN_CHECK_MS);
  reopenTimer.unref();
  return new Promise((resolve, reject) => {
    const serverOptions = {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      keepAliveTimeout: config.keepAliveTimeoutMs,
      // how often Node looks for requests past those timeouts (its default, 30 s, would hold a slow loris that long)
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
    };
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions }, (info: AddressInfo) => {
      setImmediate(() => void listings.warm().then(() => {
        // the snapshot builder forks now, once, not in the middle of a burst of /api/sync (≈ 50 ms of this loop at 400 k)
        try {
          if (snapshotsAway(where, listings.stations().size + listings.merchants().size)) startSnapshotBuilder();
        } catch (e) {
          console.warn(`The snapshot process could not start (it is tried again when a snapshot is asked for): ${e}`);
        }
      }, (e) => console.warn(`Warming the indexes failed: ${e}`)));
      const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
      resolve({
        url: `http://${host}:${info.port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            clearInterval(timer);
            clearInterval(reopenTimer);
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => void store.close().then(done));
          }),
      });
    });
    server.maxConnections = config.maxConnections;
    server.once('error', (err: NodeJS.ErrnoException) => {
      clearInterval(timer);
      clearInterval(reopenTimer);
      void store.close();
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${config.port} is already in use: stop the other server or set PORT`) : err);
    });
  });
}
