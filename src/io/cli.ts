/** The command line: gongwen build | check | aggregate | new. Exit codes 0 ok, 1 internal error, 2 bad input. */
import { accessSync, constants, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { enforceFindings, FORMATS, loadReport, reviewReport, type Format } from '../build.js';
import { newerWorkbookNews } from './workbook-news.js';
import { errorCount, FindingErrors, formatFinding, isInputError, type Finding } from '../model/errors.js';
import { availableParallelism } from 'node:os';
import { buildBatch, type BatchResult } from './batch.js';
import { buildOne, provisionalForm, settingsNow, upToDate, type BuildOutcome, type BuildSettings } from './build-one.js';
import { watch } from './watch.js';
import { readConfig, type Config } from './config.js';
import { openFontSet } from './fonts.js';
import { isBatch, isUsageError, ONE_REPORT_V8_FLAGS, OPTIONS, parseCommandLine, UsageError, withoutStrayFiles } from './cli-args.js';
import { usageText } from './usage-text.js';
import { closest } from '../read/validate.js';
import { docxThreadFor, type DocxThread } from './docx-thread.js';
import type { Worker } from 'node:worker_threads';
import { formatLeft, timeLeft } from './time-left.js';
import { earlierOutputs, provisionalNote, report, seconds } from './outcome-lines.js';
import { REFUSALS } from './files.js';
import { haltPlacements, placedCount, signalsHeard } from './placing.js';

export const EXIT = { ok: 0, internal: 1, input: 2 } as const;

const HELP = `gongwen — GB/T 9704-2012 reports (政府信息公开工作年度报告) from Markdown + YAML

Usage:
  gongwen build <report-dir>... [--out DIR] [--format pdf,docx] [--pdfa] [--strict]
                [--allow-missing-glyphs] [--jobs N] [--watch] [--force] [--config FILE]
  gongwen check <report-dir>... [--strict] [--config FILE]
  gongwen aggregate <unit-dir>... --out FILE [--template ID] [--partial]
  gongwen new <folder> --organ NAME [--year YYYY]
  gongwen --help | --version

Commands:
  build       check, then render each report folder to DIR/<folder>.pdf and .docx
  check       validate content and statistics (sum rules, empty cells, numbers in the text)
  aggregate   sum the statistics of unit folders into one .yaml or .xlsx (see gongwen aggregate --help)
  new         write a report folder to fill in, on the form of the report year (see gongwen new --help)

Options:
  -o, --out DIR       output folder (default: output)
  -f, --format LIST   formats to write, comma-separated: pdf, docx (default: both)
      --pdfa          write the PDF as PDF/A-2b (archival; also "pdfa: true" in gongwen.yaml)
      --allow-missing-glyphs
                      characters no font has are listed as warnings instead of errors
  -j, --jobs N        build several folders on N worker threads (default: CPU cores − 1,
                      at least 1: then one folder after another on one thread; at most
                      the CPU cores)
  -w, --watch         build, then rebuild a folder whenever one of its files changes
                      (Ctrl-C stops)
      --force         build every folder, also those whose outputs are up to date (a
                      folder is skipped when its files, its statistics, the options, fonts
                      and gongwen are as at its last build into DIR and the outputs are as
                      that build wrote them; see README, "Command line": Up-to-date folders)
  -s, --strict        treat warnings as errors
  -c, --config FILE   gongwen.yaml with font roles (default: ./gongwen.yaml if present)
  -h, --help          show this help
  -v, --version       show the version

Exit codes: 0 ok, 1 internal error, 2 bad input (the message names file, line and fix).
`;


function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function parseFormats(value: string | undefined): Format[] {
  if (value === undefined) return [...FORMATS];
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!list.length) throw new UsageError(`--format needs at least one of: ${FORMATS.join(', ')}`);
  for (const f of list) {
    if (!FORMATS.includes(f as Format)) throw new UsageError(`unknown format "${f}" (known: ${FORMATS.join(', ')})`);
  }
  return list as Format[];
}

const printFindings = (err: NodeJS.WritableStream, findings: Finding[]) => {
  for (const f of findings) err.write(`${formatFinding(f)}\n`);
};

interface Options {
  out?: string;
  format?: string;
  strict?: boolean;
  pdfa?: boolean;
  'allow-missing-glyphs'?: boolean;
  jobs?: string;
  watch?: boolean;
  force?: boolean;
  config?: string;
}

