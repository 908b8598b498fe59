#!/usr/bin/env node
// The compiled CLI (npm install runs `prepare`, which builds dist/ from src/).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/io/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('gongwen is not built yet: run `npm install` (or `npm run build`) in the gongwen folder.\n');
  process.exit(1);
}
const argv = process.argv.slice(2);
// report folders named: a batch (more than one) reads its fonts on its worker threads
const VALUED = new Set(['--out', '-o', '--format', '-f', '--jobs', '-j', '--config', '-c']);
let folders = 0;
for (let i = 1; i < argv.length; i++) {
  if (VALUED.has(argv[i])) i++;
  else if (!argv[i].startsWith('-')) folders++;
}
const prefetch = new URL('../dist/io/prefetch.js', import.meta.url);
if ((argv[0] === 'build' || argv[0] === 'check') && folders <= 1 && !argv.includes('--help') && !argv.includes('-h') && existsSync(prefetch)) {
  // read the fonts on the thread pool while the code below loads (src/io/prefetch.ts)
  const { prefetchBundledFonts } = await import(prefetch.href);
  prefetchBundledFonts();
}
const { main } = await import(entry.href);
process.exitCode = await main(argv);
