// Compiles the server (api/ + data/) into dist/server/main.js so `npm start` runs plain node.
import { build } from 'esbuild';

await build({
  // the admin import runs on a worker thread from its own file beside main.js (api/import-thread.ts)
  entryPoints: { main: 'api/main.ts', 'import-worker': 'api/import-worker.ts' },
  outdir: 'dist/server',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // pure-JS dependencies are bundled (one file to load: start-up time); native and data-heavy ones are not
  external: ['better-sqlite3', 'opening_hours'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built dist/server/main.js and import-worker.js');
