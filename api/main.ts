/**
 * Production entry point (compiled to dist/server/main.js and run with plain node by `npm start`).
 */
import { loadConfig } from './config';
import { startServer } from './server';
import { describeLocation, storeLocation } from './store/open';

const config = loadConfig();
const running = await startServer(config).catch((err: Error) => {
  console.error(`Yizhan could not start: ${err.message}`);
  process.exit(1);
});
console.log(`Yizhan is serving on ${running.url.replace("127.0.0.1", "localhost")} (database ${describeLocation(storeLocation(config))})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
