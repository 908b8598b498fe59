/**
 * The lines a build prints for one report, the same for `gongwen build` and `--watch`: its errors
 * and warnings on stderr, its files with their sizes on stdout, with the time it took, why it was
 * built again, or that it is up to date.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { BuildOutcome, BuildSettings } from './build-one.js';
import { editedOutputs, readRecord } from './up-to-date.js';

/**
 * Reports printed on a form whose row wording is provisional (the 2014 form: `confirmed: false`
 * rows in its template, not yet checked word for word against a published form) are told so once
 * per run, by `check` and `build` as by `gongwen new`: a note, not a warning, since it is not the
 * report's to fix (--strict is not stopped by it). `forms`: for each such report, its form's id
 * and provisional rows. Nothing where there are none; a template whose rows were all checked and
 * marked `confirmed: true` gives none.
 */
export function provisionalNote(forms: readonly { dir: string; form: string; rows: number }[]): string {
  if (!forms.length) return '';
  const byForm = new Map<string, { rows: number; dirs: string[] }>();
  for (const f of forms) {
    const e = byForm.get(f.form) ?? { rows: f.rows, dirs: [] };
    e.dirs.push(f.dir);
    byForm.set(f.form, e);
  }
  return [...byForm].map(([form, { rows, dirs }]) => `note: ${dirs.length === 1 ? dirs[0] : `${dirs.length} reports`} ${dirs.length === 1 ? 'is' : 'are'} on form ${form}, whose wording of ${rows} rows is provisional (templates/${form}.yaml, confirmed: false): compare the printed table with your province's form before publishing\n`).join('');
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Errors and warnings of one report on stderr; its files on stdout unless `files` is false.
 * `forceHint`: an up-to-date report says that --force builds it (not where --force no longer
 * would: a --watch save). `prefix`: before the files line (--watch's time of day).
 */
export function report(o: BuildOutcome, out: NodeJS.WritableStream, err: NodeJS.WritableStream, files = true, forceHint = true, prefix = ''): void {
  if (!o.ok) err.write(`error: ${o.error.replace(/\n(?=\S)/g, '\nerror: ')}\n`);
  for (const w of o.warnings) err.write(`${w}\n`);
  if (!o.ok) return;
  for (const [file, kept, changes] of o.kept ?? []) {
    err.write(`kept: ${file} was edited since gongwen wrote it; it is now ${kept}\n${changes ? `  ${changes}\n` : ''}  (outputs are made from the report's files: carry the edits over into them)\n`);
  }
  // (as an earlier build left it: not said to be out of date, which it may not be, a review)
  const wrote = o.files.map((f) => path.basename(f.file)).join(' and ');
  for (const { file, edited } of o.others ?? []) {
    err.write(edited ? `note: ${file} was edited since gongwen wrote it (a reviewer's?), and is left as it is: this build wrote ${wrote} alone (--format)\n`
      : `note: ${file} is as an earlier build left it: this one wrote ${wrote} alone (--format)\n`);
  }
  if (!files) return;
  const done = o.upToDate ? ` up to date, not built again${forceHint ? ' (--force builds it)' : ''}` : ` in ${Math.round(o.ms)} ms${o.why ? ` (built again: ${o.why})` : ''}`;
  out.write(`${prefix}${o.files.map((f) => `${f.file} (${Math.round(f.bytes / 1024)} KB)`).join(', ')}${done}\n`);
}

/**
 * The outputs of the asked-for formats that an earlier build of `dir` left in --out, with the time
 * each was written (`output/a.pdf (00:18) and output/a.docx (00:18)`), or undefined where there are none.
 */
export function earlierOutputs(dir: string, settings: BuildSettings): string | undefined {
  const name = path.basename(path.resolve(dir));
  // (one a reviewer edited since is said to be so: it was called the earlier build's, a DOCX workflow audit)
  const names = settings.formats.map((f) => `${name}.${f}`);
  const edited = new Set(settings.keepRecords ? editedOutputs(settings.outDir, readRecord(settings.outDir, dir), names) : []);
  const found = settings.formats.map((f) => path.join(settings.outDir, `${name}.${f}`)).flatMap((file) => {
    // (--out a file, or a folder that cannot be looked into: no outputs to name)
    let st;
    try {
      st = statSync(file, { throwIfNoEntry: false });
    } catch {
      return [];
    }
    return st?.isFile() ? [`${file} (${writtenAt(st.mtime)}${edited.has(file) ? ', edited since gongwen wrote it' : ''})`] : [];
  });
  return found.length ? found.join(' and ') : undefined;
}

/** When a file was written, as a clerk reads it: the time today, else the date and time. */
function writtenAt(when: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(when.getHours())}:${pad(when.getMinutes())}`;
  return when.toDateString() === new Date().toDateString() ? time : `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())} ${time}`;
}
