/**
 * Output files are written atomically: to a temporary file in the same folder, then renamed
 * into place, so a build that fails or is killed never leaves a partial file under the real
 * name and an older output stays as it was. A temporary file left by a killed build is removed
 * by the next process that writes into that folder.
 */
import { Halted } from './placing.js';
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { InputError } from '../model/errors.js';

/**
 * `.<name>.<pid>.gongwen-tmp`, or `.<name>.<pid>-<thread>.gongwen-tmp` from a worker thread: a file
 * being written. `.gongwen-old`: an earlier output moved aside while a set of outputs replaces it.
 * `-cut`: the name in it is cut (shortName), so the file it was cannot be told.
 */
const TMP = /^\.(.+)\.(\d+(?:-\d+)?)\.gongwen-(tmp|old)(-cut)?$/;

/**
 * Whether process `pid` runs (a zombie, dead and not yet reaped by its parent, does not). `started`:
 * the start it had when it wrote the file (processStat, in a lock): a process of that pid with
 * another start is another program, given the pid again after the gongwen that wrote the file
 * died (a container's restart starts its pids again: a lock naming a `sleep` was waited on, then
 * said to be another gongwen's: failure audit). Compared by identity, not by the file's times,
 * which a file server's clock or a FAT disk's two-second times could put before the writer's start
 * (review). Off Linux, or where /proc cannot be read, a running process may be the writer.
 */
const alive = (pid: number, started?: string): boolean => {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processStat(pid);
  if (now?.state === 'Z') return false;
  return started === undefined || now === undefined || now.start === started;
};

/** This process's start (processStat), read at its first lock: '' off Linux. */
let ownStart: string | undefined;

/**
 * Process `pid`'s state and start (clock ticks since boot, as text), from /proc/<pid>/stat;
 * undefined off Linux or where it cannot be read. (The fields after the command's last ") ": a
 * command may hold one. The state is the first, the start the 20th, field 22 of the line.)
 */
function processStat(pid: number): { state: string; start: string } | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const line = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = line.slice(line.lastIndexOf(') ') + 2).split(' ');
    return fields[19] ? { state: fields[0]!, start: fields[19] } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Remove temporary files of processes that no longer run: once per folder and process, at its
 * first write there. Listing the folder at every write cost a batch of 1,000 units ≈ 1.2 s on
 * its PDF thread (3,000 writes into folders growing to 2,000 and 1,000 files). An earlier output
 * a killed process had moved aside is put back where nothing has taken its place.
 */
const swept = new Set<string>();
/** The sweep below, before a build looks at the outputs in `dir` (once per folder and process, as at the first write). */
export const sweepFolder = (dir: string): void => removeStale(dir);
function removeStale(dir: string): void {
  if (swept.has(dir)) return;
  swept.add(dir);
  // a dead process's earlier outputs moved aside, by set (the process and thread, and the outputs' stem)
  const sets = new Map<string, { old: string; original: string; cut: boolean }[]>();
  for (const name of readdirSync(dir)) {
    const m = TMP.exec(name);
    if (!m || Number.parseInt(m[2]!, 10) === process.pid || alive(Number.parseInt(m[2]!, 10))) continue;
    const file = path.join(dir, name);
    if (m[3] === 'old') {
      const key = `${m[2]}|${path.parse(m[1]!).name}`;
      sets.set(key, [...sets.get(key) ?? [], { old: file, original: path.join(dir, m[1]!), cut: m[4] !== undefined }]);
    } else {
      try {
        rmSync(file, { force: true });
      } catch {
        // (left for a later sweep: the write that follows says what is wrong with the folder)
      }
    }
  }
  // Killed while replacing a set: where every new output is in place, the earlier ones go; where
  // some are not, the earlier set comes back whole (over any new output already placed), never a
  // new PDF beside an old DOCX. A set with a name cut short is left as it is: its files cannot be told.
  for (const set of sets.values()) {
    try {
      if (set.every((a) => existsSync(a.original))) for (const a of set) rmSync(a.old, { force: true });
      else if (!set.some((a) => a.cut)) for (const a of set) renameSync(a.old, a.original);
    } catch {
      // (left for a later sweep)
    }
  }
}