function configFor(values: Options): Config {
  const configFile = values.config ?? (existsSync('gongwen.yaml') ? 'gongwen.yaml' : undefined);
  const config = readConfig(configFile);
  return { ...config, pdfa: values.pdfa === true || config.pdfa };
}

/**
 * `check` over its folders, one after another: input errors are reported per folder and do not
 * stop the others. Each folder's errors (and the warnings beside them) on stderr; on
 * stdout a line for each folder, ok or failed, and with several folders a summary naming those
 * that failed, as a batch build ends.
 */
async function eachDir(dirs: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, task: (dir: string) => Promise<void>): Promise<number> {
  const failed: string[] = [];
  const firstErrors: [string, string][] = [];
  let internal = false;
  for (const dir of dirs) {
    try {
      await task(dir);
    } catch (e) {
      // a bug met by one folder of several is its failure, said to be one; the others are checked
      if (!isInputError(e) && dirs.length === 1) throw e;
      if (!isInputError(e)) {
        internal = true;
        failed.push(dir);
        firstErrors.push([dir, `internal error (please report): ${String(e)}`]);
        err.write(`internal error (please report): ${(e as Error).stack ?? String(e)}\n`);
        out.write(`${dir}: failed (internal error)\n`);
        continue;
      }
      failed.push(dir);
      firstErrors.push([dir, e.message]);
      const errors = errorCount(e.message);
      err.write(`error: ${e.message.replace(/\n(?=\S)/g, '\nerror: ')}\n`);
      // the warnings found beside the errors, below them (as a build prints them)
      if (e instanceof FindingErrors) printFindings(err, e.warnings);
      out.write(`${dir}: failed (${errors} error${errors > 1 ? 's' : ''})\n`);
    }
  }
  if (dirs.length > 1) {
    out.write(`checked ${dirs.length} reports: ${dirs.length - failed.length} ok` +
      `${failed.length ? `, ${failed.length} failed: ${failed.join(', ')}` : ''}\n`);
    for (const [dir, error] of firstErrors) out.write(`  ${dir}: ${firstError(error)}\n`);
  }
  return internal ? EXIT.internal : failed.length ? EXIT.input : EXIT.ok;
}

function settingsFor(values: Options, config: Config): BuildSettings {
  return {
    outDir: values.out ?? 'output',
    formats: parseFormats(values.format),
    pdfa: config.pdfa,
    strict: values.strict === true,
    allowMissingGlyphs: values['allow-missing-glyphs'] === true,
    creator: `gongwen ${version()}`,
    keepRecords: true,
  };
}

/** Outputs are named after their folder: two folders of the same name would overwrite each other. */
function checkNames(dirs: string[]): void {
  const byName = new Map<string, string[]>();
  for (const d of dirs) {
    const name = basename(resolve(d));
    byName.set(name, [...(byName.get(name) ?? []), d]);
  }
  for (const [name, same] of byName) {
    if (same.length > 1) throw new UsageError(`${same.join(' and ')} would all be written as ${name}.pdf/.docx; build them into different --out folders, or rename the folders`);
  }
}

/**
 * An --out that is a file, or that has a file on its way (--out notes.txt/out): said once, before
 * any report is laid out (each report of a batch said it, after its layout: a CLI audit).
 */
function checkOut(outDir: string): void {
  let missing: string | undefined; // the first folder on the way that is not there
  for (let d = resolve(outDir); ; d = dirname(d)) {
    let st;
    try {
      st = statSync(d, { throwIfNoEntry: false });
    } catch (e) {
      // (links round in a circle on the way: said once, first, as the writing would say it a report; a review)
      if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new UsageError(`--out ${outDir}: ${d} is in a path whose links lead round in a circle; give --out a folder, or correct the link`);
      continue; // (ENOTDIR: a file further up, found there; another problem is the writing's to say)
    }
    if (st && !st.isDirectory()) throw new UsageError(`--out ${outDir}: ${d === resolve(outDir) ? 'it is a file' : `${d} is a file`}, not a folder; give --out a folder (it is created if missing)`);
    // (a folder that cannot be written in — read-only, another user's — was found by each report
    // after its layout, and said once a report: once, first; as root only a read-only disk is)
    if (st) {
      try {
        accessSync(d, constants.W_OK | constants.X_OK);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        const [why, fix] = REFUSALS[code] ?? ['it cannot be written in', 'give --out a folder you can write to'];
        throw new UsageError(`--out ${outDir}: ${d === resolve(outDir) ? 'the folder' : `${d}, where it would be made,`} cannot be written in: ${why}${code ? ` (${code})` : ''}; ${fix}`);
      }
      // (a folder that can be written in but holds no folders, /proc: made and removed again to
      // know, once, first; each report of a batch said it could not be made)
      if (missing) probeFolder(outDir, missing);
    }
    if (st || dirname(d) === d) return;
    missing = d;
  }
}

