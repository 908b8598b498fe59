/**
 * The front matter of report.md: field names, what each accepts, and how it maps to ReportMeta.
 * Field names are English; each has its Chinese name in the README. (Checked by hand rather than
 * with a schema library: zod took ≈ 100 ms of every cold build just to load.)
 */
import { QR, qrText } from '../layout/gbt9704.js';
import { editorOverflowEm, signatureOverflowEm } from '../layout/meta-fields.js';
import { asciiDigits, cleanTyped, composeMarks, withoutInvisible } from './typed-text.js';
import type { ReportDateTime } from './types.js';

const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?$/;

export function parseDateTime(s: string): ReportDateTime | undefined {
  const m = DATE_RE.exec(s.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  const out: ReportDateTime = { year, month, day };
  if (m[4] !== undefined) {
    const hour = Number(m[4]);
    const minute = Number(m[5]);
    if (hour > 23 || minute > 59) return undefined;
    out.hour = hour;
    out.minute = minute;
  }
  return out;
}

/** A problem with the front matter: fields the schema does not know, or a value it cannot take. */
export type SchemaIssue =
  | { code: 'unrecognized_keys'; path: PropertyKey[]; keys: string[] }
  | { code: 'invalid'; path: PropertyKey[]; message: string; hint?: string };

export interface FrontMatter {
  title: string;
  year: number;
  organ: string;
  source?: string;
  published: ReportDateTime;
  site?: string;
  index_no?: string;
  category?: string;
  doc_no?: string;
  validity?: string;
  keywords: string[];
  editor?: string;
  /** 发文机关署名 and 成文日期 at the end: the organ that signs (true: the organ; '': none). */
  signature?: string | true;
  contact?: { organ?: string; address?: string; postcode?: string; phone?: string; email?: string };
  url?: string;
  attachment?: { title: string; note?: string };
  /** Heading levels listed in a table of contents: 0 none, true 4, or 1–4. */
  toc: number;
  statistics?: string;
}

/** Reads one value at `path`: the value to keep, or undefined after reporting what is wrong. */
type Field = (value: unknown, path: PropertyKey[], issues: SchemaIssue[]) => unknown;
interface Spec { field: Field; required?: boolean; fallback?: () => unknown }

const invalid = (issues: SchemaIssue[], path: PropertyKey[], message: string, hint?: string): undefined => {
  issues.push({ code: 'invalid', path, message, ...(hint ? { hint } : {}) });
  return undefined;
};

/** The hint of a number that must be text: validate.ts puts the value in quotes as the line writes it. */
export const AS_WRITTEN = 'quote the value as written';

/**
 * A field of text. A bare number is refused: YAML reads 041000 as 41000 and 1.10 as 1.1, so
 * numbers-as-text (邮编, 索引号, 文号) must be quoted to survive. One line unless `lines` (the
 * title and the attachment's, which keep their lines, a note, the unprinted contact): a line break
 * in a field printed on one line — organ: "示例市清河区\n人民政府", source: | — broke 发布机构 over two
 * lines in the PDF's information block and was a space in the DOCX (an edge audit).
 */
const text = (what: string, lines = false): Field => (v, path, issues) => {
  // (said of any figure, not only of one that lost its zeros: a postcode 476000 is quoted too, an office trial)
  if (typeof v === 'number') return invalid(issues, path, `${what} is read as the number ${v}, not as text: put the value in quotes as written (a number loses leading zeros and a decimal's last 0)`, AS_WRITTEN);
  if (v === null || v === undefined) return invalid(issues, path, `${what} must not be empty`, 'write the text after the colon and a space');
  if (typeof v !== 'string') return invalid(issues, path, `${what} must be text`, 'write it on one line after the colon and a space, in quotes if it holds : or #');
  const t = cleanTyped(v).trim();
  // (a reference to the statistics, {{t4.review_total}}, is filled in in the body only: in the
  // front matter it printed as typed, braces and all, without a word — a bad-input audit)
  const ref = /\{\{[^{}]*\}\}/.exec(t)?.[0];
  if (ref) return invalid(issues, path, `${what} holds ${ref}, which would print as typed: references to the statistics are filled in in the body only`, 'write the figure itself here, or say it in the body');
  if (!lines && /\n/.test(t)) {
    const joined = t.replace(/\s*\n\s*/g, (gap, at: number) => (/[A-Za-z0-9]/.test(t[at - 1] ?? '') && /[A-Za-z0-9]/.test(t[at + gap.length] ?? '') ? ' ' : ''));
    return invalid(issues, path, `${what} runs over ${t.split('\n').length} lines, and is printed on one: the line breaks would print as typed`, `write it on one line: ${joined}`);
  }
  return t.length > 0 ? t : invalid(issues, path, `${what} must not be empty`, 'write the text after the colon and a space');
};

/**
 * The editor line's names: as many as its one line holds, "责任编辑：" and the names right-aligned
 * two characters in from the edge (a paragraph pasted there, hundreds of characters, made the end
 * matter taller than a page, reported at the body's last paragraph: adversarial audit; sixty
 * characters broke a name over two lines, 张 / 三: QA).
 */
const names = (what: string): Field => (v, path, issues) => {
  // (one name a line, editor: |, is a list of names: 张三、李四, a review)
  const t = (text(what, true)(v, path, issues) as string | undefined)?.replace(/\s*\n\s*/g, '、');
  if (t === undefined) return t;
  const over = editorOverflowEm(t);
  return over <= 0 ? t : invalid(issues, path, `${what} is wider than its line by ${Math.ceil(over)} character${over > 1 ? 's' : ''}: the editor line is set on one line, two characters in from the right`, 'write the names alone (张三、李四); text belongs in the body');
};

const year: Field = (v, path, issues) => {
  if (typeof v !== 'number' || Number.isNaN(v)) {
    // 2021年, ２０２１, "2021": the digits alone, in ASCII, unquoted
    // (the letter O or l typed for 0 or 1, 2O23: the year it stands for)
    // (a year in Chinese figures, 二〇二一, as a 公文's date writes it: its digits, not "year: 2017", an edge audit)
    const figures = typeof v === 'string' ? v.replace(/[〇零一二三四五六七八九]/gu, (c) => String('〇一二三四五六七八九'.indexOf(c === '零' ? '〇' : c))) : v;
    const digits = typeof figures === 'string' ? asciiDigits(figures).replace(/(?<=\d)[oO〇]|[oO〇](?=\d)/g, '0').replace(/(?<=\d)[lI]|[lI](?=\d)/g, '1').match(/\d{4}/)?.[0] : undefined;
    return invalid(issues, path, 'year (报告年度) must be a number such as 2017', `write the year alone in ASCII digits, without 年 or quotes: year: ${digits ?? 2017}`);
  }
  // (a run of digits too long for a number is Infinity to YAML: said as what it is, a bad-input audit)
  return Number.isInteger(v) && v >= 2008 && v <= 2100 ? v : invalid(issues, path, `year (报告年度) ${Number.isFinite(v) ? v : 'is no number YAML can hold (too many digits, or .inf), and'} must be a whole number from 2008 to 2100`, 'write the year the report covers, e.g. year: 2021');
};

const date: Field = (v, path, issues) => {
  if (typeof v !== 'string' && !(v instanceof Date)) return invalid(issues, path, 'published (发布日期) must be a date such as 2018-03-27 or 2018-03-27 15:59', 'write the date as YYYY-MM-DD, or YYYY-MM-DD HH:MM in Beijing time (published: 2018-03-27 15:59)');
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  // a date typed with / . or 年月日 (2024/01/31, 2024.1.31, 2024年1月31日): the same date, written as it must be
  const parts = /^\s*(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?\s*(\d{1,2}:\d{2})?\s*$/u.exec(s);
  const as = parts ? `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}${parts[4] ? ` ${parts[4].padStart(5, '0')}` : ''}` : undefined;
  // (a day the month does not have, 2026-02-30, 2025-04-31: said so)
  const ymd = /^\s*(\d{4})-(\d{2})-(\d{2})(?:\s|$)/.exec(as ?? s);
  const days = ymd && Number(ymd[2]) >= 1 && Number(ymd[2]) <= 12 ? new Date(Date.UTC(Number(ymd[1]), Number(ymd[2]), 0)).getUTCDate() : undefined;
  const noDay = ymd && days !== undefined && Number(ymd[3]) > days ? `: ${ymd[1]}年${Number(ymd[2])}月 has ${days} days` : '';
  return parseDateTime(s) ?? invalid(issues, path, `published (发布日期) "${s}" is not a valid date${noDay || ' such as 2018-03-27 or 2018-03-27 15:59'}`,
    // (the date typed otherwise, 2022年2月30日: written as YYYY-MM-DD with its day left to put right —
    // the fix gave 2022-02-30, as wrong: a bad-input audit)
    noDay ? `correct the day${as && as.trim() !== s.trim() ? `, and write it as YYYY-MM-DD (${ymd![1]}-${ymd![2]}-DD, DD at most ${days})` : ''}` : as && parseDateTime(as) ? `write it as YYYY-MM-DD: published: ${as}` : 'write the date as YYYY-MM-DD, or YYYY-MM-DD HH:MM in Beijing time (published: 2018-03-27 15:59)');
};

const list = (what: Field, message: string, hint?: string): Field => (v, path, issues) => {
  if (!Array.isArray(v)) return invalid(issues, path, message, hint);
  const out = v.map((x, i) => what(x, [...path, i], issues));
  return out.every((x) => x !== undefined) ? out : undefined;
};

/**
 * Keywords: a YAML list, each item split again at Chinese separators (，、；), which a Chinese
 * input method types between words in [ ] where YAML splits only at ASCII commas — [政府信息公开，
 * 年度报告] was one keyword; or one line of text split at any comma (keywords: 政务公开，年报).
 */
const keywordList: Field = (v, path, issues) => {
  // (one per line, keywords: |, each a keyword: they had been told to be written on one line, joined, a review)
  const items = typeof v === 'string' ? v.split(/\s*\n\s*/).filter(Boolean) : v;
  const split = list(text('each keyword'), 'keywords must be a list, e.g. [政府信息公开, 年度报告]', 'put the keywords in [ ] separated by commas: keywords: [政府信息公开, 年度报告]')(items, path, issues) as string[] | undefined;
  return split?.flatMap((k) => k.split(typeof v === 'string' ? /[,，、；;]/ : /[，、；;]/).map((x) => x.trim()).filter(Boolean));
};

const webAddress: Field = (raw, path, issues) => {
  // (a zero-width space copied with the address would go into the QR code)
  const v = typeof raw === 'string' ? composeMarks(withoutInvisible(raw)) : raw;
  const message = 'url must be a full web address starting with http:// or https://';
  const hint = typeof v === 'string' && !/^[a-z]+:/i.test(v) ? `write the address as the browser shows it: url: https://${v.trim()}` : 'copy the address from the browser, e.g. url: https://www.example.gov.cn/a.html';
  if (typeof v !== 'string') return invalid(issues, path, message, hint);
  try {
    const u = new URL(v);
    if (!((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname)) return invalid(issues, path, message, hint);
    const bytes = Buffer.byteLength(qrText(v));
    return bytes <= QR.maxBytes ? v
      : invalid(issues, path, `url is too long for its QR code: ${bytes} bytes, a QR code holds ${QR.maxBytes}`, 'give the address of the page without its query, or a shorter address of the same page');
  } catch {
    return invalid(issues, path, message, hint);
  }
};

/**
 * signature: true (the organ signs, with the publication date as 成文日期), false (none, as
 * without the field), or the signing organ's name where it is not the organ (a report published by
 * the 办公室 of the 人民政府 that signs it).
 */
const signature: Field = (v, path, issues) => {
  const hint = 'signature: true signs with the organ: line; signature: 商丘市人民政府 signs with that name';
  if (v === false) return '';
  if (v === true) return true;
  if (typeof v !== 'string') return invalid(issues, path, 'signature (发文机关署名) must be true, false, or the name of the organ that signs', hint);
  const name = text('signature (发文机关署名)')(v, path, issues) as string | undefined;
  if (name === undefined) return undefined;
  // (signature: yes, 是, "true": a yes meant, printed as the organ's name: review)
  if (/^(?:yes|no|y|n|on|off|true|false|是|否|有|无|要|不要)$/i.test(name)) {
    const no = /^(?:no|n|off|false|否|无|不要)$/i.test(name);
    return invalid(issues, path, `signature (发文机关署名) "${name}" would be printed as the organ's name`, no ? 'write signature: false (without quotes), or leave the line out, for no signature' : 'write signature: true (without quotes) to sign with the organ: line, or the name of the organ that signs');
  }
  // (a name wider than its line broke over two, a character alone on the second, and the date with it: review)
  const over = signatureOverflowEm(name);
  if (over > 0) return invalid(issues, path, `signature (发文机关署名) "${name}" is wider than its line by ${Math.ceil(over)} character${over > 1 ? 's' : ''}: it is set on one line, two characters in from the right`, 'give the organ\'s shorter name (示例县农业农村局, without the name in brackets)');
  return name;
};

/** toc: true (four heading levels), false, or how many levels to list, 1 to 4 (a long contents can fill page 1). */
const tocLevels: Field = (v, path, issues) => {
  if (typeof v === 'boolean') return v ? 4 : 0;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 4) return v;
  return invalid(issues, path, 'toc (目录) must be true, false, or the heading levels to list, 1 to 4', 'toc: true lists all four levels; toc: 2 lists 一、 and （一） only');
};

/** A mapping with exactly these fields (unknown ones are reported, with their names). */
const mapping = (specs: Record<string, Spec>, what: string): Field => (v, path, issues) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) {
    return invalid(issues, path, `${what} must be a mapping of fields (${Object.keys(specs).join(', ')})`,
      `write it as "${String(path.at(-1))}: { ${Object.keys(specs)[0]}: … }", one value for each field`);
  }
  const data = v as Record<string, unknown>;
  const unknown = Object.keys(data).filter((k) => !Object.hasOwn(specs, k));
  if (unknown.length) issues.push({ code: 'unrecognized_keys', path, keys: unknown });
  const out: Record<string, unknown> = {};
  let ok = unknown.length === 0;
  for (const [key, spec] of Object.entries(specs)) {
    const value = data[key];
    if (value === undefined) {
      if (spec.fallback) out[key] = spec.fallback();
      else if (spec.required) {
        spec.field(undefined, [...path, key], issues); // says what the field takes
        ok = false;
      }
      continue;
    }
    const read = spec.field(value, [...path, key], issues);
    if (read === undefined) ok = false;
    else out[key] = read;
  }
  return ok ? out : undefined;
};

