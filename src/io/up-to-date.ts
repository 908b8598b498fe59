/**
 * Up-to-date builds: a report folder is not built again when nothing its outputs depend on has
 * changed since its last build into the same --out folder, and those outputs are still the files
 * that build wrote. `gongwen build --force` builds anyway; --watch skips such a folder at its
 * start, and a change that leaves its files as they were (a file saved unchanged).
 *
 * A successful build records, in <out>/.gongwen/<folder>.json, what it depended on, the size and
 * modification time of each file it wrote, and its warnings (printed again when it is skipped):
 *  - the report folder's path and files by name and fingerprint (CRC-32 and length, zlib's,
 *    native) — all but dot-files, editors' backups (name~) and .pdf/.docx (gongwen's own outputs
 *    when --out is the folder): the files --watch watches, so a file added or removed counts too;
 *  - the statistics file the report names, wherever it is (a subfolder, ../city/…), likewise;
 *  - the options (--format, --pdfa, --strict, --allow-missing-glyphs), gongwen's version (the
 *    Creator) and SOURCE_DATE_EPOCH;
 *  - every font file by path, size and modification time, and the font names the DOCX carries
 *    (io/fonts.ts fontStamp, taken when the fonts are opened);
 *  - gongwen itself by size and modification time: package.json, the compiled code (dist/), the
 *    table templates, the lock files of the installed libraries — what `npm install`, an
 *    upgrade or `npm run build` rewrite — and Node's version;
 *  - the working folder, when the build had warnings: they name files relative to it.
 * A folder that is built again is told why: the first of these that differs (`staleBecause`).
 *
 * Every part is taken before the build reads what it covers (gongwen's own files when a thread
 * first stamps), so a file changed during a build leaves a stale record and the next build
 * builds; and each output's size and time are those of the file this build wrote, taken before
 * it was renamed into place, so a concurrent build's output is not recorded as this one's. A
 * failed build writes no record; an older one then describes other inputs or outputs and does
 * not match. A record that cannot be read, or is not of this shape, is no record. The record is
 * removed while the outputs are replaced (dropRecord) and written after them, or put back where
 * they could not be replaced (putBackRecord): a build stopped between the two leaves none.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { namedStatistics, workbookAfter } from '../read/report.js';
import { sumRecordOf } from '../read/statistics.js';
import { readInputBytes, WORKBOOK_LIMIT } from '../read/text-file.js';
import { writeFileAtomic } from './files.js';
import { crc32 } from './crc32.js';
import { InputError } from '../model/errors.js';

/**
 * The files of a report folder that are its inputs (and that --watch watches): not hidden ones,
 * outputs, nor editors' and office programs' own files — a backup (report.md~, .bak), Emacs's
 * autosave (#report.md#), the lock Excel, WPS and Word keep beside a file they hold open
 * (~$statistics.xlsx), vim's swap files and its 4913 probe (newcomer: each rebuilt the report).
 */
export const isInputName = (name: string): boolean =>
  !(name.startsWith('.') || name.endsWith('~') || name.startsWith('~$') || /^#.*#$/.test(name) || name === '4913'
    || /\.(pdf|docx|bak|swp|swo|swx|tmp)$/i.test(name)
    // (the list of a kept draft's edits, io/build-one.ts, where --out is the report folder: a review)
    || /\.edited-\d{8}-\d{4}(?:-\d+)?\.txt$/.test(name));

const ROOT = new URL('../../', import.meta.url);
const encoder = new TextEncoder();
/**
 * A file's bytes as "length:crc32" (also a sum's record of its units' files, io/sum-units.ts):
 * CRC-32 (io/crc32.ts), where an MD5 in JavaScript took ≈ 0.5 ms a KB of a cold build. A change it
 * misses is one in 2³² — this guards against stale files, not forgery.
 */