/** Whether `d` (not there, its parent a folder) can be made: made and removed again, or a UsageError. */
function probeFolder(outDir: string, d: string): void {
  try {
    mkdirSync(d);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    // (a link to a folder that is not there: the writing said so once a report, after its layout, a review)
    if (code === 'EEXIST' && lstatSync(d, { throwIfNoEntry: false })?.isSymbolicLink() && !existsSync(d)) {
      throw new UsageError(`--out ${outDir}: ${d} is a link to ${readlinkSync(d)}, which is not there; create the folder it links to, or give --out another folder`);
    }
    if (code === 'EEXIST') return; // (made meanwhile)
    throw new UsageError(`--out ${outDir}: ${d} cannot be created${code ? ` (${code})` : ''}; give --out a folder you can write to (it is created if missing)`);
  }
  try {
    rmdirSync(d);
  } catch {
    // (another build into the same new folder wrote in it meanwhile: it is theirs now, and can be written in)
  }
}

/** Of the reports built, those with warnings, for a batch's summary: " (2 with warnings: a, b)", or nothing. */
function warnedOf(outcomes: BuildOutcome[]): string {
  const warned = outcomes.filter((o) => o.ok && o.warnings.length).map((o) => o.dir);
  return warned.length ? ` (${warned.length} with warnings: ${warned.slice(0, 5).join(', ')}${warned.length > 5 ? ', …' : ''})` : '';
}

/** Of the reports built, those whose edited outputs were kept aside (a reviewer's Word draft), for a batch's summary: "; 2 edited outputs kept aside: a, b", or nothing. */
function keptOf(outcomes: BuildOutcome[]): string {
  // (their kept: lines scrolled away in a batch of a hundred, a review round)
  const kept = outcomes.flatMap((o) => (o.ok && o.kept?.length ? [{ dir: o.dir, n: o.kept.length }] : []));
  const files = kept.reduce((n, o) => n + o.n, 0);
  return files ? `; ${files} edited output${files === 1 ? '' : 's'} kept aside (see kept: above): ${kept.slice(0, 5).map((o) => o.dir).join(', ')}${kept.length > 5 ? ', …' : ''}` : '';
}

/** V8 tuned for one report (io/cli-args.ts ONE_REPORT_V8_FLAGS): before any report code has run. */
function tuneForOneReport(): void {
  setFlagsFromString(ONE_REPORT_V8_FLAGS);
}

/** The same as a batch, in this process: for one folder. */
async function buildInProcess(dirs: string[], config: Config['fonts'], settings: BuildSettings,
  progress: (o: BuildOutcome, count: number, failed: number, ms: number) => void, docx?: DocxThread, stopped?: () => boolean): Promise<BatchResult> {
  const started = performance.now();
  const fonts = openFontSet(config);
  const outcomes: BuildOutcome[] = [];
  for (const dir of dirs) {
    const o = await buildOne(dir, fonts, settings, docx?.build, stopped);
    outcomes.push(o);
    progress(o, outcomes.length, outcomes.filter((x) => !x.ok).length, performance.now() - started);
  }
  return { outcomes, ms: performance.now() - started };
}

