import { InputError } from '../model/errors.js';

export interface SplitSource {
  /** YAML text between the --- fences. */
  yaml: string;
  /** 1-based file line on which the YAML starts. */
  yamlLine: number;
  body: string;
  /** 1-based file line on which the body starts. */
  bodyLine: number;
}

/** A line of three or more hyphens or dashes of any width, alone: a closing `---` mistyped. */
const NEAR_FENCE = /^\s*(?:[-－—–‐―_＿]\s*){3,}$/u;

/** Split `---` YAML front matter from the Markdown body. */
export function splitFrontMatter(source: string, file: string): SplitSource {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  // (an empty file: saved before it was written, or emptied by a failed copy — newcomer)
  if (!text.trim()) {
    throw new InputError({ file }, 'the file is empty', 'write the report into it: front matter between two "---" lines, then the body (gongwen new <a new folder> --organ … writes one to copy from)');
  }
  if (lines[0]?.trim() !== '---') {
    throw new InputError({ file, line: 1 }, 'the file must start with YAML front matter between two "---" lines',
      'put "---" on line 1, then title:, year:, organ:, published: …, then "---", then the Markdown body');
  }
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  // a closing line mistyped — four hyphens, full-width ones, dashes — before the first that closes:
  // at its line (it was "not closed" at line 1, or a YAML error in the body's first paragraph
  // where a --- further down closed it: a bad-input audit)
  const slip = lines.findIndex((l, i) => i > 0 && (end < 0 || i < end) && NEAR_FENCE.test(l) && !/^(---|\.\.\.)\s*$/.test(l));
  if (slip > 0) {
    throw new InputError({ file, line: slip + 1 }, `"${lines[slip]!.trim()}" does not close the front matter`, 'write the closing line as three ASCII hyphens alone: ---');
  }
  if (end < 0) {
    throw new InputError({ file, line: 1 }, 'the front matter is not closed', 'add a line "---" after the last metadata field');
  }
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlLine: 2,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}
