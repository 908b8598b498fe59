/**
 * What a usage error says. node:util parseArgs words its errors for programmers ("Unknown option
 * '--bogus'. To specify a positional argument starting with a '-', place it at the end of the
 * command after '--', as in '-- "--bogus"", with a quote left open); the ones an author meets — an
 * option misspelt, a value left out or given to a switch — are said plainly here, a misspelt
 * option with the command's nearest one. Our own UsageErrors are already plain.
 */
import { existsSync } from 'node:fs';
import { closest } from '../read/validate.js';

/** `argv`: the command line as typed, to tell a folder whose name starts with - (-dash) from an option. */
export function usageText(e: Error, options: Record<string, unknown>, argv: readonly string[] = [], newFolders = false): string {
  const code = (e as { code?: string }).code;
  const named = /'([^']+)'/.exec(e.message)?.[1];
  if (!named) return e.message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    // "-s=1": parseArgs reads -s, -= and -1 as three short options, and names the second
    if (named === '-=') return 'a short option takes no "=": write -o value, or --out=value';
    // (a folder named -dash is read as the options -d, -a, …, and -sample as -s, then -a, unknown:
    // failure audit, review; `newFolders`: gongwen new, whose folder is not there yet)
    const path = named.length === 2 && argv.find((a) => /^-[^-]/.test(a) && a.length > 2 && a.includes(named[1]!) && (newFolders || existsSync(a)));
    if (path) return `unknown option ${named}, read from ${path}: a folder or file whose name starts with - is written ./${path}`;
    // (--no-strict, the opposite of --strict, was told "did you mean --strict?": an edge audit)
    // (only a switch is off unless given: --pdfa is also pdfa: true in gongwen.yaml, and --out,
    // --config take values, a review)
    const negated = /^--no-(.+)$/.exec(named.split('=')[0]!)?.[1];
    if (negated && negated in options) {
      const option = options[negated] as { type?: string };
      return negated === 'pdfa' ? `unknown option ${named}: a PDF/A is made with --pdfa, or with pdfa: true in gongwen.yaml (write pdfa: false there)`
        : option.type === 'boolean' ? `unknown option ${named}: --${negated} is off unless it is given, so leave it out`
          : `unknown option ${named}: --${negated} takes a value, and has no --no- form`;
    }
    const guess = named.startsWith('--') ? closest(named.slice(2).split('=')[0]!, Object.keys(options)) : undefined;
    return `unknown option ${named}${guess ? `: did you mean --${guess}?` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // "Option '-o, --out <value>' argument missing", "Option '-s, --strict' does not take an argument"
    const option = named.replace(/ <value>$/, '');
    if (/argument missing/.test(e.message)) return `${option} needs a value`;
    // a value left out before the next option: "--out --format pdf"
    if (/argument is ambiguous/.test(e.message)) return `${option} needs a value, and is followed by another option (a value starting with - is written ${option}=-x)`;
    if (/does not take an argument/.test(e.message)) return `${option} takes no value`;
  }
  return e.message;
}
