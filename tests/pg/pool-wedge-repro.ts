/**
 * Not a test (vitest runs *.test.ts only): a reproduction of a defect the outage test hits by
 * chance. The PostgreSQL store's pool, reached through tcp-proxy.ts, is given reads of every kind
 * the listings and routes make; the database goes away mid-flight (every connection reset, new
 * ones refused) and comes back. In some rounds (0 to 11 of 40 per run here, more on a busy machine) reads issued AFTER the database
 * is back never settle (still pending after 65 s) though the database answers everyone else: the pool
 * loses them. A server whose listing rebuild is caught in it hangs every request that waits for that
 * rebuild (app.ts then waited for listings.refreshIfChanged() on every /api request; now at most 2 s), /api/ready included.
 * Reads issued 10 s later do settle: what was sent in that instant is lost, the pool itself recovers.
 * Ruled out so far: the listener (listen: false here), the cursor of readIndexColumns (a plain
 * query instead still loses reads). Plain postgres.js with one simple query did not show it.
 * On 2026-12-07: 0 of 40 on postgres.js 3.4.9 (whose own unhandled rejections, counted apart, would
 * have ended this process in 3 of 40 rounds: tests/pg/connection-churn.test.ts), and 0 of 40 on 4.2.0.
 *
 *   YIZHAN_TEST_DATABASE_URL=postgres://yizhan:yizhan@127.0.0.1:5432/postgres \
 *     node --import tsx tests/pg/pool-wedge-repro.ts [rounds]
 */
import { canonicalStation } from '../../data/records';
import { generateDemo } from '../../data/demo/generate';
import { openPgStore } from '../../api/store/pg';
import { freshPgUrl } from '../pg.js' // .js: tsx would take '../pg' for the directory tests/pg;
import { startTcpProxy } from './tcp-proxy';

const ROUNDS = Number(process.argv[2] ?? 40);
const HUNG_MS = 10_000;

const db = await freshPgUrl();
const target = new URL(db.url);
const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
const store = await openPgStore(proxy.via(db.url), { listen: false });
const demo = generateDemo({ stations: 300, merchants: 10 });
await store.upsertStations(demo.stations.map((s) => canonicalStation(s, new Date().toISOString())));

const reads: Record<string, () => Promise<unknown>> = {
  version: () => store.version(), tableVersions: () => store.tableVersions(), stationIndex: () => store.stationIndex(),
  stationDocs: () => store.stationDocs([1, 2, 3]), counts: () => store.counts(),
};
/** Runs every read (twice), each resolving to [name, 'ok' | 'err:CODE', ms]. */
const all = (suffix: string, times = 1) => Object.entries(reads).flatMap(([name, read]) => Array.from({ length: times }, () => {
  const t = performance.now();
  return read().then(() => 'ok', (e) => `err:${e?.cause?.code ?? e?.code ?? e?.message}`).then((r) => [name + suffix, r, Math.round(performance.now() - t)]);
}));
const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'HUNG'>((r) => setTimeout(() => r('HUNG'), ms))]);

let wedged = 0;
for (let round = 0; round < ROUNDS; round++) {
  const before = all('', 2);
  await new Promise((r) => setTimeout(r, Math.random() * 20));
  await proxy.down();
  const during = all(' (down)');
  if ((await within(Promise.all([...before, ...during]), HUNG_MS)) === 'HUNG') console.log(`round ${round}: a read hung while the database was down`);
  await proxy.up();
  const accepted = proxy.accepted();
  const backReads = all(' (back)');
  const done = new Set<number>();
  backReads.forEach((p, k) => void p.then(() => done.add(k)));
  if ((await within(Promise.all(backReads), HUNG_MS)) === 'HUNG') {
    const stuck = Object.keys(reads).filter((_, k) => !done.has(k));
    wedged++;
    const settled: string[] = [];
    for (const p of all(' (back)')) void p.then((x) => settled.push(x.join(' ')));
    await new Promise((r) => setTimeout(r, 1000));
    console.log(`round ${round}: reads issued after the database came back did not settle in ${HUNG_MS / 1000} s (${stuck.join(', ')}) ` +
      `(${proxy.accepted() - accepted} new connections made; and of 5 reads issued later, ${settled.length} settled within 1 s)`);
  }
}
console.log(`${wedged} of ${ROUNDS} rounds left the pool wedged`);
await proxy.close();
await db.drop();
process.exit(wedged ? 1 : 0);
