/**
 * The command line's options, parsed in one place for the two that read them: bin/gongwen.mjs,
 * which must decide before the CLI code loads whether to read the fonts ahead, and io/cli.ts.
 * This module imports nothing heavy.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

export const OPTIONS = {
  out: { type: 'string', short: 'o' },
  format: { type: 'string', short: 'f' },
  strict: { type: 'boolean', short: 's' },
  pdfa: { type: 'boolean' },
  'allow-missing-glyphs': { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  watch: { type: 'boolean', short: 'w' },
  force: { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** A command line that cannot be run as given: exit 2 with the usage, no stack trace. */
export class UsageError extends Error {}

/** Our usage errors and node:util parseArgs's (unknown option, missing value …). */
export const isUsageError = (e: unknown): e is Error =>
  e instanceof UsageError || Boolean((e as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS'));

/**
 * `gongwen build|check …` (not `aggregate`, which has options of its own). Throws ERR_PARSE_ARGS_*
 * on bad options, and a UsageError for an option with a value given twice: the last one alone was
 * kept (--format pdf --format docx made the DOCX alone, without a word; a CLI audit).
 */
export const parseCommandLine = (argv: string[]) => {
  const parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS, tokens: true });
  const given = new Map<string, string[]>();
  for (const t of parsed.tokens ?? []) {
    if (t.kind === 'option' && t.value !== undefined) given.set(t.name, [...given.get(t.name) ?? [], t.value]);
  }
  for (const [name, values] of given) {
    if (values.length > 1) {
      throw new UsageError(`--${name} is given ${values.length} times (${values.join(', ')}): give it once${name === 'format' ? ' (--format pdf, --format docx, or neither for both)' : ''}`);
    }
  }
  const { tokens: _tokens, ...rest } = parsed;
  return rest;
};

/**
 * A batch: several folders built on worker threads, which open their own fonts. One folder,
 * `check` and `--watch` run in this thread.
 */
export const isBatch = (command: string | undefined, dirs: readonly string[], values: { watch?: boolean }): boolean =>
  command === 'build' && dirs.length > 1 && !values.watch;

/**
 * Node options for a batch's process (bin/gongwen.mjs starts a batch again with them). V8 keeps a
 * pool of background threads for garbage collection and optimising compiles, four by default. A
 * batch's own threads already fill the cores (cores − 1 PDF workers, each with a DOCX thread:
 * io/batch.ts), and four more, collecting and compiling for them, took the cores from the PDF
 * worker, the batch's critical path. With one: a batch of 100 units 11.0–11.7 s against
 * 12.8–13.0 s (four runs each, alternating), a tenth less CPU; a one-folder build, which has
 * cores to spare, gains nothing and is not started again (docs/speed.md).
 */
export const BATCH_NODE_OPTIONS = ['--v8-pool-size=1'];

/**
 * V8 optimises a function with TurboFan once it has run for an "interrupt budget" of bytecode
 * (67,584 bytes in Node 20). One report in a fresh process runs most code only briefly, and on
 * two cores the optimising compiles and their deoptimisations cost more than they save: with a
 * 32× budget (2,162,688) a cold build of the sample is ≈ 20 % faster, a 41-page report ≈ 19 %
 * (medians of 7 and 5 runs; docs/speed.md). Long runs — batches, --watch — keep the default:
 * there it costs 3–5 %. The flag is read when a function's budget is next set. bin/gongwen.mjs
 * sets it before any code loads (so that the code cache, io/code-cache.ts, holds code compiled
 * under one set of flags); io/cli.ts again, for callers of main(). V8 flags are process-wide.
 */
export const ONE_REPORT_V8_FLAGS = '--interrupt-budget=2162688';

/** One folder to build, not watched: the runs ONE_REPORT_V8_FLAGS are for. */
export const isOneReport = (command: string | undefined, dirs: readonly string[], values: { watch?: boolean }): boolean =>
  command === 'build' && dirs.length === 1 && !values.watch;

/**
 * Among several paths, the plain files a glob took along (units/* with a 说明.txt or a 汇总.docx
 * beside the units): left out, each with a note, so that a batch neither counts them as failed
 * reports nor, in aggregate, stops at them — where a folder is among the paths (the commands say
 * what a file given with no folder is), and not the files `keep` takes (a report.md for build and
 * check, which say it is no folder; a statistics file for aggregate, a unit of its own). An office
 * program's lock file (~$statistics.xlsx) is left out wherever it is.
 */
export function withoutStrayFiles(paths: string[], keep: (file: string) => boolean): { folders: string[]; skipped: string[] } {
  const stat = (p: string) => {
    try {
      return statSync(p);
    } catch {
      return undefined;
    }
  };
  if (paths.length < 2) return { folders: paths, skipped: [] };
  const folder = paths.some((p) => stat(p)?.isDirectory());
  const skipped = paths.filter((p) => stat(p)?.isFile() && (basename(p).startsWith('~$') || (folder && !keep(p))));
  return { folders: paths.filter((p) => !skipped.includes(p)), skipped };
}
