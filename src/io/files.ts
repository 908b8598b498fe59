/**
 * Output files are written atomically: to a temporary file in the same folder, then renamed
 * into place, so a build that fails or is killed never leaves a partial file under the real
 * name and an older output stays as it was. A temporary file left by a killed build is removed
 * by the next process that writes into that folder.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { InputError } from '../model/errors.js';

/** `.<name>.<pid>.gongwen-tmp`, or `.<name>.<pid>-<thread>.gongwen-tmp` from a worker thread. */
const TMP = /^\.(.+)\.(\d+)(?:-\d+)?\.gongwen-tmp$/;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Remove temporary files of processes that no longer run: once per folder and process, at its
 * first write there. Listing the folder at every write cost a batch of 1,000 units ≈ 1.2 s on
 * its PDF thread (3,000 writes into folders growing to 2,000 and 1,000 files).
 */
const swept = new Set<string>();
function removeStale(dir: string): void {
  if (swept.has(dir)) return;
  swept.add(dir);
  for (const name of readdirSync(dir)) {
    const m = TMP.exec(name);
    if (m && Number(m[2]) !== process.pid && !alive(Number(m[2]))) rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * The temporary name a process's thread writes `file` under: threads of one process may write the
 * same file (the code cache, io/code-cache.ts), and must not write into each other's temporary file.
 */
export const tempNameFor = (file: string, pid = process.pid, thread = threadId): string =>
  // (a name as long as the file system allows would be too long with the additions: it is cut, a
  // thread writes one file at a time)
  path.join(path.dirname(file), `.${path.basename(file).slice(0, 64)}.${pid}${thread ? `-${thread}` : ''}.gongwen-tmp`);

/** Returns the written file's size and modification time, taken before it is renamed into place (another process may replace it after). */
export function writeFileAtomic(file: string, data: Uint8Array): { size: number; mtimeMs: number } {
  const dir = path.dirname(file);
  const missing: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(d)) {
      if (!statSync(d).isDirectory()) throw new InputError({ file: d }, 'is a file, not a folder, so the output cannot be written there', 'give --out a folder (it is created if missing)');
      break;
    }
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  // one level at a time: Node's recursive mkdir retries for ever where a folder cannot be made
  // in a folder that exists (/proc/x)
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new InputError({ file: d }, `the output folder cannot be created (${code ?? (e as Error).message})`, 'give --out a folder you can write to (it is created if missing)');
    }
  }
  removeStale(dir);
  const tmp = tempNameFor(file);
  try {
    writeFileSync(tmp, data);
    const { size, mtimeMs } = statSync(tmp);
    renameSync(tmp, file);
    return { size, mtimeMs };
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // (what kept the file from being written may keep it from being removed: the error says it)
    }
    throw cannotWrite(file, e);
  }
}

/** What the file system says when it refuses a write, and what to do: the user's to fix (exit 2), not a bug. */
const REFUSALS: Record<string, [string, string]> = {
  EISDIR: ['a folder of that name is in the way', 'remove or rename that folder, or give --out another folder'],
  ENOTDIR: ['part of its path is a file, not a folder', 'give --out a folder'],
  EACCES: ['no permission to write there', 'give --out a folder you can write to'],
  EPERM: ['not permitted (is the file open in another program?)', 'close it, or give --out a folder you can write to'],
  EBUSY: ['the file is in use (open in another program?)', 'close it and run again'],
  EROFS: ['the disk is read-only', 'give --out a folder on a disk you can write to'],
  ENOSPC: ['the disk is full', 'free some space and run again'],
  EDQUOT: ['the disk quota is used up', 'free some space and run again'],
  ENAMETOOLONG: ['its name is too long for the file system', 'give the report folder a shorter name (its outputs are named after it), or --out a shorter path'],
};
/**
 * Before a set of outputs is written: a folder where one of them goes is reported at once, so
 * that none is replaced (a PDF new beside a DOCX left old, when the second found a folder in its
 * place).
 */
export function checkWritable(files: readonly string[]): void {
  for (const file of files) {
    let folder = false;
    try {
      folder = statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch {
      // (a path through a file, or one not to be read: the write says what is wrong)
    }
    if (folder) {
      const [why, fix] = REFUSALS.EISDIR!;
      throw new InputError({ file }, `cannot be written: ${why} (EISDIR)`, fix);
    }
  }
}

function cannotWrite(file: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const refusal = REFUSALS[code];
  return refusal ? new InputError({ file }, `cannot be written: ${refusal[0]} (${code})`, refusal[1]) : e;
}
