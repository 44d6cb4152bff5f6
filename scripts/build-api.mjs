// Compiles the server (api/ + data/) into dist/server/main.js so `npm start` runs plain node.
import { build } from 'esbuild';

await build({
  entryPoints: ['api/main.ts'],
  outfile: 'dist/server/main.js',
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
console.log('built dist/server/main.js');
