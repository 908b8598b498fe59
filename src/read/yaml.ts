import { isNode, LineCounter, parseDocument } from 'yaml';
import { InputError } from '../model/errors.js';

export interface LocatedYaml {
  data: unknown;
  /** Line (1-based, in the whole file) of the value at a path, or of the nearest parent that exists. */
  lineOf(path: readonly PropertyKey[]): number;
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
    const line = lineCounter.linePos(err.pos[0]).line + firstLine - 1;
    throw new InputError({ file, line }, `YAML syntax error: ${err.message.split('\n')[0]}`,
      'check indentation, colons and quotes on this line (quote values that contain ": " or start with a special character)');
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
