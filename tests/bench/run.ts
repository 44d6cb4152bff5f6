/**
 * npm run bench: every benchmark section in one run (compare ratios within a run: the machine is
 * shared and noisy). `npm run bench -- geo` or `-- api` runs one section.
 */
import { execSync } from 'node:child_process';
import { printTable } from './table';

// Each section's modules are loaded when it runs, not all at the start: a process that had loaded
// Lighthouse and Playwright for the later sections ran the corridor ~10 % slower (22–23 vs 20–21 ms
// for every page), with no more garbage collection — the in-process rows measure the code as the
// API runs it, beside its own modules only.
const only = process.argv[2];
if (!only || only === 'geo') printTable('geo (in-process)', await (await import('./geo')).benchGeo());
if (!only || only === 'corridor') printTable('corridor (in-process)', await (await import('./corridor')).benchCorridor());
if (!only || only === 'search') printTable('search (in-process, 400 k)', await (await import('./search')).benchSearch());
if (!only || only === 'api') {
  execSync('npm run build:api', { stdio: 'inherit' });
  printTable('api (child processes)', await (await import('./api')).benchApi());
}
if (only === 'reliability') {
  // on request only (it is long): npm run bench reliability (BENCH_STATIONS=100000 for a smaller run)
  execSync('npm run build:api', { stdio: 'inherit' });
  printTable('reliability (built server, mixed load + import)', await (await import('./reliability')).benchReliability());
}
if (only === 'listing-patch') printTable('listing patch vs rebuild (in-process, 400 k stations)', await (await import('./listing-patch')).benchListingPatch());
if (only === 'scale') {
  // on request only (long; needs YIZHAN_TEST_DATABASE_URL and nginx): npm run bench scale (BENCH_STATIONS=50000 for a quick run)
  execSync('npm run build:api', { stdio: 'inherit' });
  printTable('scale (PostgreSQL ×2 + nginx vs SQLite ×1)', await (await import('./scale')).benchScale());
}
if (!only || only === 'offline') printTable('offline (Chromium, 4× CPU)', await (await import('./offline')).benchOffline());
if (only === 'map') {
  // the map at national scale alone (part of `web`): npm run bench map
  execSync('npm run build', { stdio: 'inherit' });
  printTable('web: the map at national scale (built PWA, Chromium)', await (await import('./web')).nationalMapRuns());
}
if (!only || only === 'web') {
  execSync('npm run build:web', { stdio: 'inherit' });
  printTable('web (built PWA, Lighthouse in Debian Chromium)', await (await import('./web')).benchWeb());
}
