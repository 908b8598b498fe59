/**
 * A reader for the plain part of YAML that report front matter, statistics files, gongwen.yaml
 * and the table templates are written in — block mappings and sequences, flow `[ ]` and `{ }`
 * (on a line, or broken after a comma), plain, "double-" and 'single-quoted' scalars, comments
 * — giving exactly what the
 * `yaml` library gives (YAML 1.2 core schema, `toJS()`) and the line of every value.
 *
 * Why: loading the `yaml` library and running it for the first time in a process took
 * ≈ 100 ms of a 0.9 s cold build (docs/speed.md, item 14); this reader takes a few. It says
 * `undefined` for anything outside its part — block scalars (`|`, `>`), anchors, tags,
 * multi-line plain or quoted scalars, flow collections broken anywhere but after `[`, `{` or
 * `,`, duplicate keys, keys over 1,000 characters, numbers in other notations, tabs, syntax
 * errors — and the caller hands the text to the library, which reads it or reports the error
 * as before. Every value it does give is tested
 * equal to the library's (tests/yaml-lite.test.ts).
 */

export interface LiteYaml {
  /** The document as `yaml`'s `toJS()` gives it (null for an empty document). */
  data: unknown;
  /** Line (1-based, in `text`) where the node at a path starts, if there is such a node. */
  lineAt(path: readonly PropertyKey[]): number | undefined;
}

/** Thrown inside the reader for text outside its part; never escapes. */
class Unsupported extends Error {}
const unsupported = (): never => { throw new Unsupported(); };
/** Thrown by the flow reader at the end of its text: the collection goes on on the next line. */
class Unfinished extends Unsupported {}

interface Line { no: number; indent: number; text: string }

