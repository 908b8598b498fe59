import { isNode, LineCounter, parseDocument } from 'yaml';
import { InputError } from '../model/errors.js';

export interface LocatedYaml {
  data: unknown;
  /** Line (1-based, in the whole file) of the value at a path, or of the nearest parent that exists. */
  lineOf(path: readonly PropertyKey[]): number;
}

/** How to fix a line YAML cannot read: the usual slips of typing Chinese first. */
function syntaxHint(line: string): string {
  const plain = line.replace(/#.*$/, '').trim();
  if (/^[^:"'\s][^:]*：/.test(plain)) return 'write the field name and its value with an ASCII colon and a space ("editor: 张三"), not the full-width colon ：';
  if (plain && !plain.startsWith('-') && !plain.includes(':')) return 'write "name: value" — this line has no colon between a field name and its value';
  return 'check indentation, colons and quotes on this line (quote values that contain ": " or start with a special character)';
}

/**
 * Parse YAML, keeping the source positions so that validation errors can name a line.
 * `firstLine` is the file line on which `text` starts (front matter starts on line 2).
 */
export function parseLocatedYaml(text: string, file: string, firstLine = 1): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const at = lineCounter.linePos(err.pos[0]).line;
    throw new InputError({ file, line: at + firstLine - 1 }, `YAML syntax error: ${err.message.split('\n')[0]}`, syntaxHint(text.split('\n')[at - 1] ?? ''));
  }
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line + firstLine - 1;
    }
    return firstLine;
  };
  return { data: doc.toJS() ?? {}, lineOf };
}