export const fingerprint = (bytes: Uint8Array): string => `${bytes.length}:${crc32(bytes).toString(16).padStart(8, '0')}`;
const digest = (text: string): string => fingerprint(encoder.encode(text));
const sizeAndTime = (s: Stats): string => `${s.size}:${s.mtimeMs}`;

/** Each regular file under `dir` (recursively) whose name passes `keep`, as "relative path size:mtime". */
function listFiles(dir: string, keep: (name: string) => boolean, prefix = ''): string[] {
  const lines: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [`${prefix}: missing`];
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const s = statSync(file, { throwIfNoEntry: false });
    if (s?.isDirectory()) lines.push(...listFiles(file, keep, `${prefix}${name}/`));
    else if (s && keep(name)) lines.push(`${prefix}${name} ${sizeAndTime(s)}`);
  }
  return lines;
}

const stampOf = (file: string): string => {
  const s = statSync(file, { throwIfNoEntry: false });
  return `${file} ${s ? sizeAndTime(s) : 'missing'}`;
};

/**
 * gongwen's own files under `root` and the installed libraries, by size and time. A registry
 * install gives every file the same time (npm's), so the version (package.json, and the Creator
 * in the settings) is what an upgrade changes there.
 */
export function toolStampOf(root: URL): string {
  const at = (p: string) => fileURLToPath(new URL(p, root));
  const dir = at('.');
  // installed as a dependency: the libraries are beside gongwen, in the project's node_modules
  const beside = path.basename(path.dirname(dir)) === 'node_modules' ? [stampOf(path.join(path.dirname(dir), '.package-lock.json'))] : [];
  return digest([
    process.version,
    ...['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'node_modules/.package-lock.json'].map((f) => stampOf(at(f))),
    ...beside,
    ...listFiles(at('dist'), (n) => n.endsWith('.js')),
    ...listFiles(at('templates'), (n) => n.endsWith('.yaml')),
  ].join('\n'));
}

let tool: string | undefined;
/** This gongwen's (once per process). */
const toolStamp = (): string => (tool ??= toolStampOf(ROOT));

/** What the build's outputs depend on besides the report's own files and the fonts. */
export interface StampSettings {
  formats: readonly string[];
  pdfa: boolean;
  strict: boolean;
  allowMissingGlyphs: boolean;
  creator: string;
}

/** Everything but the report's own files: the same for all folders of one command. */
export interface SettingsStamp {
  tool: string;
  /** The options by name, as the reason for a build names them. */
  options: Record<string, string | boolean | null>;
  fonts: string;
  cwd: string;
}

/** `fonts`: io/fonts.ts fontStamp. */
export function settingsStamp(s: StampSettings, fonts: string, env: NodeJS.ProcessEnv = process.env): SettingsStamp {
  return {
    tool: toolStamp(),
    // as they change an output: the formats as a set; PDF/A only for a PDF; an empty
    // SOURCE_DATE_EPOCH is none (io/clock.ts)
    options: {
      '--format': [...new Set(s.formats)].sort().join(','),
      'PDF/A (--pdfa, or pdfa: in gongwen.yaml)': s.formats.includes('pdf') ? s.pdfa : null,
      '--strict': s.strict,
      '--allow-missing-glyphs': s.allowMissingGlyphs,
      "gongwen's version": s.creator,
      SOURCE_DATE_EPOCH: env.SOURCE_DATE_EPOCH || null,
    },
    fonts: digest(fonts),
    cwd: process.cwd(),
  };
}

/** A report's own inputs: its folder, and each input file by name (the statistics file by its path) and fingerprint. */
export interface FolderInputs {
  folder: string;
  files: Record<string, string>;
}

export function folderInputs(dir: string): FolderInputs {
  const files: Record<string, string> = {};
  // (each file read once: its bytes, kept for the statistics file and a sum's units, whose record
  // names further inputs)
  const read = new Map<string, Buffer>();
  const add = (name: string, file: string): Buffer | undefined => {
    try {
      // (a file larger than any input gongwen reads — a scan of 1 GB kept beside report.md — by its
      // size and time: it was read whole on every build, 1 GB of memory, an edge audit)
      const large = statSync(file, { throwIfNoEntry: false });
      if (large?.isFile() && large.size > WORKBOOK_LIMIT) {
        files[name] = `large:${sizeAndTime(large)}`;
        return undefined;
      }
      // (a device or a pipe, statistics: /dev/zero, is never read: the build reports it, adversarial audit)
      const bytes = readInputBytes(file);
      read.set(path.resolve(file), bytes);
      files[name] = fingerprint(bytes);
      return bytes;
    } catch {
      files[name] = 'unreadable';
      return undefined;
    }
  };
  let names: string[] = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    // no folder: no files (the build says so)
  }
  for (const name of names) {
    // (a link round in a circle, a file not to be looked at: unreadable, which the build then reports)
    let isFile: boolean | undefined;
    try {
      isFile = statSync(path.join(dir, name), { throwIfNoEntry: false })?.isFile();
    } catch {
      isFile = true;
    }
    if (isInputName(name) && isFile) add(name, path.join(dir, name));
  }
  // wherever it is: a subfolder's is not among the files above, an outside one neither (one of
  // the files above is not read again)
  const stats = namedStatistics(dir);
  const listed = stats !== undefined && path.dirname(path.resolve(stats)) === path.resolve(dir) && path.basename(stats) in files;
  const statsBytes = stats === undefined ? undefined : listed ? read.get(path.resolve(stats)) : add(`statistics file ${path.relative(dir, stats) || stats}`, stats);
  // a sum's units too (gongwen aggregate records their files): a unit corrected since makes the
  // report's warning (io/sum-units.ts), so it is built again
  if (stats !== undefined && statsBytes) {
    // (and, for a unit that is a sum itself, its units: a county under a province's sum of cities)
    const top = path.dirname(path.resolve(stats));
    const addUnits = (sum: string, bytes: Buffer, depth: number) => {
      for (const file of unitPathsOf(sum, bytes)) {
        // (one moved away: gone, as the reason then says, not changed, review)
        if (!existsSync(file)) continue;
        const unit = add(`unit of the sum ${path.relative(top, file).split(path.sep).join('/')}`, file);
        if (unit && depth < 4) addUnits(file, unit, depth + 1);
        // (and whether a workbook was saved after a unit's YAML: one sent since and not converted
        // makes the sum's warning, io/sum-units.ts, a city's trial — its name, not its time, which a
        // copy of the folder changes, a review)
        const sent = workbookAfter(path.dirname(file), file);
        if (sent) files[`unit's workbook saved after ${path.relative(top, file).split(path.sep).join('/')}`] = path.basename(sent);
      }
    };
    addUnits(stats, statsBytes, 0);
  }
  // the folder itself too: a copy elsewhere has the same outputs, but its warnings name it
  return { folder: path.resolve(dir), files };
}

