#!/usr/bin/env node
// The compiled CLI (npm install runs `prepare`, which builds dist/ from src/).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/io/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('gongwen is not built yet: run `npm install` (or `npm run build`) in the gongwen folder.\n');
  process.exit(1);
}
const argv = process.argv.slice(2);
const prefetch = new URL('../dist/io/prefetch.js', import.meta.url);
const cliArgs = new URL('../dist/io/cli-args.js', import.meta.url);
if ((argv[0] === 'build' || argv[0] === 'check') && existsSync(prefetch) && existsSync(cliArgs)) {
  // read the fonts on the thread pool while the code below loads (src/io/prefetch.ts), unless
  // this is a batch, whose worker threads read their own, or only help is asked for
  const [{ parseCommandLine, isBatch }, { prefetchBundledFonts }] = await Promise.all([
    import(cliArgs.href), import(prefetch.href),
  ]);
  let args;
  try {
    args = parseCommandLine(argv);
  } catch {
    args = undefined; // main() reports the bad option
  }
  const [command, ...dirs] = args?.positionals ?? [];
  if (args && !args.values.help && !isBatch(command, dirs, args.values)) prefetchBundledFonts();
}
const { main } = await import(entry.href);
process.exitCode = await main(argv);
