/** gongwen build --watch: build, then rebuild a folder whenever a file in it changes, until interrupted. */
import { existsSync, statSync, watch as watchDir, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import { isFolder, readableFolder, undecodableName } from '../read/text-file.js';
import { namedStatistics } from '../read/report.js';
import type { BuildOutcome, BuildSettings } from './build-one.js';
import { buildInMemory, buildOne, upToDate } from './build-one.js';
import { isInputName, settingsStamp, sumUnitPaths } from './up-to-date.js';
import { openFontSet, type FontConfig } from './fonts.js';
import { docxThreadFor } from './docx-thread.js';
import { earlierOutputs, report } from './outcome-lines.js';
import { Halted } from './placing.js';

/** Signals that end a watch at once (SIGINT stops it in order). */
const ENDING: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];

/**
 * Builds made after the start, in memory, and thrown away, so that the author's first saves are
 * built by warm code: V8 has then run and optimised pdfmake, pdfkit, fontkit and the writers.
 * Without them the first save after an up-to-date start was a cold build (0.6–0.9 s on the
 * sample) and the next few 0.15–0.5 s; with three, ≈ 0.2 s for the first and ≈ 0.1 s after
 * (README "Speed"); six did no better.
 */
export const WARM_UPS = 3;
/**
 * The number of warm-up builds: WARM_UPS, or GONGWEN_WATCH_WARM_UPS (0 turns them off). A value
 * that is not a whole number ≥ 0 is not taken, with a warning (said once, at the start).
 */
export function warmUpCount(value: string | undefined): { count: number; warning?: string } {
  if (value === undefined) return { count: WARM_UPS };
  const n = Number(value);
  if (value.trim() !== '' && Number.isInteger(n) && n >= 0) return { count: n };
  return { count: WARM_UPS, warning: `warning: GONGWEN_WATCH_WARM_UPS=${JSON.stringify(value)} is not a whole number ≥ 0: ${WARM_UPS} warm-up builds\n` };
}

/** A warning without the line number of its place: the same warning where text above it moved it. */
const warningKey = (warning: string): string => warning.replace(/^(warning: .*?):\d+:/, '$1:');

/** The time of day, 14:05:09, before each build's lines after the start. */
const clockTime = (): string => new Date().toTimeString().slice(0, 8);