/** The unit files, in full, that the sum `sum` records, from its bytes: none where it holds no record. */
const unitPathsOf = (sum: string, bytes: Buffer): string[] =>
  (sumRecordOf(bytes.toString('utf8'))?.files ?? []).map(([relative]) => path.resolve(path.dirname(path.resolve(sum)), relative));

/** The unit files, in full, that the sum `stats` records (a statistics file gongwen aggregate wrote), or none. */
export function sumUnitPaths(stats: string): string[] {
  try {
    return unitPathsOf(stats, readInputBytes(stats));
  } catch {
    return [];
  }
}

/** An output file; `written`: its size and time as this build wrote it (io/files.ts writeFileAtomic). */
export interface OutputFile { file: string; bytes: number }
export interface WrittenFile extends OutputFile { written: { size: number; mtimeMs: number }; crc?: number }

const RECORD_VERSION = 2;

/** Output files by name (in the --out folder, wherever it was named from), size and time. */
export interface BuildRecord extends SettingsStamp, FolderInputs {
  version: typeof RECORD_VERSION;
  outputs: OutputStamp[];
  /**
   * Outputs an earlier build wrote that this one did not (a DOCX beside a `--format pdf` build),
   * as that build recorded them: still gongwen's own until they change, so that a reviewer's
   * edits to one are kept (editedOutputs) whichever formats the builds in between made. Not part
   * of the build's being up to date.
   */
  earlier?: OutputStamp[];
  warnings: string[];
  /** The --out it was written into, in full: a working folder copied whole, outputs and records along, is told by it (io/build-one.ts). */
  outDir?: string;
}
/** `crc`: the CRC-32 of the bytes written, so that a copy or a touched file (another time, the same bytes) is no edit. */
interface OutputStamp { name: string; bytes: number; mtimeMs: number; crc?: number }

