/**
 * The command line's options, parsed in one place for the two that read them: bin/gongwen.mjs,
 * which must decide before the CLI code loads whether to read the fonts ahead, and io/cli.ts.
 * This module imports nothing heavy.
 */
import { parseArgs } from 'node:util';

export const OPTIONS = {
  out: { type: 'string', short: 'o' },
  format: { type: 'string', short: 'f' },
  strict: { type: 'boolean', short: 's' },
  pdfa: { type: 'boolean' },
  'allow-missing-glyphs': { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  watch: { type: 'boolean', short: 'w' },
  config: { type: 'string', short: 'c' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** `gongwen build|check …` (not `aggregate`, which has options of its own). Throws ERR_PARSE_ARGS_* on bad options. */
export const parseCommandLine = (argv: string[]) => parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });

/**
 * A batch: several folders built on worker threads, which open their own fonts. One folder,
 * `check` and `--watch` run in this thread.
 */
export const isBatch = (command: string | undefined, dirs: readonly string[], values: { watch?: boolean }): boolean =>
  command === 'build' && dirs.length > 1 && !values.watch;