/**
 * Keep an output edited since gongwen wrote it: renamed to `<name>.edited-<its time>.<ext>` beside
 * it (shangqiu-2017.edited-20260315-1642.docx, the time it was last saved, local time; -2, -3 …
 * after a name taken), so that the build writing over it loses no reviewer's work. Returns the
 * new name; a rename refused (Word holds the file open on Windows) is an error of the build.
 */
export function keepEdited(file: string): string {
  const ext = path.extname(file);
  const t = new Date(statSync(file).mtimeMs);
  const two = (n: number) => String(n).padStart(2, '0');
  const when = `${t.getFullYear()}${two(t.getMonth() + 1)}${two(t.getDate())}-${two(t.getHours())}${two(t.getMinutes())}`;
  const base = `${file.slice(0, file.length - ext.length)}.edited-${when}`;
  let kept = `${base}${ext}`;
  for (let n = 2; existsSync(kept); n++) kept = `${base}-${n}${ext}`;
  try {
    renameSync(file, kept);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // (a name near the system's limit of 255 bytes leaves no room for .edited-…: closing the file
    // could not help, a CLI audit)
    throw new InputError({ file }, `${path.basename(file)} was edited since gongwen wrote it, and cannot be kept aside: ${code === 'ENAMETOOLONG' ? `the name ${path.basename(kept)} would be too long for the file system` : code ?? (e as Error).message}`,
      code === 'ENAMETOOLONG' ? `move ${path.basename(file)} elsewhere yourself (or rename it shorter), then build again; a shorter report folder name keeps its outputs' names short`
        : 'close it (Word holds an open file), or save it under another name, then build again');
  }
  return kept;
}

/** How long a build waits for another process writing the same outputs, and how often it looks. */
export const LOCK_WAIT_MS = 30_000;
const LOCK_POLL_MS = 25;
/** A lock older than this is a hung or a dead process's, whichever pid it names (writing a set takes milliseconds). */
const LOCK_STALE_MS = 120_000;

/**
 * Runs `write` — a build's writes of one report's outputs into `outDir`: the edited outputs kept
 * aside, the new set, its record — while holding `.<name>.gongwen-lock` there, so that two
 * processes building the same report into the same folder at once (a `--watch` and a build typed
 * in another window) write one after the other, each its whole set and the record that matches
 * it, and never see each other's half-done renames. The other waits (up to `waitMs`) and then
 * fails with a message naming the holder. A lock left by a process that has died (or by an
 * earlier process of this one's pid and thread), or older than LOCK_STALE_MS, is taken over;
 * threads of one process wait for each other the same way. The lock holds its writer's id
 * (pid, and thread in a worker), and a writer removes it only while it is still its own.
 */
export function withOutputLock<T>(outDir: string, name: string, write: () => T, waitMs = LOCK_WAIT_MS): T {
  const taking = takeLock(outDir, name, waitMs);
  for (let step = taking.next(); ; step = taking.next()) {
    if (step.done) return holding(step.value, write);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, step.value);
  }
}

/**
 * withOutputLock for a build: its waits for another writer let this thread's event loop run, so
 * that a stop (Ctrl-C, SIGTERM) ends a build waiting for the lock at once, as it did when no
 * listener was there to defer it (a review: a one-folder build waited out the other writer, then
 * wrote its outputs, before it stopped). `write` runs as one synchronous task.
 */
export async function withOutputLockAsync<T>(outDir: string, name: string, write: () => T, waitMs = LOCK_WAIT_MS, stopped?: () => boolean): Promise<T> {
  const taking = takeLock(outDir, name, waitMs);
  // (`stopped`: a --watch stopped by Ctrl-C, which stops in order and so ends no process: the
  // build waiting for the lock ends having written nothing, a review)
  for (let step = stopped?.() ? undefined : taking.next(); step; step = stopped?.() ? undefined : taking.next()) {
    if (step.done) return holding(step.value, write);
    await new Promise((resolve) => setTimeout(resolve, step.value));
  }
  throw new Halted();
}

