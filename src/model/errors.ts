import type { Loc } from './types.js';

/**
 * Bad input: the author can fix it. Always names the file and line, says what is wrong and how to
 * fix it. The CLI prints it without a stack trace and exits with code 2.
 */
export class InputError extends Error {
  constructor(
    readonly loc: Loc | { file: string; line?: number },
    readonly problem: string,
    readonly hint?: string,
  ) {
    super(formatInputError(loc, problem, hint));
    this.name = 'InputError';
  }
}

export function formatInputError(loc: { file: string; line?: number }, problem: string, hint?: string): string {
  const where = loc.line ? `${loc.file}:${loc.line}` : loc.file;
  return `${where}: ${problem}${hint ? `\n  fix: ${hint}` : ''}`;
}

/** Several input errors found in one pass, reported together. */
export class InputErrors extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'InputErrors';
  }
}

/**
 * Errors of one file with the same fix, past the first `keep`, said once with their lines: a form
 * with every figure typed 无 printed 185 errors in 370 lines, the same fix each time (an edge
 * audit; aggregate already names twenty and counts the rest).
 */
export function condensed(errors: InputError[], keep = 3): InputError[] {
  const byFix = new Map<string, InputError[]>();
  for (const e of errors) if (e.hint && e.loc.line) byFix.set(`${e.loc.file}\n${e.hint}`, [...byFix.get(`${e.loc.file}\n${e.hint}`) ?? [], e]);
  const out: InputError[] = [];
  for (const e of errors) {
    const same = e.hint && e.loc.line ? byFix.get(`${e.loc.file}\n${e.hint}`)! : [e];
    const k = same.indexOf(e);
    if (same.length <= keep + 1 || k < keep) out.push(e);
    else if (k === keep) {
      const rest = same.slice(keep);
      const lines = [...new Set(rest.map((r) => r.loc.line!))];
      out.push(new InputError({ file: e.loc.file, line: lines[0] }, `and ${rest.length} more with the same fix, at line${lines.length > 1 ? 's' : ''} ${lines.length > 12 ? `${lines.slice(0, 12).join(', ')}, …` : lines.join(', ')}`, e.hint));
    }
  }
  return out;
}

/** Throw what was collected, if anything: the one error as it is, several together. */
export function throwAll(errors: InputError[]): void {
  if (errors.length) throw errors.length === 1 ? errors[0] : new InputErrors(errors);
}

export const isInputError = (e: unknown): e is InputError | InputErrors =>
  e instanceof InputError || e instanceof InputErrors;

/** What a check found: an error stops the build; a warning is printed (an error under --strict). */
export interface Finding {
  severity: 'error' | 'warning';
  loc: { file: string; line?: number };
  message: string;
  hint?: string;
}

export const formatFinding = (f: Finding): string => `${f.severity}: ${formatInputError(f.loc, f.message, f.hint)}`;

export const findingError = (f: Finding): InputError => new InputError(f.loc, f.message, f.hint);

/**
 * The errors that stop a build, with the warnings found beside them: a warning often names the
 * figure that an error's rule only points at (a row total off by the same amount), so a failed
 * build prints them too, as `check` does.
 */
export class FindingErrors extends InputErrors {
  constructor(errors: InputError[], readonly warnings: Finding[]) {
    super(errors);
    this.name = 'FindingErrors';
  }
}
