/**
 * Up-to-date builds: a report folder is not built again when nothing its outputs depend on has
 * changed since its last build into the same --out folder, and those outputs are still the files
 * that build wrote. `gongwen build --force` builds anyway; --watch skips such a folder only at its
 * start, and builds on every change.
 *
 * A successful build records, in <out>/.gongwen/<folder>.json, a stamp of its inputs, the size and
 * modification time of each file it wrote, and its warnings (printed again when it is skipped).
 * The stamp is a fingerprint (CRC-32 and length, zlib's, native) of:
 *  - the report folder's path and files by name and bytes — all but dot-files, editors' backups
 *    (name~) and .pdf/.docx (gongwen's own outputs when --out is the folder): the files --watch
 *    watches, so a file added to or removed from the folder counts too;
 *  - the statistics file the report names, wherever it is (a subfolder, ../city/…), by its bytes;
 *  - the build's settings (formats, --pdfa, --strict, --allow-missing-glyphs, the Creator, which
 *    carries gongwen's version), SOURCE_DATE_EPOCH, and the working folder (the warnings name
 *    files relative to it, and a skipped build prints its recorded warnings);
 *  - every font file by path, size and modification time, and the font names the DOCX carries
 *    (io/fonts.ts fontStamp, taken when the fonts are opened);
 *  - gongwen itself by size and modification time: package.json, the compiled code (dist/), the
 *    table templates, npm's lock files (the installed libraries) — what `npm install`, an upgrade
 *    or `npm run build` rewrite — and Node's version.
 * Every part is taken before the build reads what it covers (gongwen's own files when a thread
 * first stamps), so a file changed during a build leaves a stale record and the next build
 * builds; and each output's size and time are those of the file this build wrote, taken before
 * it was renamed into place, so a concurrent build's output is not recorded as this one's. A
 * failed build writes no record; an older one then describes other inputs or outputs and does
 * not match. A record that cannot be read, or is not of this shape, is no record.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import { namedStatistics } from '../read/report.js';
import { writeFileAtomic } from './files.js';
import { md5 } from './md5.js';

/** The files of a report folder that are its inputs (and that --watch watches). */
export const isInputName = (name: string): boolean =>
  !(name.startsWith('.') || name.endsWith('~') || /\.(pdf|docx)$/i.test(name));

const ROOT = new URL('../../', import.meta.url);
const encoder = new TextEncoder();
const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
/**
 * Length and CRC-32 of `bytes`: native, where an MD5 in JavaScript took ≈ 0.5 ms a KB of a cold
 * build. A change it misses is one in 2³² — this guards against stale files, not forgery.
 * Node before 20.15 has no zlib.crc32: MD5 (io/md5.ts) then.
 */
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
const fingerprint = (bytes: Uint8Array): string =>
  `${bytes.length}:${crc32 ? crc32(bytes).toString(16).padStart(8, '0') : hex(md5(bytes))}`;
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

/** The stamp of everything but the report's own files (`fonts`: io/fonts.ts fontStamp): the same for all folders of one command. */
export function settingsStamp(s: StampSettings, fonts: string, env: NodeJS.ProcessEnv = process.env): string {
  return digest([
    toolStamp(),
    JSON.stringify([s.formats, s.pdfa, s.strict, s.allowMissingGlyphs, s.creator, env.SOURCE_DATE_EPOCH ?? null, process.cwd()]),
    fonts,
  ].join('\n'));
}

/** The report's own inputs, by name and fingerprint: its folder's files and the statistics file it names. */
export function folderInputs(dir: string): string {
  // the folder itself too: a copy elsewhere has the same outputs, but its warnings name it
  const parts: string[] = [path.resolve(dir)];
  const add = (name: string, file: string) => {
    try {
      parts.push(`${name} ${fingerprint(readFileSync(file))}`);
    } catch {
      parts.push(`${name} unreadable`);
    }
  };
  let names: string[] = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    parts.push('no folder');
  }
  for (const name of names) {
    if (isInputName(name) && statSync(path.join(dir, name), { throwIfNoEntry: false })?.isFile()) add(name, path.join(dir, name));
  }
  // wherever it is: a subfolder's is not among the files above, an outside one neither
  const stats = namedStatistics(dir);
  if (stats !== undefined) add(`statistics ${path.resolve(stats)}`, stats);
  return parts.join('\n');
}

/** The stamp of one folder's build: its inputs (folderInputs) under these settings and fonts (settingsStamp). */
export const buildStamp = (inputs: string, settings: string): string => digest(`${settings}\n${inputs}`);

/** An output file; `written`: its size and time as this build wrote it (io/files.ts writeFileAtomic). */
export interface OutputFile { file: string; bytes: number }
export interface WrittenFile extends OutputFile { written: { size: number; mtimeMs: number } }

/** Output files by name (in the --out folder, wherever it was named from), size and time. */
interface BuildRecord {
  stamp: string;
  files: { name: string; bytes: number; mtimeMs: number }[];
  warnings: string[];
}

const isRecord = (r: unknown): r is BuildRecord => {
  const x = r as Partial<BuildRecord> | null;
  return typeof x === 'object' && x !== null && typeof x.stamp === 'string' && Array.isArray(x.files) && x.files.length > 0
    && x.files.every((f) => typeof f === 'object' && f !== null && typeof f.name === 'string' && f.name === path.basename(f.name)
      && typeof f.bytes === 'number' && typeof f.mtimeMs === 'number')
    && Array.isArray(x.warnings) && x.warnings.every((w) => typeof w === 'string');
};

/** Where the record of `dir`'s build into `outDir` is kept. */
export const recordFile = (outDir: string, dir: string): string =>
  path.join(outDir, '.gongwen', `${path.basename(path.resolve(dir))}.json`);

/**
 * After a successful build: what it read (`stamp`, taken before it) and what it wrote. A record
 * that cannot be written costs only the next build's skip: the problem is returned as a warning.
 */
export function writeRecord(outDir: string, dir: string, stamp: string, files: WrittenFile[], warnings: string[]): string | undefined {
  const record: BuildRecord = {
    stamp,
    files: files.map((f) => ({ name: path.basename(f.file), bytes: f.written.size, mtimeMs: f.written.mtimeMs })),
    warnings,
  };
  const file = recordFile(outDir, dir);
  try {
    writeFileAtomic(file, encoder.encode(`${JSON.stringify(record, null, 1)}\n`));
    return undefined;
  } catch (e) {
    return `warning: ${file}: the record of this build cannot be written (${(e as Error).message.split('\n')[0]}), so the next build builds it again\n  fix: remove what is in the way, or give --out a folder you can write to`;
  }
}

/**
 * The last build's outputs and warnings when they are still current: there is a record, its stamp
 * is that of `dir`'s inputs now under `settings` (settingsStamp), and each file it wrote is there
 * with its size and time. Else undefined.
 */
export function currentOutputs(outDir: string, dir: string, settings: string): { files: OutputFile[]; warnings: string[] } | undefined {
  const file = recordFile(outDir, dir);
  if (!existsSync(file)) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(record) || record.stamp !== buildStamp(folderInputs(dir), settings)) return undefined;
  const files: OutputFile[] = [];
  for (const f of record.files) {
    const output = path.join(outDir, f.name);
    const st = statSync(output, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size !== f.bytes || st.mtimeMs !== f.mtimeMs) return undefined;
    files.push({ file: output, bytes: f.bytes });
  }
  return { files, warnings: record.warnings };
}
