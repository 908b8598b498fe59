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
 * A figure's errors of one file alike — the same problem with the same fix, `value "无" is not a
 * whole non-negative number` — past the first `keep`, said once with all their lines, where there
 * are more than twice `keep`: a form with every figure typed 无 printed 185 errors in 370 lines,
 * the same fix each time (an edge audit; aggregate already names twenty and counts the rest).
 * Errors that name what differs between them (unknown rows) are all said.
 */
export function condensed(errors: InputError[], keep = 3): InputError[] {
  // (what is alike: a value refused alike, or a workbook's formula with no saved result — each at a
  // line of the file, or at a cell of the workbook, 表三!J4, a city's trial)
  const alikeOf = (e: InputError) => / value (?:"[^"]*"|\S+) is (not .*)$/.exec(e.problem)?.[1] ?? (/: the formula .+? (has no saved result)$/.exec(e.problem)?.[1]);
  const placeOf = (e: InputError) => (e.loc.line !== undefined ? String(e.loc.line) : /^(\S+![A-Z]+\d+):/.exec(e.problem)?.[1]);
  const kindOf = (e: InputError) => {
    const alike = alikeOf(e);
    return alike && e.hint && placeOf(e) ? `${e.loc.file}\n${alike}\n${e.hint}` : undefined;
  };
  const byKind = new Map<string, InputError[]>();
  for (const e of errors) {
    const kind = kindOf(e);
    if (kind) byKind.set(kind, [...byKind.get(kind) ?? [], e]);
  }
  const out: InputError[] = [];
  for (const e of errors) {
    const same = byKind.get(kindOf(e) ?? '') ?? [e];
    const k = same.indexOf(e);
    if (same.length <= 2 * keep || k < keep) out.push(e);
    else if (k === keep) {
      const rest = same.slice(keep);
      const places = [...new Set(rest.map((r) => placeOf(r)!))];
      const where = e.loc.line !== undefined ? `line${places.length > 1 ? 's' : ''}` : `cell${places.length > 1 ? 's' : ''}`;
      out.push(new InputError({ file: e.loc.file, ...(e.loc.line !== undefined ? { line: Number(places[0]) } : {}) }, `and ${rest.length} more figures like these (${alikeOf(e)}), at ${where} ${places.join(', ')}`, e.hint));
    }
  }
  return out;
}

/** How many errors a message of them holds: one a line (their fix lines are indented), "and N more figures like these" counted as N. */
export const errorCount = (message: string): number =>
  message.split(/\n(?=\S)/).reduce((n, line) => n + (Number(/: and (\d+) more figures like these \(/.exec(line)?.[1]) || 1), 0);

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
