// Preloaded by scripts/bench.mjs: on exit, this process's peak RSS (KiB, threads included) and,
// on Linux, its private memory (KiB: what it does not share with other processes, such as the
// node binary's code).
import { readFileSync } from 'node:fs';

const privateKiB = () => {
  try {
    const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
    return [...rollup.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  } catch {
    return undefined;
  }
};
process.on('exit', () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS} private=${privateKiB() ?? ''}\n`));