async function build(dirs: string[], values: Options, out: NodeJS.WritableStream, err: NodeJS.WritableStream,
  early?: Worker): Promise<number> {
  const config = configFor(values);
  const settings = settingsFor(values, config);
  // (--pdfa with --format docx was dropped without a word: an edge audit)
  if (values.pdfa && !settings.formats.includes('pdf')) err.write('note: --pdfa makes the PDF a PDF/A, and --format docx writes no PDF\n');
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) throw new UsageError('--jobs takes a whole number of at least 1');
  checkNames(dirs);
  checkOut(settings.outDir);
  if (values.watch) return watch(dirs, config.fonts, settings, out, err, values.force === true);
  const started = performance.now();
  // folders whose outputs are up to date are reported from their records and not built again
  const current: BuildOutcome[] = [];
  // and those built again say why (one line each where lines are printed; the summary counts)
  const why = new Map<string, string>();
  const stamp = values.force ? undefined : settingsNow(settings, config.fonts);
  const stale = !stamp ? dirs : dirs.filter((dir) => {
    const check = upToDate(dir, settings, stamp);
    if (check.current) current.push(check.current);
    else if (check.why) why.set(dir, check.why);
    return !check.current;
  });
  let docx: DocxThread | undefined;
  if (dirs.length === 1 && stale.length) {
    tuneForOneReport();
    // the DOCX thread starts now, and loads its code while this thread reads the report
    docx = docxThreadFor(settings.formats);
  }
  const tty = (out as NodeJS.WriteStream).isTTY === true;
  const batch = isBatch('build', dirs, values);
  const doneAt: number[] = [];
  let finished = 0;
  /** Reports built (placed) whose outcome has come in. */
  let builtSeen = 0;
  const progress = (o: BuildOutcome, count: number, failed: number, ms: number) => {
    finished = count;
    builtSeen = count - failed;
    if (o.ok) o.why ??= why.get(o.dir);
    if (tty) {
      // on a terminal: one progress line, with errors and warnings printed above it (and, for
      // one folder, its files), and the time left once a few reports are in (io/time-left.ts)
      doneAt.push(ms);
      const left = timeLeft(doneAt, stale.length, batch ? threads : 1);
      out.write('\r\x1b[K');
      report(o, out, err, dirs.length === 1);
      out.write(`[${current.length + count}/${dirs.length}] ${failed} failed · ${seconds(ms)}${left === undefined ? '' : ` · ${formatLeft(left)}`}`);
    } else report(o, out, err);
  };
  // (on a terminal, a batch's summary counts them, and names only those with warnings to show)
  for (const o of current) report(o, out, err, !tty || dirs.length === 1 || o.warnings.length > 0);
  // More threads pay off from three cores: on two, the DOCX thread and the garbage collector
  // already use the second core, and two workers are slower than one at 1.7× the memory (README
  // "Speed"). Even one folder after another runs on a worker thread, for its bounded heap.
  // (more threads than cores share them, each with its fonts and heap: --jobs 64 on two cores took
  // 18.7 s and 3.2 GB where the default took 3.9 s, an edge audit — as many as the cores, said)
  const cores = availableParallelism();
  if (jobs !== undefined && jobs > cores && stale.length > cores) err.write(`note: --jobs ${jobs} is more than the ${cores} CPU core${cores > 1 ? 's' : ''} gongwen may use: ${cores} thread${cores > 1 ? 's are' : ' is'} used (more would share the cores, each holding its own fonts and memory)\n`);
  const threads = Math.min(jobs === undefined ? Math.max(1, cores - 1) : Math.min(jobs, cores), stale.length);
  // A batch stopped (Ctrl-C, or a signal the launcher passes on) says how far it got: each report's
  // outputs are written all or none, so those built are whole (a newcomer's SIGTERM printed nothing)
  // (and a worker placing a report's outputs is waited for: never a new PDF beside no DOCX, io/placing.ts)
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return; // (a terminal's Ctrl-C reaches the batch process twice: from the launcher too)
    stopping = true;
    haltPlacements();
    // (a report a worker placed while the batch was stopping, its outcome not yet here, counts: a review)
    const unsaid = batch ? Math.max(0, placedCount() - builtSeen) : 0;
    // (one folder stopped before its outcome came in: its outputs were not placed — they are placed
    // in the task whose outcome follows in a microtask, before a signal's listener can run; it had
    // ended without a word, where a batch says how far it got, an edge audit)
    if (dirs.length === 1 && !finished) out.write(`${tty ? '\n' : ''}stopped (${signal}) before ${dirs[0]} was built: its earlier outputs stay as they were\n`);
    if (dirs.length > 1) out.write(`${tty ? '\n' : ''}stopped (${signal}) after ${current.length + finished + unsaid} of ${dirs.length} reports: those built are whole, the others not built; ${values.force ? 'the same command without --force builds the rest (those up to date are not built again; with --force, all of them again)' : 'the same command again builds the rest (those up to date are not built again)'}\n`);
    // ended by the signal itself, as without this handler (a shell's loop stops at a Ctrl-C)
    for (const s of signals) process.off(s, stop);
    process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  // (one folder too, silently: its outputs are placed on this thread in one synchronous task, and
  // a listener runs only between tasks, where without one the signal ended the process mid-placement)
  if (stale.length) for (const s of signals) process.on(s, stop);
  const result: BatchResult = await (!stale.length ? Promise.resolve({ outcomes: [], ms: 0 })
    : batch ? buildBatch(stale, config.fonts, settings, progress, threads, early)
      : buildInProcess(stale, config.fonts, settings, progress, docx, () => stopping).finally(() => docx?.close()))
    // (a signal that came while the last outputs were placed is heard before its listener goes:
    // it was lost, and the build exited 0 after a Ctrl-C, a bad-input audit)
    .finally(async () => {
      if (stale.length) await signalsHeard();
      for (const s of signals) process.off(s, stop);
    });
  if (tty && stale.length) out.write('\n');
  if (result.internalError) throw new Error(result.internalError);
  const failures = result.outcomes.filter((o) => !o.ok);
  const built = result.outcomes.length - failures.length;
  const took = seconds(performance.now() - started);
  // (and how many of those built have warnings: a report with 【待填写】 left in it was a plain
  // line among the built, a CLI audit)
  if (dirs.length > 1 && current.length === dirs.length) out.write(`all ${dirs.length} reports up to date, none built (${took}; --force builds them)\n`);
  else if (dirs.length > 1) out.write(`built ${built} of ${dirs.length} reports in ${took}` +
    `${warnedOf(result.outcomes)}` +
    `${current.length ? `; ${current.length} up to date` : ''}` +
    `${keptOf(result.outcomes)}` +
    `${failures.length ? `; ${failures.length} failed: ${failures.map((f) => f.dir).join(', ')}` : ''}\n`);
  // each failure's first error under the summary, with its file and line: in a batch of a hundred
  // the errors themselves scrolled away above (all of them are on stderr)
  // and the outputs an earlier build left for it, which are not this build's (a
  // newcomer: an office that uploads output/*.pdf would publish the old figures)
  if (dirs.length > 1) {
    for (const f of failures) {
      if (f.ok) continue;
      const old = earlierOutputs(f.dir, settings);
      out.write(`  ${f.dir}: ${firstError(f.error)}\n${old ? `    ${old}: left by an earlier build, not by this one\n` : ''}`);
    }
  }
  err.write(provisionalNote(result.outcomes.flatMap((o) => (o.ok && o.provisional ? [{ dir: o.dir, ...o.provisional }] : []))));
  // (one folder: nothing was written — the outputs of an earlier build, if any, are as they were)
  if (dirs.length === 1 && failures.length) {
    const old = earlierOutputs(failures[0]!.dir, settings);
    out.write(`${failures[0]!.dir}: not built (see above); nothing was written${old ? `, and ${old}, from an earlier build, stay${old.includes(' and ') ? '' : 's'} as ${old.includes(' and ') ? 'they were' : 'it was'}` : ''}\n`);
  }
  return failures.some((f) => !f.ok && f.internal) ? EXIT.internal : failures.length ? EXIT.input : EXIT.ok;
}

