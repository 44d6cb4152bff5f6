// Preloaded into the benchmarked server (node --require): every 250 ms it writes the longest
// event-loop hold of that window to stderr as `yizhan-loop <ms since start> <max ms>`, so a
// benchmark can say how long any request waited behind work on the loop, phase by phase; and each
// garbage-collection pause over 20 ms as `yizhan-gc <ms since start> <ms> <kind>` (a hold that is
// not our code's).
const { monitorEventLoopDelay, PerformanceObserver, constants } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: 5 });
h.enable();
const t0 = performance.now();
setInterval(() => {
  process.stderr.write(`yizhan-loop ${Math.round(performance.now() - t0)} ${(h.max / 1e6).toFixed(1)}\n`);
  h.reset();
}, 250).unref();
const kinds = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.duration > 20) process.stderr.write(`yizhan-gc ${Math.round(e.startTime + e.duration - t0)} ${e.duration.toFixed(1)} ${kinds[e.detail?.kind] ?? e.detail?.kind}\n`);
  }
}).observe({ entryTypes: ['gc'] });