/** `write` under the lock taken, which is then removed while it is still this writer's. */
function holding<T>({ lock, me }: { lock: string; me: string }, write: () => T): T {
  try {
    return write();
  } finally {
    // (only while it is this writer's: one that was taken over as stale is another's now)
    if (lockId(lock) === me) rmSync(lock, { force: true });
  }
}

/** The lock taken (its path and this writer's id); each value yielded on the way is a pause in ms before the next look. */
function* takeLock(outDir: string, name: string, waitMs: number): Generator<number, { lock: string; me: string }> {
  makeFolder(outDir);
  const lock = path.join(outDir, `.${shortName(name)}.gongwen-lock`);
  // (and, on Linux, when this process started: a lock whose pid runs another program since is told)
  ownStart ??= processStat(process.pid)?.start ?? '';
  const me = `${process.pid}${threadId ? `-${threadId}` : ''}${ownStart ? `:${ownStart}` : ''}`;
  const until = Date.now() + waitMs;
  let told = false;
  while (!createLock(lock, me)) {
    const holder = lockHolder(lock, me);
    if (holder === undefined) {
      // Gone meanwhile (or removed and made again between two looks: another writer's), or there
      // and not readable — a folder, another user's file — which stays so, and was looked at again
      // and again at full speed for ever (failure audit). On Windows a lock being removed is
      // "delete pending" for a moment and cannot be read (EPERM), and a folder where no file can be
      // made has createLock say "held" with no lock there: both are waited on, up to `until`.
      const unreadable = lockReadError(lock);
      const pending = process.platform === 'win32' && (unreadable === 'EPERM' || unreadable === 'EACCES');
      if (unreadable && !pending) {
        throw new InputError({ file: lock }, `the lock of ${name}'s outputs cannot be read (${unreadable === 'EISDIR' ? 'a folder is in its place' : `${unreadable}: no permission to read it?`}), so whether another gongwen is writing them cannot be told`,
          `remove it if no gongwen is writing into ${outDir}, then build again`);
      }
      if (Date.now() >= until) {
        throw new InputError({ file: outDir }, `the outputs cannot be written into this folder: no lock of ${name}'s outputs could be made there in ${Math.round(waitMs / 1000)} s`, 'give --out a folder you can write to');
      }
      yield LOCK_POLL_MS;
      continue;
    }
    // (another writer's takeover under way: wait as for a live one, up to `until` too)
    if (holder.stale && takeOver(lock, holder.raw)) continue;
    if (Date.now() >= until) {
      throw new InputError({ file: lock }, `another gongwen (process ${holder.id}) is writing ${name}'s outputs into this folder, and has been for ${Math.round(holder.ageMs / 1000)} s`,
        'wait for it to finish, or stop it, then build again (a lock left by a stopped process is removed by the next build)');
    }
    if (!told && waitMs >= 1_000) {
      told = true;
      process.stderr.write(`waiting: another gongwen (process ${holder.id}) is writing ${name}'s outputs into ${outDir}\n`);
    }
    yield LOCK_POLL_MS;
  }
  return { lock, me };
}

/**
 * Makes the lock with `id` in it; false where one is there. (On Windows a lock being removed
 * while another process reads it is "delete pending" for a moment, and cannot be made: as held.)
 */
