// Compiles the server (api/ + data/) into dist/server/main.js (and the chunks it loads) so `npm start` runs plain node.
// Old chunks are left: a server still running from this folder may yet load its own on first use.
import { build } from 'esbuild';

await build({
  // heavy jobs (admin import, large sync bodies) run in a child process from their own file (api/background.ts)
  entryPoints: { main: 'api/main.ts', 'background-worker': 'api/background-worker.ts' },
  outdir: 'dist/server',
  bundle: true,
  platform: 'node',
  format: 'esm',
  // what is loaded on first use (the pinyin dictionary, with the first search) is a chunk of its own, not parsed at start
  splitting: true,
  target: 'node20',
  // pure-JS dependencies are bundled (few files to load: start-up time); native and data-heavy ones are not
  external: ['better-sqlite3', 'opening_hours'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built dist/server/main.js, background-worker.js and their chunks');
