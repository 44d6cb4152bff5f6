import { openSqliteStore } from './api/store/sqlite';
import { listingBuild } from './api/listing';
const store = openSqliteStore('/tmp/prof/db/bench-400000.db');
const cols = await store.stationIndex();
for (let r = 0; r < 2; r++) {
  const work = listingBuild(cols, 'stations', { ids: true, clusters: true, corridor: true });
  const d: number[] = [];
  for (;;) { const t0 = performance.now(); const s = work.next(); d.push(performance.now() - t0); if (s.done) break; }
  console.log(d.map((x, i) => [i, x] as const).filter(([, x]) => x > 25).map(([i, x]) => `${i}:${x.toFixed(0)}`).join(' '));
}
