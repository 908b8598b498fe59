#!/usr/bin/env node
// The compiled CLI (npm install runs `prepare`, which builds dist/ from src/).
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/io/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('gongwen is not built yet: run `npm install` (or `npm run build`) in the gongwen folder.\n');
  process.exit(1);
}
// a working folder removed after the shell entered it: every path is read from it (relative paths,
// the messages' file names), and Node's uv_cwd ended in an internal error (failure audit)
try {
  process.cwd();
} catch {
  process.stderr.write('error: the current folder is gone (removed after this shell entered it)\n  fix: cd to a folder that exists, then run the command again\n');
  process.exit(2);
}
const argv = process.argv.slice(2);
const cliArgs = new URL('../dist/io/cli-args.js', import.meta.url);
let batch = false;
if ((argv[0] === 'build' || argv[0] === 'check') && existsSync(cliArgs)) {
  const { parseCommandLine, isBatch, isOneReport, BATCH_NODE_OPTIONS, ONE_REPORT_V8_FLAGS } = await import(cliArgs.href);
  let args;
  try {
    args = parseCommandLine(argv);
  } catch {
    args = undefined; // main() reports the bad option
  }
  const [command, ...dirs] = args?.positionals ?? [];
  batch = Boolean(args && !args.values.help && isBatch(command, dirs, args.values));
  const oneReport = Boolean(args && !args.values.help && isOneReport(command, dirs, args.values));
  // V8 tuned for one report before any code loads, so that all of it is compiled, and cached,
  // under the same flags (src/io/cli-args.ts ONE_REPORT_V8_FLAGS)
  if (oneReport) (await import('node:v8')).setFlagsFromString(ONE_REPORT_V8_FLAGS);
  // A batch runs in a process whose V8 has one background thread instead of four (src/io/cli-args.ts
  // BATCH_NODE_OPTIONS): started again with that option, which Node takes only at start-up, unless
  // this is that process or NODE_OPTIONS sets the pool already. This one waits, passes signals on
  // (so stopping it by its PID stops the batch) and ends as the batch process ends.
  if (batch && !process.env.GONGWEN_BATCH_PROCESS && !/--v8-pool-size/.test(process.env.NODE_OPTIONS ?? '')) {
    const { spawn } = await import('node:child_process');
    const options = process.execArgv.filter((a) => !a.startsWith('--inspect')); // one debugger port each
    // listening first: a signal that came between the fork and the listeners would kill this
    // process the default way and leave the batch running (handlers run after spawn returns)
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    let child;
    const forward = (signal) => child?.kill(signal);
    for (const s of signals) process.on(s, forward);
    // (a channel to the batch process, which closes as this process ends, however it ends)
    child = spawn(process.execPath, [...options, ...BATCH_NODE_OPTIONS, fileURLToPath(import.meta.url), ...argv], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: { ...process.env, GONGWEN_BATCH_PROCESS: '1' },
    });
    let spawned = false;
    child.once('spawn', () => { spawned = true; });
    const ended = await new Promise((resolve) => {
      child.on('error', () => { if (!spawned) resolve(undefined); }); // later errors: a signal not delivered
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    for (const s of signals) process.off(s, forward);
    if (ended) {
      if (ended.signal) process.kill(process.pid, ended.signal);
      process.exit(ended.code ?? 1);
    }
    // could not start a process: build the batch in this one
  }
  // The batch process ends with its launcher, even one killed outright (kill -9), which cannot pass
  // a signal on: its channel closes. (A batch left running would race a build started again.)
  if (process.env.GONGWEN_BATCH_PROCESS && process.channel) {
    process.channel.unref(); // (the channel alone does not keep this process running)
    // (its workers are let finish placing a report's outputs first: src/io/placing.ts)
    process.once('disconnect', async () => {
      try {
        (await import(new URL('../dist/io/placing.js', import.meta.url).href)).haltPlacements();
      } finally {
        process.exit(129);
      }
    });
  }
}
// The libraries' compiled code is kept between runs (src/io/code-cache.ts), for
// build and check; the launcher of a batch loads no library and gets here only if it built the batch.
const codeCache = (argv[0] === 'build' || argv[0] === 'check') ? await import(new URL('../dist/io/code-cache.js', import.meta.url).href) : undefined;
codeCache?.useCodeCache();
// A batch's first worker thread is started now, so that it loads its code on the other core while
// this thread loads the command line's (src/io/batch.ts startBatchWorker; main stops it if unused).
const early = batch ? (await import(new URL('../dist/io/batch.js', import.meta.url).href)).startBatchWorker() : undefined;
// The command line's code as one file (scripts/bundle.mjs), if it was built after the modules it
// is made of (a `tsc` run alone leaves an older bundle, which would not be the code just compiled);
// else as modules. GONGWEN_BUNDLE=0 takes the modules.
const bundle = new URL('../dist/io/cli.bundle.cjs', import.meta.url);
const useBundle = process.env.GONGWEN_BUNDLE !== '0' && existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(entry).mtimeMs;
if (useBundle) codeCache?.cacheAlso(fileURLToPath(bundle));
const { main } = useBundle ? createRequire(import.meta.url)(fileURLToPath(bundle)) : await import(entry.href);
process.exitCode = await main(argv, process.stdout, process.stderr, early);
// after a successful run: its code then holds what the run compiled (a failed one may have stopped early)
if (process.exitCode === 0) codeCache?.saveCodeCache();
