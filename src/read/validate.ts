import { AS_WRITTEN, type SchemaIssue } from '../model/meta-schema.js';
import { InputError, InputErrors } from '../model/errors.js';
import type { LocatedYaml } from './yaml.js';

/**
 * The fix for a number that must be text (邮编 041000 read as 41000): the line with its value in
 * quotes as it is written there, where the line holds the field alone.
 */
function asWritten(yaml: LocatedYaml, line: number, field: string): string {
  const m = /^\s*[^:#]+:\s*([^\s#"'[{!&*][^#]*?)\s*(?:#.*)?$/.exec(yaml.lineText?.(line) ?? '');
  const key = field.split('.').at(-1);
  return m ? `write ${key}: "${m[1]}"` : 'put the value in quotes as it is written';
}

/**
 * The front matter's fields by their Chinese names (README's table of fields), and names clerks use
 * for them, in Chinese and in English, where the nearest spelling would mislead (date: was told
 * "site", publisher: "published", a date; 机构: and index: nothing — an edge audit).
 */
const CHINESE_NAMES: Record<string, string> = {
  标题: 'title', 报告年度: 'year', 年度: 'year', 发布机构: 'organ', 机关: 'organ', 机构: 'organ', 单位: 'organ', 发布日期: 'published', 发布时间: 'published', 日期: 'published',
  来源: 'source', 网站名称: 'site', 索引号: 'index_no', 索引: 'index_no', 分类: 'category', 主题分类: 'category', 文号: 'doc_no', 有效性: 'validity',
  关键词: 'keywords', 责任编辑: 'editor', 编辑: 'editor', 发文机关署名: 'signature', 署名: 'signature', 联系方式: 'contact',
  网页地址: 'url', 网址: 'url', 目录: 'toc', 附件: 'attachment', 统计表: 'statistics',
  date: 'published', publish_date: 'published', publisher: 'organ', author: 'organ', index: 'index_no', link: 'url',
};

/** Closest candidate by edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/**
 * Validate located YAML with a checker (model/meta-schema.ts). Every problem becomes an InputError
 * with the file, the line of the offending value, the field path, and what would be valid.
 */
export function validateLocated<T>(
  check: (data: unknown) => { ok: true; value: T } | { ok: false; issues: SchemaIssue[] },
  yaml: LocatedYaml,
  file: string,
  fieldsAt: (path: readonly PropertyKey[]) => readonly string[],
  /** The line of a front matter's closing ---: a missing top-level field is reported there. */
  closing?: number,
): T {
  const result = check(yaml.data);
  if (result.ok) return result.value;
  const data = yaml.data as Record<string, unknown>;
  const isMissing = (path: PropertyKey[]): boolean => {
    let node: unknown = data;
    for (const key of path) {
      if (node === null || typeof node !== 'object') return false;
      node = (node as Record<PropertyKey, unknown>)[key];
    }
    return node === undefined;
  };
  // A misspelt field shows up twice (unknown + missing); report it once, as the misspelling.
  const guessed = new Set<string>();
  const errors: InputError[] = [];
  for (const issue of result.issues) {
    const path = issue.path;
    if (issue.code !== 'unrecognized_keys') continue;
    const fields = fieldsAt(path);
    for (const key of issue.keys) {
      // (a field typed by its Chinese name, 责任编辑: as README's table gives it: that field, an office trial)
      const named = path.length === 0 ? CHINESE_NAMES[key.trim().replace(/[（(].*$/, '').toLowerCase()] : undefined;
      const guess = named && fields.includes(named) ? named : closest(key, fields);
      if (guess) guessed.add([...path.map(String), guess].join('.'));
      errors.push(new InputError(
        { file, line: yaml.lineOf([...path, key]) },
        // (": c" or "~: c": a value with no name before its colon)
        key === '' ? 'a field with no name before its colon (or named null, ~)' : key === '<<' ? 'a YAML merge key (<<: *name) is not read here' : `unknown field "${[...path.map(String), key].join('.')}"`,
        // (<<: *base, fields copied from another mapping: named as what it is, a bad-input audit)
        key === '<<' ? 'write the fields out, each on its own line' : guess ? `did you mean "${guess}"?` : key === '' ? `write the field's name before the colon (${fields.slice(0, 4).join(', ')}, …), or remove the line` : `allowed fields: ${fields.join(', ')}`,
      ));
    }
  }
  for (const issue of result.issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = issue.path;
    const field = path.map(String).join('.');
    if (path.length === 0) {
      errors.push(new InputError({ file, line: yaml.lineOf(path) }, issue.message, 'write one "field: value" per line between the --- lines'));
    } else if (isMissing(path)) {
      if (guessed.has(field)) continue;
      // a top-level field goes above the closing ---, where one is
      const atEnd = path.length === 1 && closing !== undefined;
      // a nested one goes under its parent, indented (attachment: then "  title: …")
      const parent = path.slice(0, -1).map(String).join('.');
      const add = path.length > 1 ? `under "${parent}:", add an indented line "${String(path.at(-1))}: …"` : `add a line "${field}: …"${atEnd ? ' above this line' : ''}`;
      errors.push(new InputError({ file, line: atEnd ? closing : yaml.lineOf(path) }, `missing required field "${field}"`, `${add} (${issue.message})`));
    } else {
      const line = yaml.lineOf(path);
      // "field "year" (报告年度) must be …", not "field "year": year (报告年度) must be …"
      // (an item of a list by its place counted from 1: "keywords.1" was the second keyword, an edge audit)
      const item = typeof path.at(-1) === 'number' ? ` (its item ${(path.at(-1) as number) + 1})` : '';
      const named = item ? path.slice(0, -1).map(String).join('.') : field;
      const message = issue.message.startsWith(`${field} `) ? `field "${field}"${issue.message.slice(field.length)}` : `field "${named}"${item}: ${issue.message}`;
      errors.push(new InputError({ file, line }, message, issue.hint === AS_WRITTEN ? asWritten(yaml, line, field) : issue.hint));
    }
  }
  errors.sort((x, y) => (x.loc.line ?? 0) - (y.loc.line ?? 0));
  throw errors.length === 1 ? errors[0] : new InputErrors(errors);
}
