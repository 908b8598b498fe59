#!/usr/bin/env node
// The compiled CLI (npm install runs `prepare`, which builds dist/ from src/).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/io/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('gongwen is not built yet: run `npm install` (or `npm run build`) in the gongwen folder.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