/** An outcome's first error line (its fix and the other errors are on stderr), with how many more. */
function firstError(error: string): string {
  const errors = error.split(/\n(?=\S)/);
  const first = errors[0]!.split('\n')[0]!;
  return errors.length > 1 ? `${first} (and ${errors.length - 1} more)` : first;
}

async function check(dirs: string[], values: Options, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const fonts = openFontSet(configFor(values).fonts);
  const provisional: { dir: string; form: string; rows: number }[] = [];
  const code = await eachDir(dirs, out, err, async (dir) => {
    const report = loadReport(dir);
    const findings = reviewReport(report, fonts, values['allow-missing-glyphs'], await newerWorkbookNews(report.dir, report.statistics));
    const warnings = findings.filter((f) => f.severity === 'warning');
    enforceFindings(findings, values.strict); // errors stop here, their warnings printed below them
    if (!values.strict) printFindings(err, warnings);
    out.write(`${dir}: ok${warnings.length ? ` (${warnings.length} warning${warnings.length > 1 ? 's' : ''})` : ''}\n`);
    const form = provisionalForm(report);
    if (form) provisional.push({ dir, ...form });
  });
  err.write(provisionalNote(provisional));
  return code;
}

const quietStreams = new WeakSet<NodeJS.WritableStream>();