const isStamp = (f: unknown): f is OutputStamp => isObject(f) && isText(f.name) && f.name === path.basename(f.name)
  && typeof f.bytes === 'number' && typeof f.mtimeMs === 'number' && (f.crc === undefined || typeof f.crc === 'number');

const isText = (x: unknown): x is string => typeof x === 'string';
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isRecord = (r: unknown): r is BuildRecord => {
  if (!isObject(r) || r.version !== RECORD_VERSION || !isText(r.tool) || !isText(r.fonts) || !isText(r.cwd) || !isText(r.folder)) return false;
  if (!isObject(r.options) || !isObject(r.files) || !Object.values(r.files).every(isText)) return false;
  if (!Array.isArray(r.warnings) || !r.warnings.every(isText) || !Array.isArray(r.outputs) || !r.outputs.length) return false;
  if (r.earlier !== undefined && !(Array.isArray(r.earlier) && r.earlier.every(isStamp))) return false;
  if (r.outDir !== undefined && !isText(r.outDir)) return false;
  return r.outputs.every(isStamp);
};

/** The record of `dir`'s last build into `outDir`, if there is one of this shape. */
export function readRecord(outDir: string, dir: string): BuildRecord | undefined {
  try {
    const record: unknown = JSON.parse(readFileSync(recordFile(outDir, dir), 'utf8'));
    return isRecord(record) ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The record of `dir`'s last build into `outDir` removed, just before its outputs are replaced:
 * a build stopped between replacing them and recording them (killed, or a record that cannot be
 * written) then leaves no record, not one that disowns the new outputs as a reviewer's edits
 * (failure audit). False where it is there and cannot be removed. `putBackRecord` restores it
 * where the outputs were not replaced.
 */
export function dropRecord(outDir: string, dir: string): boolean {
  try {
    // (Windows: a scanner or indexer holding the file for a moment, EPERM or EBUSY, is waited out)
    rmSync(recordFile(outDir, dir), { force: true, ...(process.platform === 'win32' ? { recursive: true, maxRetries: 3, retryDelay: 20 } : {}) });
    return true;
  } catch {
    return false;
  }
}
export function putBackRecord(outDir: string, dir: string, record: BuildRecord): void {
  try {
    writeFileAtomic(recordFile(outDir, dir), encoder.encode(`${JSON.stringify(record, null, 1)}\n`));
  } catch {
    // (the next build builds again: the record only saves a build)
  }
}

/** Where the record of `dir`'s build into `outDir` is kept. */
export const recordFile = (outDir: string, dir: string): string =>
  path.join(outDir, '.gongwen', `${path.basename(path.resolve(dir))}.json`);

/**
 * After a successful build: what it depended on (taken before it) and what it wrote; `before`,
 * the record it found (readRecord, read once a build). A record that cannot be written costs
 * only the next build's skip: the problem is returned as a warning.
 */
export function writeRecord(outDir: string, dir: string, settings: SettingsStamp, inputs: FolderInputs,
  files: WrittenFile[], warnings: string[], before: BuildRecord | undefined): string | undefined {
  const outputs = files.map((f) => ({ name: path.basename(f.file), bytes: f.written.size, mtimeMs: f.written.mtimeMs, ...(f.crc !== undefined ? { crc: f.crc } : {}) }));
  // the earlier builds' outputs this one did not write and that are still there, as they wrote
  // them (one edited since stays edited: the next build of its format keeps it aside)
  const earlier = [...(before?.outputs ?? []), ...(before?.earlier ?? [])].filter((f) => !outputs.some((o) => o.name === f.name) && changed(outDir, f) !== 'gone');
  const record: BuildRecord = {
    version: RECORD_VERSION,
    ...settings,
    ...inputs,
    outputs,
    ...(earlier.length ? { earlier } : {}),
    warnings,
    outDir: path.resolve(outDir),
  };
  const file = recordFile(outDir, dir);
  try {
    writeFileAtomic(file, encoder.encode(`${JSON.stringify(record, null, 1)}\n`));
    return undefined;
  } catch (e) {
    // (what is wrong, without the file named a second time)
    const why = e instanceof InputError ? e.problem.replace(/^cannot be written: /, '') : (e as Error).message.split('\n')[0];
    return `warning: ${file}: the record of this build cannot be written (${why}), so the next build builds it again\n  fix: remove what is in the way, or give --out a folder you can write to`;
  }
}

/**
 * Why a record no longer describes the build `settings` and `inputs` would make: the first
 * difference, in words; undefined if none. `outputs`: the outputs' names in --out, for the words.
 */
function staleBecause(r: BuildRecord, settings: SettingsStamp, inputs: FolderInputs, outputs: string): string | undefined {
  // (in the order README "Command line" lists them: the author's own edits first, which the
  // author most wants to see named where an option changed as well)
  if (r.folder !== inputs.folder) return `${outputs} were last built from ${r.folder}`;
  for (const [name, value] of Object.entries(inputs.files)) {
    if (!(name in r.files)) return `${name} is new`;
    if (r.files[name] !== value) return `${name} changed`;
  }
  for (const name of Object.keys(r.files)) {
    if (!(name in inputs.files)) return `${name} is gone`;
  }
  for (const [name, value] of Object.entries(settings.options)) {
    if (r.options[name] !== value) return `${name} changed`;
  }
  if (r.fonts !== settings.fonts) return 'a font file or font name changed';
  if (r.tool !== settings.tool) return 'gongwen, its libraries or Node changed';
  if (r.warnings.length && r.cwd !== settings.cwd) return 'run from another folder (its warnings name files relative to it)';
  return undefined;
}

/**
 * The outputs the last build into `outDir` (its `record`, readRecord) wrote that are there but no
 * longer the files it wrote: a reviewer's edits to the Word draft, saved in place. Of `names`
 * (this build's outputs) no record knows, the drafts an office program saved.
 */
export function editedOutputs(outDir: string, record: BuildRecord | undefined, names: readonly string[] = []): string[] {
  const known = record ? [...record.outputs, ...(record.earlier ?? [])] : [];
  const edited = known.filter((f) => changed(outDir, f) === 'edited').map((f) => path.join(outDir, f.name));
  // a Word draft no record knows (its record deleted, or built elsewhere) that an office program
  // saved: gongwen leaves docProps/app.xml without an <Application>, Word, WPS and LibreOffice name themselves
  // (and a PDF another program saved: an annotation saved onto it, review)
  const unknown = names.filter((name) => !known.some((f) => f.name === name)
    && (name.endsWith('.docx') ? savedByOffice(path.join(outDir, name)) : name.endsWith('.pdf') && pdfSavedByAnother(path.join(outDir, name))));
  return [...edited, ...unknown.map((name) => path.join(outDir, name))];
}

/**
 * A PDF that is not as gongwen writes one: gongwen's has one end (`%%EOF`, last) and names itself
 * as its producer, `(gongwen …)`; a viewer that saves an annotation adds an update with an end of
 * its own, and a program that saves the file anew names itself.
 */
function pdfSavedByAnother(file: string): boolean {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return false; // (not there, or not readable: nothing of a reviewer's to keep)
  }
  const end = bytes.lastIndexOf('%%EOF');
  if (end < 0 || bytes.indexOf('%%EOF') !== end || bytes.subarray(end + 5).toString('latin1').trim() !== '') return true;
  // the producer as written, `/Producer (…)`, or as gongwen writes it, in an object of its own
  // (`/Producer 60 0 R`: the Creator's, also gongwen's, is no sign: review)
  const at = bytes.lastIndexOf('/Producer');
  if (at < 0) return true;
  const after = bytes.subarray(at, at + 64).toString('latin1');
  const ref = /^\/Producer\s+(\d+)\s+0\s+R/.exec(after);
  if (!ref) return !/^\/Producer\s*\(gongwen /.test(after);
  const object = bytes.lastIndexOf(`\n${ref[1]} 0 obj`);
  return object < 0 || !/^\n\d+ 0 obj\s*\(gongwen /.test(bytes.subarray(object, object + 64).toString('latin1'));
}

/** A DOCX whose docProps/app.xml names the program that saved it (not gongwen, which names none). */
function savedByOffice(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    // (loaded here, on this rare path, not by every build)
    const { unzipSync } = createRequire(import.meta.url)('fflate') as typeof import('fflate');
    const parts = unzipSync(readFileSync(file), { filter: (f) => f.name === 'docProps/app.xml' });
    const app = parts['docProps/app.xml'];
    return app !== undefined && /<Application>\s*[^<\s]/.test(new TextDecoder().decode(app));
  } catch {
    return false; // not a package: nothing of a reviewer's to keep
  }
}

/**
 * How output `f` of a record differs from the file in `outDir` now: 'edited', 'gone', or not at
 * all. Another time with the same size is read and compared by CRC-32 where the record has one:
 * a copy of the out folder, a restore or `touch` leave the bytes as gongwen wrote them.
 */
function changed(outDir: string, f: OutputStamp): 'edited' | 'gone' | undefined {
  const file = path.join(outDir, f.name);
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile()) return 'gone';
  if (st.size !== f.bytes) return 'edited';
  if (st.mtimeMs === f.mtimeMs) return undefined;
  if (f.crc === undefined) return 'edited';
  try {
    return crc32(readFileSync(file)) === f.crc ? undefined : 'edited';
  } catch {
    return 'edited';
  }
}

export type RecordCheck =
  | { current: true; files: OutputFile[]; warnings: string[] }
  | { current: false; why: string };

/**
 * Whether the last build of `dir` into `outDir` is current: there is a record, it describes the
 * build `dir`'s inputs now would make under `settings`, and each file it wrote is there with its
 * size and time, or its size and bytes (CRC-32). Undefined when there is no record.
 */
export function checkRecord(outDir: string, dir: string, settings: SettingsStamp): RecordCheck | undefined {
  const file = recordFile(outDir, dir);
  if (!existsSync(file)) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    record = undefined;
  }
  if (isObject(record) && typeof record.version === 'number' && record.version !== RECORD_VERSION) {
    return { current: false, why: `its record ${file} was written by another version of gongwen` };
  }
  if (!isRecord(record)) return { current: false, why: `its record ${file} cannot be read` };
  const why = staleBecause(record, settings, folderInputs(dir), path.join(outDir, `${path.basename(path.resolve(dir))}.*`));
  if (why) return { current: false, why };
  const files: OutputFile[] = [];
  for (const f of record.outputs) {
    const output = path.join(outDir, f.name);
    // (another time, the same bytes: the out folder copied, restored or touched — current, audit)
    const how = changed(outDir, f);
    if (how) return { current: false, why: how === 'gone' ? `${output} is gone` : `${output} was changed after it was written` };
    files.push({ file: output, bytes: f.bytes });
  }
  return { current: true, files, warnings: record.warnings };
}