const required = (field: Field): Spec => ({ field, required: true });
const optional = (field: Field): Spec => ({ field });

const CONTACT: Record<string, Spec> = {
  organ: optional(text('contact.organ', true)),
  address: optional(text('contact.address', true)),
  postcode: optional(text('contact.postcode', true)),
  phone: optional(text('contact.phone', true)),
  email: optional(text('contact.email', true)),
};
const ATTACHMENT: Record<string, Spec> = { title: required(text('attachment.title (附件名称)', true)), note: optional(text('attachment.note (表注)', true)) };

/** Every front-matter field, what it accepts, and what a missing one becomes. */
export const FRONT_MATTER: Record<string, Spec> = {
  title: required(text('title (标题)', true)),
  year: required(year),
  organ: required(text('organ (发布机构)')),
  source: optional(text('source (来源)')),
  published: required(date),
  site: optional(text('site (网站名称)')),
  index_no: optional(text('index_no (索引号)')),
  category: optional(text('category (分类)')),
  doc_no: optional(text('doc_no (文号)')),
  validity: optional(text('validity (有效性)')),
  keywords: { field: keywordList, fallback: () => [] },
  editor: optional(names('editor (责任编辑)')),
  signature: optional(signature),
  contact: optional(mapping(CONTACT, 'contact')),
  url: optional(webAddress),
  attachment: optional(mapping(ATTACHMENT, 'attachment')),
  toc: { field: tocLevels, fallback: () => 0 },
  statistics: optional(text('statistics (the statistics file, e.g. statistics.yaml)')),
};

/** The front matter, checked: the fields as ReportMeta wants them, or every problem found. */
export function parseFrontMatter(data: unknown): { ok: true; value: FrontMatter } | { ok: false; issues: SchemaIssue[] } {
  const issues: SchemaIssue[] = [];
  const value = mapping(FRONT_MATTER, 'the front matter')(data, [], issues);
  return value !== undefined && issues.length === 0 ? { ok: true, value: value as FrontMatter } : { ok: false, issues };
}

/** The allowed fields of the mapping at `path` (e.g. ["contact"] → organ, address, …). */
export function fieldsAt(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return Object.keys(FRONT_MATTER);
  if (path.length === 1 && path[0] === 'contact') return Object.keys(CONTACT);
  if (path.length === 1 && path[0] === 'attachment') return Object.keys(ATTACHMENT);
  return [];
}