/** `force`: build at the start also the folders whose outputs are up to date (io/up-to-date.ts). */
export function watch(dirs: string[], config: FontConfig, settings: BuildSettings,
  out: NodeJS.WritableStream, err: NodeJS.WritableStream, force = false): Promise<number> {
  for (const dir of dirs) {
    const undecodable = undecodableName(dir);
    if (undecodable) throw undecodable;
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError({ file: dir }, existsSync(dir) ? 'not a report folder' : 'no such folder', 'give a folder that contains report.md');
    // (one that cannot be read cannot be watched either: said as for a missing one, review)
    readableFolder(dir);
  }
  const warmUps = warmUpCount(process.env.GONGWEN_WATCH_WARM_UPS);
  if (warmUps.warning) err.write(warmUps.warning);
  const fonts = openFontSet(config);
  // with both formats, the DOCX is rebuilt on its own thread while this one renders the PDF
  const docx = docxThreadFor(settings.formats);
  // each build's lines as `gongwen build` prints them (io/outcome-lines.ts); after the start,
  // --force no longer builds an up-to-date folder, and is not offered
  // (a save that fails says that the outputs of the last good build stay, beside its errors)
  // After the start, a build prints the warnings it did not print before, and counts the others
  // (a newcomer: two dozen lines at every save, the error that mattered scrolled away), each
  // build's lines after the time of day; a save that changed nothing prints its files line alone.
  const seen = new Map<string, string[]>();
  const show = (o: BuildOutcome, start: boolean) => {
    // (a warning is the same where only its line moved: text was written above it; each as many
    // times as it was printed, so that a second 【待填写】 alike is new, review)
    const keys = o.warnings.map(warningKey);
    const left = [...seen.get(o.dir) ?? []];
    const old = start ? keys.map(() => false) : keys.map((k) => {
      const at = left.indexOf(k);
      if (at >= 0) left.splice(at, 1);
      return at >= 0;
    });
    // (a build stopped while reading finds no warnings: those of the last one stand)
    if (o.ok || o.warnings.length) seen.set(o.dir, keys);
    const upToDate = o.ok && o.upToDate === true;
    const repeated = old.filter(Boolean).length;
    const shown = upToDate && !start ? [] : [...o.warnings.filter((_, k) => !old[k]),
      ...(repeated ? [`(${repeated} warning${repeated === 1 ? '' : 's'} as at the last build, not repeated: gongwen check ${o.dir} lists them all)`] : [])];
    // (the time before the build's last line, files or not built: after its warnings, review)
    const time = start ? '' : `${clockTime()} `;
    report({ ...o, warnings: shown }, out, err, true, start, time);
    if (!o.ok) out.write(`${time}${o.dir}: not built (see the error above); ${earlierOutputs(o.dir, settings) ? 'its outputs stay as the last build wrote them' : 'it has no outputs yet'}: fix it and save again\n`);
  };
  // the options, fonts (as opened above) and gongwen of every build of this session
  const stamp = settingsStamp(settings, fonts.stamp);
  // one build at a time per folder; a change during a build triggers one more build after it.
  // A folder whose files are as at its last build (a file saved unchanged, or a change undone)
  // is not built: its outputs are current (io/up-to-date.ts); with --force, not even at the start.
  // A folder is built by the path it was given (its messages name it so), but by the path it had
  // at the start where the working folder has been removed since (`--watch .` in a folder deleted
  // and restored: the folder's own path finds the new one, a relative one the deleted one: review)
  const started = new Map(dirs.map((d) => [d, path.resolve(d)]));
  const cwdGone = (): boolean => {
    try {
      return statSync('.').nlink === 0;
    } catch {
      return true;
    }
  };
  const from = (dir: string): string => (!path.isAbsolute(dir) && cwdGone() ? started.get(dir) ?? dir : dir);
  const state = new Map<string, {
    running: boolean; again: boolean; timer?: NodeJS.Timeout; changes: number;
    /** The folder's watcher, and the look for its folders while they are gone (markDead). */
    watcher?: FSWatcher; poll?: NodeJS.Timeout;
    /** Folders of this report's (its own, its statistics file's) whose watcher went with them: looked for. */
    dead: Set<string>;
    /** Said to be no longer watched (cannotWatch), once. */
    unwatched?: boolean;
  }>();
  let stopped = false;
  /** A report folder found gone by its build (set below, where its watcher is): looked for until it is back. */
  let gone = (_dir: string): void => {};
  // `start`: the build at the session's start (with --force, even an up-to-date folder's)
  const rebuild = async (dir: string, start = false) => {
    const s = state.get(dir)!;
    if (stopped) return;
    if (s.running) { s.again = true; return; }
    s.running = true;
    try {
      do {
        s.again = false;
        const initial = start;
        start = false;
        const check = initial && force ? {} : upToDate(from(dir), settings, stamp);
        if (check.current) show(check.current, initial);
        else {
          const o = await buildOne(from(dir), fonts, settings, docx?.build, () => stopped);
          if (o.ok) o.why = check.why;
          show(o, initial);
          // (the folder gone: looked for until it is back, whatever events its watcher gave — under a
          // loaded machine the one about the folder itself did not come, and a folder restored stayed
          // unwatched: a CI run)
          if (!o.ok) gone(dir);
        }
      } while (s.again);
    } catch (e) {
      // (stopped by Ctrl-C while it waited for the outputs' lock, or while its Word draft was made on
      // the thread Ctrl-C ends: nothing written, nothing to say — it was an internal error for each
      // folder left, a CLI audit)
      if (e instanceof Halted || stopped) return;
      // a bug, not the author's mistake: say so, and keep watching
      err.write(`internal error (please report): ${(e as Error).stack ?? String(e)}\n`);
    } finally {
      s.running = false;
    }
  };
  // The warm-up builds (warmUps above), of the first folder: they stop at the first change seen
  // (a change during one is built after it), at Ctrl-C and at a build that fails (its errors are
  // the author's builds' to show). They write nothing, and count for nothing.
  const warmUp = async (dir: string) => {
    const s = state.get(dir)!;
    const changes = s.changes;
    for (let i = 0, n = warmUps.count; i < n && !stopped && !s.running && s.changes === changes; i++) {
      s.running = true;
      let ok = true;
      try {
        await buildInMemory(from(dir), fonts, settings, docx?.build);
      } catch {
        ok = false;
      } finally {
        s.running = false;
      }
      if (s.again) return void rebuild(dir);
      if (!ok) return;
    }
  };
  return new Promise((resolve, reject) => {
    const changed = (dir: string) => {
      const s = state.get(dir)!;
      s.changes++;
      clearTimeout(s.timer);
      s.timer = setTimeout(() => void rebuild(dir), 100);
    };
    // each folder by its path resolved at the start: `county/` and `.` name their own folder no
    // other way in the watcher's events, and `.` removed leaves no working folder to resolve it in
    const at = (dir: string): string => started.get(dir) ?? path.resolve(dir);
    // A watched folder deleted or moved away (a backup restored over it, an archive unpacked, a
    // checkout) takes its watcher with it, and one made in its place is another folder (with the
    // same inode number, on ext4, at once). The watcher's last event names the folder itself: the
    // folder is then marked dead, looked for every half second until it is there, watched again,
    // and its report built (it stayed unwatched, silently: failure audit, twice).
    gone = (dir: string) => {
      if (isFolder(at(dir)) || state.get(dir)!.dead.has(at(dir))) return;
      state.get(dir)!.watcher?.close();
      state.get(dir)!.watcher = undefined;
      markDead(dir, at(dir));
    };
    const markDead = (dir: string, folder: string) => {
      const s = state.get(dir)!;
      if (stopped) return;
      s.dead.add(folder);
      if (s.poll) return;
      s.poll = setInterval(() => {
        for (const f of [...s.dead]) {
          if (!isFolder(f)) continue;
          s.dead.delete(f);
          if (f === at(dir)) watchFolder(dir);
          watchStatistics(dir, true);
          changed(dir);
        }
        if (!s.dead.size) {
          clearInterval(s.poll);
          s.poll = undefined;
        }
      }, 500);
    };
    // (libuv names that event as the folder was given: `county/` gives '', and `.` the working
    // folder's own name is never seen; so folders are watched by their resolved path: review)
    /** Whether an event of `folder`'s watcher is about the folder itself: its own name, or it is gone. */
    const aboutItself = (folder: string, name: string | Buffer | null): boolean => name === '' || String(name) === path.basename(folder) || !isFolder(folder);
    // A statistics file in a subfolder, or shared from elsewhere (statistics: ../city/statistics.yaml),
    // is watched through its folder, by name: an editor that saves by renaming a new file over the
    // old one, or gongwen aggregate, replaces the file a watcher of the file itself would follow.
    // The file is looked up again whenever the report folder changes (report.md may name another).
    // A sum's units too (the files its record names): a unit corrected makes the report's warning
    // (io/sum-units.ts), so the report is built again (README "Adding up units"). `again`: watched
    // anew even where the files are the same (a folder of theirs was replaced).
    const statsWatchers = new Map<string, { key: string; watchers: FSWatcher[] }>();
    const watchStatistics = (dir: string, again = false) => {
      const stats = namedStatistics(dir);
      const file = stats && path.resolve(stats);
      const files = file ? [...(path.dirname(file) === at(dir) ? [] : [file]), ...(existsSync(file) ? sumUnitPaths(file) : [])] : [];
      const key = files.join('\n');
      const old = statsWatchers.get(dir);
      if (!again && old?.key === key) return;
      for (const w of old?.watchers ?? []) w.close();
      statsWatchers.delete(dir);
      // one watcher a folder, for the files in it it is to watch, by name
      const byFolder = new Map<string, Set<string>>();
      for (const f of files) if (isFolder(path.dirname(f))) byFolder.set(path.dirname(f), (byFolder.get(path.dirname(f)) ?? new Set()).add(path.basename(f)));
      const watchers = [...byFolder].flatMap(([folder, names]) => {
        try {
          const w = watchDir(folder, (_event, name) => {
            if (aboutItself(folder, name)) {
              // (closed: on Windows an open watcher keeps a deleted folder "delete pending", and
              // no folder of its name could be made again: review)
              w.close();
              markDead(dir, folder);
              changed(dir);
              return;
            }
            if (name && !names.has(String(name))) return;
            watchStatistics(dir); // (the sum written again may name other units)
            changed(dir);
          });
          w.on('error', () => markDead(dir, folder));
          return [w];
        } catch {
          return []; // (a folder that cannot be watched: its files are still read at each build)
        }
      });
      statsWatchers.set(dir, { key, watchers });
    };
    // A report folder that is there and cannot be watched (the system's limit of watches reached,
    // ENOSPC) is said to be so once, and not looked for again (review: it was watched again twice
    // a second); at the start, that is an error.
    const cannotWatch = (dir: string, e: unknown) => {
      const s = state.get(dir)!;
      if (s.unwatched || stopped) return;
      s.unwatched = true;
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      err.write(`warning: ${dir} is no longer watched (${code}${code === 'ENOSPC' ? ': the system\'s limit of watched folders is reached, fs.inotify.max_user_watches' : ''}): its changes are not built; stop (Ctrl-C) and start --watch again\n`);
    };
    /** Whether `entry` is the --out folder or a folder it is in (--out wl/out/sub: a review). */
    const holdsOut = (entry: string) => {
      const out = path.resolve(settings.outDir);
      return out === entry || out.startsWith(entry + path.sep);
    };
    /** `dir` watched; false where it cannot be (said once). */
    const watchFolder = (dir: string, start = false): boolean => {
      const s = state.get(dir)!;
      s.watcher?.close();
      s.watcher = undefined;
      try {
        s.watcher = watchDir(at(dir), (_event, name) => {
          if (aboutItself(at(dir), name)) {
            s.watcher?.close();
            s.watcher = undefined;
            markDead(dir, at(dir));
            changed(dir);
            return;
          }
          // not editors' temporary files, nor gongwen's own outputs when --out is the report folder,
          // nor the --out folder inside it (made or written by the build itself: a build "up to
          // date" nobody asked for, an edge audit)
          if (name && (!isInputName(name) || holdsOut(path.resolve(at(dir), name)))) return;
          watchStatistics(dir);
          changed(dir);
        });
        s.watcher.on('error', (e) => (isFolder(at(dir)) ? cannotWatch(dir, e) : markDead(dir, at(dir))));
        s.unwatched = false;
        return true;
      } catch (e) {
        if (start) {
          const code = (e as NodeJS.ErrnoException).code ?? '';
          throw new InputError({ file: dir }, `cannot be watched (${code})${code === 'ENOSPC' ? ': the system\'s limit of watched folders is reached' : ''}`,
            code === 'ENOSPC' ? 'close programs that watch many files (an editor with a large project open), or raise the limit: sysctl fs.inotify.max_user_watches=524288' : 'build it without --watch');
        }
        if (isFolder(at(dir))) cannotWatch(dir, e);
        else markDead(dir, at(dir));
        return false;
      }
    };
    try {
      for (const dir of dirs) {
        state.set(dir, { running: false, again: false, changes: 0, dead: new Set() });
        watchFolder(dir, true);
        watchStatistics(dir);
      }
    } catch (e) {
      for (const s of state.values()) s.watcher?.close();
      for (const w of [...statsWatchers.values()].flatMap((x) => x.watchers)) w.close();
      void docx?.close();
      reject(e);
      return;
    }
    void (async () => {
      for (const dir of dirs) {
        if (stopped) return; // (Ctrl-C during the first builds: none of the rest)
        await rebuild(dir, true);
      }
      if (stopped) return;
      out.write(`watching ${dirs.join(', ')} (Ctrl-C to stop)\n`);
      await warmUp(dirs[0]!);
    })();
    // SIGTERM and SIGHUP end it as they would without a listener, but between tasks: never in the
    // middle of placing a report's outputs, one synchronous task (io/placing.ts)
    const endNow = (signal: NodeJS.Signals) => {
      for (const s of ENDING) process.off(s, endNow);
      process.kill(process.pid, signal);
    };
    for (const s of ENDING) process.on(s, endNow);
    process.once('SIGINT', () => {
      for (const s of ENDING) process.off(s, endNow);
      stopped = true;
      for (const w of [...statsWatchers.values()].flatMap((x) => x.watchers)) w.close();
      for (const s of state.values()) {
        s.watcher?.close();
        clearTimeout(s.timer);
        clearInterval(s.poll);
      }
      void docx?.close();
      resolve(0);
    });
  });
}
