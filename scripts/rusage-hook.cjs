// Preloaded by scripts/bench.mjs (node -r): at exit, appends the process's peak resident memory
// (KiB, all threads) and its CPU time (user + system, µs, all threads) to the file named by
// BUDGET_BENCH_RUSAGE. Not part of the product.
const { appendFileSync } = require('node:fs');
const out = process.env.BUDGET_BENCH_RUSAGE;
if (out) process.on('exit', () => {
    const u = process.resourceUsage();
    appendFileSync(out, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\n`);
  });
