import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { parseLiteYaml } from '../src/read/yaml-lite.js';

/** What the yaml library makes of a text: undefined if it has errors, else data and a line per path. */
function library(text: string): { data: unknown; lineAt(path: PropertyKey[]): number | undefined } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return undefined;
  return {
    data: doc.toJS(),
    lineAt: (path) => {
      const node = path.length ? doc.getIn(path as unknown[], true) : doc.contents;
      return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
    },
  };
}

function paths(value: unknown, prefix: PropertyKey[] = []): PropertyKey[][] {
  const out: PropertyKey[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** The reader must either decline, or give the library's data and lines (and then the library must read it). */
function agrees(text: string): boolean {
  const lite = parseLiteYaml(text);
  if (!lite) return false;
  const lib = library(text);
  expect(lib, `the library rejects what the lite reader read:\n${text}`).toBeDefined();
  expect(lite.data, text).toStrictEqual(lib!.data);
  for (const p of paths(lib!.data)) {
    if (p.length === 0 && lib!.data === null) continue;
    expect([p, lite.lineAt(p)], text).toEqual([p, lib!.lineAt(p)]);
  }
  return true;
}

const root = new URL('../', import.meta.url);
const read = (rel: string) => readFileSync(new URL(rel, root), 'utf8');
const frontMatter = (md: string) => /^---\r?\n([\s\S]*?)\r?\n---/.exec(md)![1]!;

describe('the lite YAML reader', () => {
  it('reads every template, sample statistics file and sample front matter as the yaml library does', () => {
    const files = [
      ...readdirSync(new URL('templates/', root)).map((f) => `templates/${f}`),
      ...readdirSync(new URL('content/', root)).map((d) => `content/${d}/statistics.yaml`),
    ];
    for (const f of files) expect(agrees(read(f)), f).toBe(true);
    for (const d of readdirSync(new URL('content/', root))) expect(agrees(frontMatter(read(`content/${d}/report.md`))), d).toBe(true);
  });

  it('reads the usual forms, with CRLF line ends too', () => {
    const accepted = [
      'a: 1\nb: -2\nc: 3.50\nd: 0\ne: true\nf: False\ng: null\nh: ~\ni:\nj: 商丘市\n',
      'published: 2018-03-27 15:59\nphone: 0370-3288305\npostcode: "476000"\nyear: 2017年\n',
      'k: [a, b,  c ]\nl: {x: 1, y: [2, 3], z: {w: "q"}}\nm: []\nn: {}\n',
      'o: "say \\"hi\\" \\u4e00\\n"\np: \'it\'\'s\'\nq: C#   # comment\nr: a#b\n',
      'list:\n  - 1\n  - two\n  - {x: 1}\n  - - nested\n    - seq\n  - id: s1\n    label: 一、\n  -\n  - key:\n      deep: 1\n',
      'values:\n  # a comment\n  s1: 5     # 二\n\n  s2: 6\nafter: x\n',
      '"true": yes\n"false": "no"\n',
      'rows:\n  - {id: a, label: 甲,\n     unit: 件}\n  - {id: b,\n     cells: [{col: made},\n       {col: valid}]}\nsum:\n  of: [x,\n    y]\n',
      'a: 1\r\nb:\r\n  c: 2\r\n',
      '',
      '# only a comment\n',
    ];
    for (const t of accepted) expect(agrees(t), t).toBe(true);
  });

  it('takes only the space for white space, as YAML does: a full-width space or U+00A0 is text', () => {
    // each is read as the library reads it, or declined (then the library reads it, or reports the error)
    const texts = [
      'editor: 张三　\n', 'editor: 张三　　# 编辑\n', '名称　: 值\n', 'title: 报告\neditor:　张三\n', 'a:\n　　b: 1\n',
      'a: [甲　, 乙]\n', '- 甲　\n', 'a: "x"　# c\n', 'a: \u00a0\n', '　\n', 'a: 1\n　\n', 'a: b\u3000#c\n', 'k\u2003: v\n',
      `${'键'.repeat(1100)}: 1\n`, `"${'键'.repeat(1100)}": 1\n`, `- ${'k'.repeat(1100)}: 1\n`, `a: {${'k'.repeat(1100)}: 1}\n`,
    ];
    for (const t of texts) {
      const lite = parseLiteYaml(t);
      if (lite) agrees(t);
      else expect(lite, t).toBeUndefined();
    }
    // and reads the common case exactly
    expect(parseLiteYaml('editor: 张三　\n')?.data).toEqual({ editor: '张三　' });
  });

  it('declines what is outside its part, so that the library reads it or reports the error', () => {
    const declined = [
      'a: |\n  two\n  lines\n', 'a: >\n  folded\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: 0x1f\n', 'a: 007\n',
      'a: 1e3\n', 'a: .5\n', 'a: +1\n', 'a: .inf\n', 'a: 12345678901234567\n', 'a: x\n  continued\n', 'a: "open\n  quote"\n',
      'a: [x\n  y]\n', 'a: [1,\n2]\n', 'a: [1, # note\n  2]\n', 'a: 1\na: 2\n', 'a:\tb\n', 'a:b\n', '---\na: 1\n', 'a: [1, 2,]\n', 'a: {b}\n', 'key:\n- item\n',
      'a: b: c\n', '  a: 1\n', 'a: 1\n b: 2\n', 'true: 1\n', '1: one\n', '? complex\n', 'a: "\\x41"\n', 'a: 1\n  # indented\nb\n',
      '__proto__: 1\n', 'a: {"b":1}\n', 'a: ]\n', 'a: - b\n',
    ];
    for (const t of declined) expect(parseLiteYaml(t), t).toBeUndefined();
  });

  it('never reads a text differently from the library (20,000 random edits of the samples)', () => {
    const sources = [read('templates/gov-2021.yaml'), read('content/shangqiu-2017/statistics.yaml'), frontMatter(read('content/shangqiu-2017/report.md'))];
    let seed = 12345;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const bits = [' ', '  ', ':', ': ', '-', '- ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '\n', '|', '>', '&', '*', '!', '?', '0', '1', '.', 'e', '~', 'null', 'true', '0x', '\\', '\\u4e00', '，', '：', '一', '\t', '\u3000', '\u00a0'];
    let read_ = 0;
    for (let k = 0; k < 20000; k++) {
      const src = sources[k % sources.length]!;
      const lines = src.split('\n');
      const from = rnd(Math.max(1, lines.length - 6));
      let text = lines.slice(from, from + 1 + rnd(6)).join('\n');
      for (let e = 1 + rnd(3); e > 0; e--) {
        const at = rnd(text.length + 1);
        text = rnd(3) === 0 ? text.slice(0, at) + text.slice(at + 1 + rnd(3)) : text.slice(0, at) + bits[rnd(bits.length)] + text.slice(at);
      }
      const indent = /^ */.exec(text)![0].length;
      text = text.split('\n').map((l) => l.slice(Math.min(indent, /^ */.exec(l)![0].length))).join('\n');
      if (agrees(text)) read_++;
    }
    expect(read_).toBeGreaterThan(3000); // the test exercises reading, not only declining
  });
});

describe('YAML the library reads', () => {
  it('refuses a tag it does not know at its line (!!js/function was read as text without a word); known tags pass', async () => {
    const { parseLocatedYaml } = await import('../src/read/yaml.js');
    expect(() => parseLocatedYaml('title: 某县\neditor: !!js/function "function(){return 1}"\n', 'report.md', 2))
      .toThrow(/report\.md:3: a YAML tag gongwen does not read: !!js\/function\n {2}fix: remove the tag/);
    expect(() => parseLocatedYaml('x: !custom 3\n', 'statistics.yaml')).toThrow(/statistics\.yaml:1: a YAML tag gongwen does not read: !custom/);
    expect(parseLocatedYaml('x: !!str 3\ny: !!int "4"\n', 'statistics.yaml').data).toEqual({ x: '3', y: 4 });
  });

  it('reads the lines of a list item written "- |" as its text, not as items indented too far (review)', async () => {
    const { parseLocatedYaml } = await import('../src/read/yaml.js');
    expect(parseLocatedYaml('keywords:\n  - |\n    - a\n      - b\n', 'report.md', 2).data).toEqual({ keywords: ['- a\n  - b\n'] });
    expect(() => parseLocatedYaml('keywords:\n  - 年报\n   - 公开\n', 'report.md', 2)).toThrow(/report\.md:4: "- 公开" is indented more than the list item above it/);
  });
});