// YAML 1.2 core schema (yaml/dist/schema/core): a plain scalar matching one of these is not a string
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NUMBERISH = [
  /^0o[0-7]+$/, /^[-+]?[0-9]+$/, /^0x[0-9a-fA-F]+$/, /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
/** Numbers read here; other notations (0x, 0o, +1, 007, 1e3, .5, 1.) go to the library. */
const SIMPLE_NUMBER = /^(?:0|-?[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?$/;
/** Characters that start something else than a plain scalar (YAML 1.2 c-indicator, less - ? :). */
const INDICATOR_START = /^[,[\]{}#&*!|>'"%@`]/;

/**
 * YAML's white space is the space (and the tab, which this reader declines): not U+3000, the
 * full-width space Chinese input methods type, nor U+00A0 — JavaScript's trim() and \s take
 * those too, and `editor: 张三　` would lose the space the library keeps.
 */
const trimStartSpaces = (s: string): string => s.replace(/^ +/, '');
const trimEndSpaces = (s: string): string => s.replace(/ +$/, '');
const trimSpaces = (s: string): string => trimEndSpaces(trimStartSpaces(s));

function plainValue(s: string): unknown {
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (SIMPLE_NUMBER.test(s)) return Number(s);
  if (NUMBERISH.some((re) => re.test(s))) unsupported();
  return s;
}

/** A plain scalar's text as written (start and end trimmed), checked to be one YAML reads alike. */
function checkedPlain(s: string, flow: boolean): string {
  if (!s || INDICATOR_START.test(s) || /^[-?:](?: |$)/.test(s)) unsupported();
  if (/:(?: |$)/.test(s) || / #/.test(s) || s.includes('\t')) unsupported();
  if (flow && /[,[\]{}]/.test(s)) unsupported();
  return s;
}

const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t' };

/** A quoted scalar starting at `s[at]`: its value and the index after its closing quote. */
function quoted(s: string, at: number): [string, number] {
  const q = s[at];
  let out = '';
  for (let i = at + 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === q) {
      if (q === "'" && s[i + 1] === "'") { out += "'"; i++; continue; }
      return [out, i + 1];
    }
    if (c === '\\' && q === '"') {
      const e = s[++i] ?? '';
      if (e in ESCAPES) out += ESCAPES[e];
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) {
        const code = parseInt(s.slice(i + 1, i + 5), 16);
        if (code >= 0xd800 && code <= 0xdfff) unsupported();
        out += String.fromCharCode(code);
        i += 4;
      } else unsupported();
      continue;
    }
    out += c;
  }
  return unsupported(); // not closed on this line
}

/** After a value: only spaces, then a comment or nothing. */
function restIsComment(s: string, at: number): void {
  const rest = s.slice(at);
  if (trimSpaces(rest) && !/^ +#/.test(rest)) unsupported();
}

class Reader {
  private i = 0;
  readonly lines = new Map<string, number>();

  constructor(private readonly all: Line[]) {}

  private peek(): Line | undefined { return this.all[this.i]; }

  private note(path: string, line: number): void { this.lines.set(path, line); }

  document(): unknown {
    const first = this.peek();
    if (!first) return null;
    if (first.indent !== 0) unsupported();
    const data = this.block(first.indent, '');
    if (this.peek()) unsupported(); // a line left over: bad indentation
    return data;
  }

  /** The block collection whose first line is the next line, at exactly `indent`. */
  private block(indent: number, path: string): unknown {
    const line = this.peek()!;
    this.note(path, line.no);
    return isSeqItem(line.text) ? this.seq(indent, path) : this.map(indent, path);
  }

  private map(indent: number, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (isSeqItem(line.text)) unsupported();
      let key: string;
      let at: number;
      if (line.text[0] === '"') {
        [key, at] = quoted(line.text, 0);
        if (line.text[at] !== ':' || at > 1000) unsupported();
      } else {
        const colon = line.text.search(/:(?: |$)/);
        if (colon <= 0) unsupported();
        if (colon > 1000) unsupported(); // YAML allows an implicit key of at most 1024 characters
        key = checkedPlain(trimEndSpaces(line.text.slice(0, colon)), false);
        if (plainValue(key) !== key) unsupported(); // a key read as a number, true or null
        at = colon;
      }
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) unsupported();
      const keyPath = `${path}\u0000${key}`;
      out[key] = this.value(line, at + 1, indent, keyPath);
    }
    return out;
  }

  private seq(indent: number, path: string): unknown[] {
    const out: unknown[] = [];
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (!isSeqItem(line.text)) unsupported();
      const itemPath = `${path}\u0000${out.length}`;
      const rest = line.text.slice(1);
      const content = trimStartSpaces(rest);
      if (content && !content.startsWith('#') && (isSeqItem(content) || /^(?:"[^"]*"|[^ "'[{#][^#]*?):(?: |$)/.test(content))) {
        // "- key: value" or "- - item": a collection whose lines start at the item's column
        this.all[this.i] = { no: line.no, indent: indent + 1 + rest.length - content.length, text: content };
        out.push(this.block(this.peek()!.indent, itemPath));
      } else {
        out.push(this.value(line, 1, indent, itemPath));
      }
    }
    return out;
  }

  /** The value after a key's colon or a sequence's dash, at `line.text[at]`. */
  private value(line: Line, at: number, indent: number, path: string): unknown {
    this.i++;
    const text = line.text;
    const rest = text.slice(at);
    const content = trimStartSpaces(rest);
    if (content && rest === content) unsupported(); // "key:value" (no space) is one plain scalar
    if (!content || content[0] === '#') {
      const next = this.peek();
      if (next && next.indent > indent) return this.block(next.indent, path);
      if (next && next.indent === indent && isSeqItem(next.text) && !isSeqItem(text)) unsupported(); // a sequence under its key
      this.note(path, line.no);
      return null;
    }
    const start = text.length - content.length;
    this.note(path, line.no);
    const c = text[start];
    let value: unknown;
    let end: number;
    let after = text; // the text the value ends in: a flow collection's may run over several lines
    if (c === '"' || c === "'") [value, end] = quoted(text, start);
    else if (c === '[' || c === '{') [value, end, after] = this.flowLines(line, start, indent, path);
    else {
      const hash = text.slice(start).search(/ #/);
      const raw = trimEndSpaces(hash < 0 ? text.slice(start) : text.slice(start, start + hash));
      value = plainValue(checkedPlain(raw, false));
      end = hash < 0 ? text.length : start + hash;
    }
    restIsComment(after, end);
    const next = this.peek();
    if (next && next.indent > indent) unsupported(); // a value going on over more lines
    return value;
  }

  /**
   * A flow collection at `line.text[at]`, on this line or on more: a line may end after a
   * `[`, `{` or `,` (no scalar is folded over lines) and the next must be indented deeper.
   * Gives the value, the index after it and the text of the lines joined (by a space).
   */
  private flowLines(line: Line, at: number, indent: number, path: string): [unknown, number, string] {
    let text = line.text;
    const starts = [{ at: 0, no: line.no }];
    for (;;) {
      const lineAt = (offset: number) => {
        let k = starts.length - 1;
        while (starts[k]!.at > offset) k--;
        return starts[k]!.no;
      };
      try {
        return [...flow(text, at, path, lineAt, this.lines), text];
      } catch (e) {
        const next = this.peek();
        if (!(e instanceof Unfinished) || !next || next.indent <= indent || !/[,[{]$/.test(text)) throw e;
        starts.push({ at: text.length + 1, no: next.no });
        text += ` ${next.text}`;
        this.i++;
      }
    }
  }
}

function isSeqItem(text: string): boolean {
  return text[0] === '-' && (text.length === 1 || text[1] === ' ');
}

/** A one-line flow collection starting at `s[at]`: its value and the index after it. */
function flow(s: string, at: number, path: string, lineAt: (offset: number) => number, lines: Map<string, number>): [unknown, number] {
  lines.set(path, lineAt(at));
  const close = s[at] === '[' ? ']' : '}';
  const out: unknown[] | Record<string, unknown> = close === ']' ? [] : {};
  let i = skipSpaces(s, at + 1);
  if (i >= s.length) throw new Unfinished();
  if (s[i] === close) return [out, i + 1];
  for (;;) {
    if (Array.isArray(out)) {
      const [item, end] = flowScalarOrCollection(s, i, `${path}\u0000${out.length}`, lineAt, lines);
      out.push(item);
      i = skipSpaces(s, end);
    } else {
      let key: string;
      if (s[i] === '"') [key, i] = quoted(s, i);
      else {
        const colon = s.slice(i).search(/: /);
        if (colon <= 0 || colon > 1000) unsupported();
        key = checkedPlain(trimSpaces(s.slice(i, i + colon)), true);
        if (plainValue(key) !== key) unsupported();
        i += colon;
      }
      if (s[i] !== ':' || s[i + 1] !== ' ') unsupported();
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) unsupported();
      const [value, end] = flowScalarOrCollection(s, skipSpaces(s, i + 1), `${path}\u0000${key}`, lineAt, lines);
      out[key] = value;
      i = skipSpaces(s, end);
    }
    if (s[i] === close) return [out, i + 1];
    if (s[i] !== ',') unsupported();
    i = skipSpaces(s, i + 1);
    if (i >= s.length) throw new Unfinished();
    if (s[i] === close) unsupported(); // a trailing comma
  }
}

function flowScalarOrCollection(s: string, at: number, path: string, lineAt: (offset: number) => number, lines: Map<string, number>): [unknown, number] {
  const c = s[at];
  if (at >= s.length) throw new Unfinished();
  if (c === '[' || c === '{') return flow(s, at, path, lineAt, lines);
  lines.set(path, lineAt(at));
  if (c === '"' || c === "'") return quoted(s, at);
  let end = at;
  while (end < s.length && !',[]{}'.includes(s[end]!)) end++;
  const raw = trimEndSpaces(s.slice(at, end));
  return [plainValue(checkedPlain(raw, true)), end];
}

function skipSpaces(s: string, i: number): number {
  while (s[i] === ' ') i++;
  return i;
}

/** Read `text` if it is in the part of YAML this reader knows, else `undefined`. */
export function parseLiteYaml(text: string): LiteYaml | undefined {
  if (/[\t\r\uFEFF\x00-\x08\x0B\x0C\x0E-\x1F\x7F\x85\u2028\u2029]/.test(text.replace(/\r\n/g, '\n'))) return undefined;
  const lines: Line[] = [];
  const raw = text.split(/\r?\n/);
  for (let n = 0; n < raw.length; n++) {
    const s = raw[n]!;
    const body = trimStartSpaces(s);
    if (!body || body[0] === '#') continue;
    if (/^(?:---|\.\.\.)(?: |$)/.test(s) || s[0] === '%') return undefined; // documents, directives
    lines.push({ no: n + 1, indent: s.length - body.length, text: trimEndSpaces(body) });
  }
  const reader = new Reader(lines);
  let data: unknown;
  try {
    data = reader.document();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const found = reader.lines;
  return { data, lineAt: (path) => found.get(path.map((k) => `\u0000${String(k)}`).join('')) };
}
