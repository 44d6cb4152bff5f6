// Preloaded into the benchmarked server (node --require): every 250 ms it writes the longest
// event-loop hold of that window to stderr as `yizhan-loop <ms since start> <max ms>`, so a
// benchmark can say how long any request waited behind work on the loop, phase by phase.
const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: 5 });
h.enable();
const t0 = performance.now();
setInterval(() => {
  process.stderr.write(`yizhan-loop ${Math.round(performance.now() - t0)} ${(h.max / 1e6).toFixed(1)}\n`);
  h.reset();
}, 250).unref();
