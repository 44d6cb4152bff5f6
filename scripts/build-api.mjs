// Compiles the server (api/ + data/) into dist/server/main.js so `npm start` runs plain node.
import { build } from 'esbuild';

await build({
  entryPoints: ['api/main.ts'],
  outfile: 'dist/server/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built dist/server/main.js');
