/**
 * npm run bench: every benchmark section in one run (compare ratios within a run: the machine is
 * shared and noisy). `npm run bench -- geo` or `-- api` runs one section.
 */
import { execSync } from 'node:child_process';
import { benchApi } from './api';
import { benchCorridor } from './corridor';
import { benchGeo } from './geo';
import { benchListingPatch } from './listing-patch';
import { benchOffline } from './offline';
import { benchReliability } from './reliability';
import { benchSearch } from './search';
import { benchWeb, nationalMapRuns } from './web';
import { printTable } from './table';

const only = process.argv[2];
if (!only || only === 'geo') printTable('geo (in-process)', await benchGeo());
if (!only || only === 'corridor') printTable('corridor (in-process)', await benchCorridor());
if (!only || only === 'search') printTable('search (in-process, 400 k)', await benchSearch());
if (!only || only === 'api') {
  execSync('npm run build:api', { stdio: 'inherit' });
  printTable('api (child processes)', await benchApi());
}
if (only === 'reliability') {
  // on request only (it is long): npm run bench reliability (BENCH_STATIONS=100000 for a smaller run)
  execSync('npm run build:api', { stdio: 'inherit' });
  printTable('reliability (built server, mixed load + import)', await benchReliability());
}
if (only === 'listing-patch') printTable('listing patch vs rebuild (in-process, 400 k stations)', await benchListingPatch());
if (only === 'scale') {
  // on request only (long; needs YIZHAN_TEST_DATABASE_URL and nginx): npm run bench scale (BENCH_STATIONS=50000 for a quick run)
  execSync('npm run build:api', { stdio: 'inherit' });
  printTable('scale (PostgreSQL ×2 + nginx vs SQLite ×1)', await (await import('./scale')).benchScale());
}
if (!only || only === 'offline') printTable('offline (Chromium, 4× CPU)', await benchOffline());
if (only === 'map') {
  // the map at national scale alone (part of `web`): npm run bench map
  execSync('npm run build', { stdio: 'inherit' });
  printTable('web: the map at national scale (built PWA, Chromium)', await nationalMapRuns());
}
if (!only || only === 'web') {
  execSync('npm run build:web', { stdio: 'inherit' });
  printTable('web (built PWA, Lighthouse in Debian Chromium)', await benchWeb());
}