/**
 * A reader that stops before the end (`gongwen check … | head`, a pager quit early) makes the
 * next write to its pipe fail with EPIPE, which Node reports as an 'error' event on the stream:
 * unhandled, it ended the run with a stack trace and exit code 1, also after every file had been
 * written. Nobody reads what is left to print, so the stream is left closed (Node destroys it on
 * the error: later writes go nowhere, without another event) and the run goes on to its own exit
 * code. --watch goes on building; a batch's worker threads print nothing themselves. Other write
 * errors stay errors. Once per stream: main may run more than once in a process (tests).
 */
function ignoreClosedReader(stream: NodeJS.WritableStream): void {
  if (quietStreams.has(stream)) return;
  quietStreams.add(stream);
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

/**
 * `early`: a batch worker thread already started (bin/gongwen.mjs, io/batch.ts `startBatchWorker`),
 * used by a batch and stopped otherwise.
 */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr,
  early?: Worker): Promise<number> {
  ignoreClosedReader(out);
  ignoreClosedReader(err);
  try {
    if (argv[0] === 'aggregate') {
      const { aggregateCommand } = await import('./aggregate.js');
      return await aggregateCommand(argv.slice(1), out, err);
    }
    if (argv[0] === 'new') {
      const { newCommand } = await import('./new-command.js');
      return await newCommand(argv.slice(1), out, err);
    }
    // (gongwen help, gongwen help build: the help, not "unknown command", an edge audit)
    if (argv[0] === 'help') return await main(argv[1] === 'new' || argv[1] === 'aggregate' ? [argv[1], '--help'] : argv[1] === undefined || argv[1] === 'build' || argv[1] === 'check' ? ['--help'] : [argv[1]], out, err);
    const { values, positionals } = parseCommandLine(argv);
    if (values.help) { out.write(HELP); return EXIT.ok; }
    if (values.version) { out.write(`gongwen ${version()}\n`); return EXIT.ok; }
    const [command, ...typed] = positionals;
    // a file a glob took along among the folders (units/说明.txt) is left out, with a note
    const { folders: given, skipped } = withoutStrayFiles(typed, (f) => basename(f) === 'report.md');
    for (const file of skipped) err.write(`note: ${file} left out: a file, not a report folder\n`);
    // a folder given twice (a shell glob and a name, say) is built once
    const dirs = given.filter((d, i) => given.findIndex((e) => resolve(e) === resolve(d)) === i);
    if (!command) { err.write(HELP); return EXIT.input; }
    if (command !== 'build' && command !== 'check') {
      const guess = closest(command, ['build', 'check', 'new', 'aggregate']);
      throw new UsageError(`unknown command "${command}" (${guess ? `did you mean ${guess}?` : 'try: gongwen build <report-dir>'})`);
    }
    if (!dirs.length) throw new UsageError(`${command} needs at least one report folder, e.g. gongwen ${command} content/shangqiu-2017`);
    // (check "$DIR" with DIR unset: "error: : no such folder", an edge audit)
    if (dirs.some((d) => !d.trim())) throw new UsageError(`${command} was given an empty folder name, "" (an unset variable in a script?): give each report folder by its name`);
    // --out= and --config= with nothing after the "=": not the default, which they would silently become
    const empty = (['out', 'format', 'jobs', 'config'] as const).find((k) => values[k] !== undefined && values[k]!.trim() === '');
    if (empty) throw new UsageError(`--${empty} needs a value`);
    if (command === 'check') {
      const buildOnly = (['out', 'format', 'pdfa', 'jobs', 'watch', 'force'] as const).filter((k) => values[k] !== undefined);
      if (buildOnly.length) throw new UsageError(`${buildOnly.map((k) => `--${k}`).join(', ')} belong${buildOnly.length > 1 ? '' : 's'} to build, not check`);
    }
    return command === 'build' ? await build(dirs, values, out, err, early) : await check(dirs, values, out, err);
  } catch (e) {
    if (isUsageError(e)) {
      err.write(`error: ${usageText(e as Error, OPTIONS, argv)}\nRun gongwen --help for usage.\n`);
      return EXIT.input;
    }
    if (isInputError(e)) {
      err.write(`error: ${(e as Error).message}\n`);
      return EXIT.input;
    }
    err.write(`internal error (please report): ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.internal;
  } finally {
    void early?.terminate(); // unused (or done with): it must not go on loading on the other core
  }
}