function createLock(lock: string, id: string): boolean {
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || (process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES'))) return false;
    // (named by its folder: the lock is a hidden file the writer never asked for, failure audit)
    const refusal = REFUSALS[code ?? ''];
    throw refusal ? new InputError({ file: path.dirname(lock) }, `the outputs cannot be written into this folder: ${refusal[0]} (${code})`, refusal[1]) : e;
  }
  try {
    writeSync(fd, id);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Why the lock cannot be read, where it is there and cannot be (EISDIR, EACCES); undefined where it can, or is gone. */
function lockReadError(lock: string): string | undefined {
  try {
    readFileSync(lock);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    return code === 'ENOENT' ? undefined : code;
  }
}

/** The id in a lock file; undefined where it is gone. */
function lockId(lock: string): string | undefined {
  try {
    return readFileSync(lock, 'latin1').trim();
  } catch {
    return undefined;
  }
}

/** A takeover guard older than this was left by a process that died inside the few lines it guards. */
const GUARD_STALE_MS = 5_000;
/** An empty lock older than this was left by a writer that died before writing its id. */
const EMPTY_STALE_MS = 5_000;

/**
 * Removes a stale lock, judged so while it held `staleId`. Writers waiting on one lock may all
 * judge it stale, and the first may have made its own before another acts: so a takeover holds a
 * guard (`<lock>.takeover`, made exclusively, as the lock is), reads the lock again under it and
 * removes it only if it still holds the stale id. Only a guard holder removes another's lock, so
 * the lock cannot be replaced between that read and the removal. (The first version moved the lock
 * aside and put a live writer's back: in the moment between, a third writer could make its own,
 * and two were inside at once: eight processes on a loaded machine, tests/output-lock.test.ts.) A
 * writer that finds the guard taken waits and looks again; a guard older than GUARD_STALE_MS is
 * removed.
 */
export function takeOver(lock: string, staleId: string): boolean {
  const guard = `${lock}.takeover`;
  if (!createLock(guard, `${process.pid}-${threadId}`)) {
    // (a time ahead of this clock, a file server's, counts as old too: else it is waited on for ever)
    const mtime = statSync(guard, { throwIfNoEntry: false })?.mtimeMs;
    if (mtime !== undefined && Math.abs(Date.now() - mtime) > GUARD_STALE_MS) rmSync(guard, { force: true });
    return false;
  }
  try {
    // (an empty lock is stale only while it is old: one just made by a live writer, its id not
    // written yet, is as empty as the dead one judged stale before another writer removed it)
    const mtime = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
    if (lockId(lock) === staleId && (staleId !== '' || (mtime !== undefined && Date.now() - mtime > EMPTY_STALE_MS))) rmSync(lock, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
  return true;
}

/** Who holds a lock file and whether it is stale; undefined where it is gone. */
function lockHolder(lock: string, me: string): { id: string; raw: string; ageMs: number; stale: boolean } | undefined {
  const id = lockId(lock);
  const mtime = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
  if (id === undefined || mtime === undefined) return undefined;
  const ageMs = Date.now() - mtime;
  // an id is pid[-thread][:start] (the start on Linux: locks written before have none)
  const [who = '', start] = id.split(':');
  const [meWho, myStart] = me.split(':');
  const pid = Number.parseInt(who, 10);
  // (a lock just made may not hold its id yet: empty and young is a live writer; this thread's own
  // id is an earlier process's of the same pid, as a container's first process always has; this
  // process's pid with another start is an earlier process's too; another thread's of this
  // process is waited on)
  const ownPid = pid === process.pid;
  const dead = id !== '' && (!Number.isFinite(pid)
    || (ownPid ? who === meWho || (start !== undefined && myStart !== undefined && start !== myStart) : !alive(pid, start)));
  return { id: who || '?', raw: id, ageMs, stale: dead || ageMs > LOCK_STALE_MS || (id === '' && ageMs > EMPTY_STALE_MS) };
}

/**
 * The temporary name a process's thread writes `file` under: threads of one process may write the
 * same file (the code cache, io/code-cache.ts), and must not write into each other's temporary file.
 */
export function tempNameFor(file: string, pid = process.pid, thread = threadId, kind: 'tmp' | 'old' = 'tmp'): string {
  const name = path.basename(file);
  const short = shortName(name);
  return path.join(path.dirname(file), `.${short}.${pid}${thread ? `-${thread}` : ''}.gongwen-${kind}${short === name ? '' : '-cut'}`);
}

/** The longest file name kept whole in a temporary name. */
const KEPT = 64;
/**
 * A name as long as the file system allows would be too long with the additions: it is cut to
 * KEPT characters, its extension kept, so that the outputs of one set (X.pdf, X.docx), in flight
 * together, never share a temporary name however long X is.
 */
const shortName = (name: string): string => {
  if (name.length <= KEPT) return name;
  const ext = path.extname(name).slice(0, 16);
  return name.slice(0, KEPT - ext.length) + ext;
};

/** The folder `dir` made where it is missing, with the parents it needs; an error that says what is wrong where it cannot be. */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(d)) {
      if (!statSync(d).isDirectory()) throw new InputError({ file: d }, 'is a file, not a folder, so the output cannot be written there', 'give --out a folder (it is created if missing)');
      break;
    }
    // (a link to a folder that is not there, or a loop of links: existsSync follows it and says no,
    // and mkdir says it exists; the lock's file then failed with an internal error, failure audit)
    // (a path through a file, ENOTDIR, goes on up to the file, which the check above names)
    let link: ReturnType<typeof lstatSync> | undefined;
    try {
      link = lstatSync(d, { throwIfNoEntry: false });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new InputError({ file: d }, 'is in a path whose links lead round in a circle, so the output cannot be written there', 'give --out a folder, or correct the link');
      if (code !== 'ENOTDIR') throw e;
    }
    if (link?.isSymbolicLink()) {
      const loop = (() => { try { statSync(d); return false; } catch (e) { return (e as NodeJS.ErrnoException).code === 'ELOOP'; } })();
      throw new InputError({ file: d }, loop ? 'is a link that leads round in a circle, so the output cannot be written there' : `is a link to ${readlinkSync(d)}, which is not there, so the output cannot be written there`,
        loop ? 'give --out a folder, or correct the link' : 'create the folder it links to, or give --out another folder');
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
}

/** The file calls a set of writes makes (tests hand in calls that fail where a file would be in use). */
export interface FileCalls {
  write(file: string, data: Uint8Array): void;
  rename(from: string, to: string): void;
}
const nodeCalls: FileCalls = { write: writeFileSync, rename: renameSync };

/** Removes files, not minding those already gone or that cannot be removed (what kept them from being written may keep them). */
const removeAll = (files: readonly string[]) => {
  for (const f of files) {
    try {
      rmSync(f, { force: true });
    } catch {
      // (the error that brought us here says what is wrong)
    }
  }
};

/** Returns the written file's size and modification time, taken before it is renamed into place (another process may replace it after). */
export const writeFileAtomic = (file: string, data: Uint8Array): { size: number; mtimeMs: number } => writeFilesAtomic([{ file, data }])[0]!;

/**
 * Writes a set of outputs (a report's PDF and DOCX) all or none: each to a temporary file first,
 * then the earlier outputs moved aside, the new ones renamed into place, the earlier ones removed.
 * Where any step is refused — a full disk, a file open in another program (Word and Acrobat keep
 * Windows from renaming a file they have open) — every file is left as it was: no new PDF beside
 * an old DOCX. Returns each file's size and modification time, as writeFileAtomic does.
 */
export function writeFilesAtomic(outputs: readonly { file: string; data: Uint8Array }[], calls: FileCalls = nodeCalls): { size: number; mtimeMs: number }[] {
  for (const dir of new Set(outputs.map((o) => path.dirname(o.file)))) {
    makeFolder(dir);
    removeStale(dir);
  }
  checkNoFolders(outputs.map((o) => o.file));
  // (putting an earlier output back can fail as its moving aside did not: the first refusal is the one reported)
  const putBack = (moved: readonly { file: string; old: string }[]) => {
    for (const a of moved) {
      try {
        calls.rename(a.old, a.file);
      } catch {
        // (the earlier output stays under its aside name; the next process's sweep puts it back)
      }
    }
  };
  const temps: string[] = [];
  const written: { size: number; mtimeMs: number }[] = [];
  // 1. every output to its temporary file
  for (const { file, data } of outputs) {
    const tmp = tempNameFor(file);
    temps.push(tmp);
    try {
      calls.write(tmp, data);
      const { size, mtimeMs } = statSync(tmp);
      written.push({ size, mtimeMs });
    } catch (e) {
      removeAll(temps);
      throw cannotWrite(file, e);
    }
  }
  // 2. where there are several, the earlier outputs moved aside (a file another program holds
  // open is found here, before anything is replaced); one alone is replaced in one step
  const aside: { file: string; old: string }[] = [];
  if (outputs.length > 1) {
    for (const { file } of outputs) {
      if (!existsSync(file)) continue;
      const old = tempNameFor(file, process.pid, threadId, 'old');
      try {
        calls.rename(file, old);
        aside.push({ file, old });
      } catch (e) {
        putBack(aside);
        removeAll(temps);
        throw cannotWrite(file, e);
      }
    }
  }
  // 3. the new outputs into place
  const placed: string[] = [];
  for (const [k, { file }] of outputs.entries()) {
    try {
      calls.rename(temps[k]!, file);
      placed.push(file);
    } catch (e) {
      removeAll(placed);
      putBack(aside);
      removeAll(temps);
      throw cannotWrite(file, e);
    }
  }
  // 4. the earlier ones gone
  removeAll(aside.map((a) => a.old));
  return written;
}

/** What the file system says when it refuses a write, and what to do: the user's to fix (exit 2), not a bug. */
export const REFUSALS: Record<string, [string, string]> = {
  EISDIR: ['a folder of that name is in the way', 'remove or rename that folder, or give --out another folder'],
  ENOTDIR: ['part of its path is a file, not a folder', 'give --out a folder'],
  EACCES: ['no permission to write there', 'give --out a folder you can write to'],
  // (Windows says EPERM of a file open in another program; elsewhere it is a file or folder marked
  // unchangeable, chattr +i, or another user's in a folder only its owner may change)
  EPERM: process.platform === 'win32' ? ['not permitted (is the file open in another program?)', 'close it, or give --out a folder you can write to']
    : ['not permitted (marked unchangeable, or another user\'s?)', 'give --out a folder you can write to'],
  EBUSY: ['the file is in use (open in another program?)', 'close it and run again'],
  EROFS: ['the disk is read-only', 'give --out a folder on a disk you can write to'],
  ENOSPC: ['the disk is full', 'free some space and run again'],
  EDQUOT: ['the disk quota is used up', 'free some space and run again'],
  ENAMETOOLONG: ['its name is too long for the file system', 'give the report folder a shorter name (its outputs are named after it), or --out a shorter path'],
  // (a folder removed meanwhile, or one of a system's that takes no files: /proc/self)
  ENOENT: ['the folder is not there, or takes no files', 'give --out a folder you can write to'],
  ELOOP: ['a link in its path leads round in a circle', 'correct the link, or give --out another folder'],
};
/**
 * Before a set of outputs is written: a folder where one of them goes is reported at once (it
 * would be moved aside as an earlier output is), and so is an earlier output marked read-only:
 * an office that marks the published PDF so means it kept (Windows refuses to replace it; Linux
 * would, and as root even a write would pass).
 */
function checkNoFolders(files: readonly string[]): void {
  for (const file of files) {
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(file, { throwIfNoEntry: false });
    } catch {
      // (a path through a file, or one not to be read: the write says what is wrong)
    }
    if (stat?.isDirectory()) {
      const [why, fix] = REFUSALS.EISDIR!;
      throw new InputError({ file }, `cannot be written: ${why} (EISDIR)`, fix);
    }
    if (stat?.isFile() && (Number(stat.mode) & 0o222) === 0) {
      throw new InputError({ file }, 'cannot be written: the earlier file is marked read-only, and is kept',
        'remove its read-only mark to replace it (chmod u+w; in Windows, 属性 → 只读), or give --out another folder');
    }
  }
}

function cannotWrite(file: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const refusal = REFUSALS[code];
  return refusal ? new InputError({ file }, `cannot be written: ${refusal[0]} (${code})`, refusal[1]) : e;
}
