// `npm start`: builds the web app and the server when their sources are newer than the build,
// then runs the compiled server with plain node.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (paths) => {
  let t = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach(walk);
  return t;
};
const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const shared = ['data', 'package.json', 'package-lock.json'];

if (newest(['web', 'vite.config.ts', ...shared]) > builtAt('dist/web/index.html')) {
  execSync('npm run build:web', { stdio: 'inherit' });
}
if (newest(['api', 'scripts/build-api.mjs', ...shared]) > builtAt('dist/server/main.js')) {
  execSync('npm run build:api', { stdio: 'inherit' });
}
const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
