// Preloaded by scripts/bench.mjs: report this process's peak RSS (KiB, threads included) on exit.
process.on('exit', () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`));
