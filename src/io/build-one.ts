/** Build one report folder and write its outputs atomically: the unit of work of the CLI, a batch worker and --watch. */
import { existsSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from './crc32.js';
import { draftChanges, draftChangesCut, draftChangesLines } from './docx-changes.js';
import { buildReport, FORMATS, type BuildResult, type Format } from '../build.js';
import { FindingErrors, formatFinding, InputError, isInputError } from '../model/errors.js';
import { keepEdited, sweepFolder, withOutputLockAsync, writeFilesAtomic } from './files.js';
import { Halted, placing, signalsHeard } from './placing.js';
import { fontStamp, type FontConfig, type FontSet } from './fonts.js';
import type { DocxBuilder } from './docx-thread.js';
import type { Report } from '../model/types.js';
import { unconfirmedRows } from '../read/templates.js';
import { checkRecord, dropRecord, editedOutputs, folderInputs, putBackRecord, readRecord, settingsStamp, writeRecord, type SettingsStamp } from './up-to-date.js';

/** A path with its links resolved; undefined where it is not there. */
const real = (p: string): string | undefined => {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
};

export interface BuildSettings {
  outDir: string;
  formats: Format[];
  pdfa: boolean;
  strict: boolean;
  allowMissingGlyphs: boolean;
  creator: string;
  /**
   * Keep a record of each successful build beside its outputs (io/up-to-date.ts), so that the
   * next build of an unchanged folder can be skipped.
   */
  keepRecords?: boolean;
}

export type BuildOutcome =
  | {
    dir: string; ok: true; files: { file: string; bytes: number }[]; warnings: string[]; ms: number;
    /** Not built: its outputs are up to date (io/up-to-date.ts). */
    upToDate?: true;
    /** Built again although it had been built before into this --out: why (io/up-to-date.ts). */
    why?: string;
    /**
     * Outputs edited since the last build wrote them, kept aside before this one wrote over them:
     * [output, kept as, and for a Word draft what its text has that the new one's has not].
     */
    kept?: [string, string, string?][];
    /** Printed on a form with rows of provisional wording: its id and how many (outcome-lines.ts provisionalNote). */
    provisional?: { form: string; rows: number };
    /** Outputs of the formats not asked for (--format pdf: the DOCX) that an earlier build left in --out. */
    others?: { file: string; edited: boolean }[];
  }
  | {
    dir: string; ok: false; error: string; warnings: string[]; ms: number;
    /** The error is a bug of gongwen's (a batch worker's report of it), not the report's. */
    internal?: true;
  };

/** The report in `dir` built in memory with these settings: nothing written (--watch's warm-ups build this way). */
export const buildInMemory = (dir: string, fonts: FontSet, s: BuildSettings, docx?: DocxBuilder): Promise<BuildResult> =>
  buildReport(dir, { fonts, formats: s.formats, pdfa: s.pdfa, strict: s.strict, allowMissingGlyphs: s.allowMissingGlyphs, creator: s.creator, docx });

/** The form a report's statistics table is printed on, where rows of it are of provisional wording. */
export function provisionalForm(report: Report): { form: string; rows: number } | undefined {
  const template = report.statistics?.template;
  const rows = template ? unconfirmedRows(template) : 0;
  return template && rows ? { form: template.id, rows } : undefined;
}

/** Input errors become a failed outcome; anything else (a bug) is thrown. */
/**
 * `stopped`: asked once the outputs are made, after a signal that came meanwhile has been heard,
 * and while the outputs' lock is waited for; true ends the build, having written nothing (it
 * throws Halted).
 */
export async function buildOne(dir: string, fonts: FontSet, s: BuildSettings, docx?: DocxBuilder, stopped?: () => boolean): Promise<BuildOutcome> {
  const started = performance.now();
  // taken before anything is read: a file changed during the build leaves the record stale
  const stamp = s.keepRecords ? { settings: settingsStamp(s, fonts.stamp), inputs: folderInputs(dir) } : undefined;
  try {
    const { report, outputs, warnings } = await buildInMemory(dir, fonts, s, docx);
    const provisional = provisionalForm(report);
    const name = path.basename(path.resolve(dir));
    const named = Object.entries(outputs).map(([format, data]) => ({ file: path.join(s.outDir, `${name}.${format}`), data }));
    const shown = warnings.map(formatFinding);
    // (a build that can be stopped — one folder, a --watch — hears a signal that came during its
    // layout, and places nothing once stopped: io/placing.ts signalsHeard)
    if (stopped) {
      await signalsHeard();
      if (stopped()) throw new Halted();
    }
    // one writer at a time per report and --out (a --watch and a build in another window)
    // (placing: a batch stopped meanwhile waits for the placement to end, io/placing.ts)
    const { files, kept, unrecorded, others } = await withOutputLockAsync(s.outDir, name, () => placing(() => {
      // a reviewer's edits saved into the Word draft (or a PDF annotated in place) are kept aside,
      // not written over: the outputs are made from the report's files, which the edits are not in
      // (the last build's record, read once: for what it wrote, and for the record written after)
      // (a set a stopped build left half replaced is put back first: else its new half looked edited)
      if (s.keepRecords) sweepFolder(s.outDir);
      const before = s.keepRecords ? readRecord(s.outDir, dir) : undefined;
      const names = named.map((n) => path.basename(n.file));
      // outputs of another report folder of the same name, which is still there (city1/wjw, then
      // city2/wjw into one --out): replaced, they were gone without a word but a rebuild's reason
      // (a CLI audit); a folder moved or renamed since is the same report, and is built
      // (a whole working folder copied, its --out and records along: the record's folder stands to
      // the --out it was written into as this one does to this --out, and is this report — every
      // report of a copy had been refused, a city's trial)
      // (not where the two --outs are one folder, through a link: city2/out a link to city1/out let
      // city2/wjw replace city1/wjw's outputs, a review)
      const outAt = (folder: string, out: string) => path.relative(out, folder);
      const copied = before !== undefined && before.outDir !== undefined && outAt(before.folder, before.outDir) === outAt(path.resolve(dir), path.resolve(s.outDir))
        && real(before.outDir) !== undefined && real(before.outDir) !== real(s.outDir);
      if (before && !copied && before.folder !== path.resolve(dir) && existsSync(path.join(before.folder, 'report.md'))) {
        throw new InputError({ file: dir }, `${names.map((n) => path.join(s.outDir, n)).join(' and ')} are the outputs of another report folder of the same name, ${before.folder}: building this one would replace them`,
          `give this folder's reports another --out (one for each parent folder: --out ${path.join(s.outDir, path.basename(path.dirname(path.resolve(dir))))}), or remove those outputs first if they are to go`);
      }
      const editedBy = (record: typeof before) => (s.keepRecords ? editedOutputs(s.outDir, record, names).filter((f) => named.some((n) => n.file === f)) : []);
      const kept: [string, string, string?][] = [];
      const putBack = () => {
        for (const [file, aside] of kept.splice(0)) {
          try {
            renameSync(aside, file);
          } catch {
            // (where it cannot go back, it stays under its kept name)
          }
        }
      };
      /** The record could not be removed: it stays, describing the earlier outputs. */
      let stuck = false;
      let written: ReturnType<typeof writeFilesAtomic>;
      try {
        for (const f of editedBy(before)) kept.push([f, keepEdited(f)]);
        // The record goes once the edits are aside, and comes back where the outputs were not
        // replaced: a build stopped before the new record is written leaves none, not one that
        // calls the new outputs edited; one stopped before the record went finds the edits aside.
        // (one there and unreadable, another version's, goes too: were it readable later, it would
        // judge outputs it does not describe)
        if (s.keepRecords && !dropRecord(s.outDir, dir) && before) {
          // A record that cannot be removed (its folder or itself unchangeable, another user's in
          // a shared folder) cannot be replaced either: it may describe outputs an earlier build of
          // this kind replaced, and would call them edited (each build kept its own PDF and DOCX
          // aside: failure audit, review). The edits are judged again as with no record: by the
          // Word draft's own sign of an office program.
          stuck = true;
          putBack();
          for (const f of editedBy(undefined)) kept.push([f, keepEdited(f)]);
        }
        // all or none: no new PDF beside an old DOCX where one of them cannot be replaced
        written = writeFilesAtomic(named);
      } catch (e) {
        // the earlier outputs stay as they were, a reviewer's too (one moved aside was left there,
        // unsaid, where the PDF could not be replaced: failure re-audit), and so does their record
        putBack();
        if (before && !stuck) putBackRecord(s.outDir, dir, before);
        throw e;
      }
      const files = named.map(({ file, data }, k) => ({ file, bytes: data.length, written: written[k]!, crc: crc32(data) }));
      // (a Word draft kept aside: which of its paragraphs this build's lacks, the edits to carry over)
      for (const k of kept) {
        const fresh = k[0].endsWith('.docx') ? named.find((n) => n.file === k[0])?.data : undefined;
        const changes = fresh ? draftChanges(k[1], fresh) : undefined;
        const lines = draftChangesLines(changes);
        // (saved again unchanged: said, where the clerk could not tell whether anything was lost, a review)
        if (changes && !lines.length) lines.push(changes.revisions ? `its text is as this build's once its tracked changes (修订) are accepted` : 'its text is as this build\'s, with no comment: saved again without an edit, or with edits of its look alone?');
        // (the message names five of each kind; where there are more, all of them beside the kept
        // draft: a review round has dozens, and the next build is up to date, a review)
        if (draftChangesCut(changes)) {
          const all = `${k[1].slice(0, k[1].length - path.extname(k[1]).length)}.txt`;
          try {
            writeFileSync(all, `${draftChangesLines(changes, true).join('\n\n')}\n`);
            lines.push(`(all of them in ${all})`);
          } catch {
            // (the list is a help: the kept draft itself is what counts)
          }
        }
        if (lines.length) (k as [string, string, string?])[2] = lines.join('\n  ');
      }
      // (--format pdf after a build of both: the DOCX beside the new PDF is the earlier build's, and was
      // not said to be — a reviewer sent it on; a bad-input audit — or, edited since gongwen wrote
      // it, a reviewer's, said to be so: a review round; judged by the record read above)
      const otherNames = FORMATS.filter((f) => !s.formats.includes(f)).map((f) => `${name}.${f}`).filter((n) => existsSync(path.join(s.outDir, n)));
      const editedOthers = new Set(s.keepRecords && otherNames.length ? editedOutputs(s.outDir, before, otherNames) : []);
      const others = otherNames.map((n) => path.join(s.outDir, n)).map((file) => ({ file, edited: editedOthers.has(file) }));
      const unrecorded = stamp && writeRecord(s.outDir, dir, stamp.settings, stamp.inputs, files, shown, before);
      return { files, kept, unrecorded, others };
    }), undefined, stopped);
    return {
      dir, ok: true, files: files.map(({ file, bytes }) => ({ file, bytes })), warnings: unrecorded ? [...shown, unrecorded] : shown, ms: performance.now() - started,
      ...(kept.length ? { kept } : {}),
      ...(others.length ? { others } : {}),
      ...(provisional ? { provisional } : {}),
    };
  } catch (e) {
    if (!isInputError(e)) throw e;
    const warnings = e instanceof FindingErrors ? e.warnings.map(formatFinding) : [];
    return { dir, ok: false, error: (e as Error).message, warnings, ms: performance.now() - started };
  }
}

/**
 * Whether `dir`'s last build into this --out is up to date (io/up-to-date.ts): `current`, its
 * outcome, if it is; else `why` it is not, when it was built there before. `settings`: the
 * settingsStamp of `s` and the fonts now (settingsNow), the same for every folder.
 */
export function upToDate(dir: string, s: BuildSettings, settings: SettingsStamp): { current?: BuildOutcome; why?: string } {
  const started = performance.now();
  const check = checkRecord(s.outDir, dir, settings);
  if (!check) return {};
  if (!check.current) return { why: check.why };
  return { current: { dir, ok: true, files: check.files, warnings: check.warnings, ms: performance.now() - started, upToDate: true } };
}

/** settingsStamp of `s` and the fonts of `config` as they are on disk now. */
export const settingsNow = (s: BuildSettings, config: FontConfig): SettingsStamp => settingsStamp(s, fontStamp(config));
