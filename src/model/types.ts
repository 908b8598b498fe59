/**
 * The report model: the one structure between the readers and the writers.
 * Plain data only (no classes, no functions), so every stage is a pure function of it.
 */
export interface Loc {
  /** Path of the source file, relative to the working directory when possible. */
  file: string;
  /** 1-based line number. */
  line: number;
}

export interface TextInline {
  type: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
}
export type Inline = TextInline;

export type HeadingLevel = 1 | 2 | 3 | 4;

export interface HeadingBlock {
  type: 'heading';
  level: HeadingLevel;
  /** Heading text without its number. */
  inlines: Inline[];
  /** Generated marker, e.g. "一、", "（二）", "3.", "（4）" (set by transform/numbering). */
  number?: string;
  /** Run-in text: a heading that ends with "。" carries the paragraph that follows it. */
  runIn?: Inline[];
  /** Its source as typed (the run-in paragraph's too), where a Markdown mark is escaped in it (ParagraphBlock.escaped). */
  escaped?: string;
  /** The references filled into its text ({{s3_1}} → 56, transform/refs.ts): a check of a figure there names the cell it came from. */
  figures?: FilledFigure[];
  /** A reference in its text could not be filled (an error of the checks): its figures are not checked against each other. */
  unfilled?: true;
  loc: Loc;
}

/** A figure a reference put into the text: the cell's id and label, and the figure as printed (in a list, the item it is in). */
export interface FilledFigure {
  key: string;
  label: string;
  shown: string;
  item?: number;
  /** The character typed right after the reference (its unit: {{…}}件), where its text has one. */
  next?: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  inlines: Inline[];
  loc: Loc;
  /**
   * The paragraph's lines as typed (Markdown syntax and all), where it has more than one: the
   * lines after loc.line. Warnings about one of them name its line (transform/lint.ts).
   */
  sourceLines?: string[];
  /** Its source as typed, where a Markdown mark is escaped in it (\*, \[, \=): what prints as typed there is meant so (transform/lint.ts). */
  escaped?: string;
  /** The references filled into its text ({{s3_1}} → 56, transform/refs.ts): a check of a figure there names the cell it came from. */
  figures?: FilledFigure[];
  /** A reference in its text could not be filled (an error of the checks): its figures are not checked against each other. */
  unfilled?: true;
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  start: number;
  items: Inline[][];
  /** Each item's number as printed, set by transform/numbering.ts for an ordered list. */
  markers?: string[];
  /** An ordered list typed 1) 2): its numbers are printed 1） 2） (Markdown's own list printed them 1. 2.). */
  paren?: true;
  /** An ordered list's item numbers as typed, with their lines (Markdown prints start, start + 1, … whatever was typed). */
  typed?: { n: number; line: number }[];
  /** Each item's line, bulleted or numbered (a finding in an item is named at it, not at the list's first). */
  lines?: number[];
  /** Each item's source as typed where a Markdown mark is escaped in it (ParagraphBlock.escaped), else undefined; absent where none is. */
  escaped?: (string | undefined)[];
  /** Lines at the margin that run on from the last item after its sentence ended (a paragraph typed right under a list: Markdown's lazy continuation). */
  runOn?: number[];
  /** The references filled into its items ({{s3_1}} → 56, transform/refs.ts), each with its item: a check of a figure there names the cell it came from. */
  figures?: FilledFigure[];
  /** The items with a reference that could not be filled (an error of the checks): their figures are not checked against each other. */
  unfilled?: number[];
  loc: Loc;
}

export interface TableBlock {
  type: 'table';
  header: Inline[][];
  rows: Inline[][][];
  /** Each column's alignment as its `| :---: |` line asks (`|---|`: left, the default). */
  align: ('left' | 'center' | 'right')[];
  loc: Loc;
}

/** Where a body statistics table (2019/2021 formats) is printed: a paragraph "{{table t3}}". */
export interface StatTableBlock {
  type: 'statTable';
  table: string;
  loc: Loc;
}

export type Block = HeadingBlock | ParagraphBlock | ListBlock | TableBlock | StatTableBlock;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface ReportDateTime extends CalendarDate {
  hour?: number;
  minute?: number;
}

export interface Contact {
  organ?: string;
  address?: string;
  postcode?: string;
  phone?: string;
  email?: string;
}

export interface ReportMeta {
  /** On one line (the lines of a title broken by hand joined). */
  title: string;
  /**
   * The title's lines where the author broke it (a front matter `title: |` over several lines);
   * absent, gongwen breaks a long title itself (layout/title-lines.ts).
   */
  titleLines?: string[];
  /** The year the report covers (报告年度). */
  year: number;
  /** 发布机构: PDF author, DOCX creator. */
  organ: string;
  /** 来源 as printed on the portal; defaults to the organ. */
  source: string;
  /** 发布日期 (and time): also the document's creation date, never the clock. */
  published: ReportDateTime;
  site?: string;
  indexNo?: string;
  category?: string;
  docNo?: string;
  validity?: string;
  keywords: string[];
  editor?: string;
  /**
   * 发文机关署名 (the organ that signs), printed with the 成文日期 (the publication date) after the
   * body and its 附件说明 (GB/T 9704 7.3.5.2); absent: neither is printed, as on the portals.
   */
  signature?: string;
  contact?: Contact;
  url?: string;
  /** Heading levels a table of contents after the title block lists (1–4); 0: no table of contents. */
  toc: number;
}

/* ---------------------------------------------------------------- statistics */

/** A template row as the YAML gives it (indicator-list rows and matrix rows share this shape). */
export interface TemplateRowDef {
  id: string;
  label: string | null;
  unit?: string;
  level?: number;
  kind?: 'section' | 'group' | 'of_which' | 'section_with_value' | 'value';
  label_colspan?: number;
  label_rowspan?: number;
  children?: TemplateRowDef[];
  /** false: the label's wording is not yet checked against a published form (gov-2014's rows). */
  confirmed?: boolean;
}

export interface HeaderCellDef {
  text: string;
  rowspan?: number;
  colspan?: number;
  col?: string;
}

export interface BlockDef {
  id: string;
  title: { text: string; colspan: number };
  header: HeaderCellDef[];
  rows: { id: string; label: string; unit?: string; cells: { col: string; colspan?: number }[] }[];
}

/** The printed structure of one statistics table, as data (templates/*.yaml). */
export type TableLayoutDef =
  | { kind: 'indicator-list'; columns: { id: string; header: string }[]; placeholder: string; rows: TemplateRowDef[] }
  | { kind: 'blocks'; gridColumns: number; blocks: BlockDef[] }
  | { kind: 'matrix'; labelColumns: number; dataColumns: { id: string; label: string }[]; headerRows: HeaderCellDef[][]; rows: TemplateRowDef[] }
  | { kind: 'single-row'; dataColumns: { id: string; label: string }[]; headerRows: HeaderCellDef[][] };

/** One value cell of a template. */
export interface StatCell {
  /** Reference key: "s3_1" (2014), "t3.new_received.total", "t2.licensing.decisions", "t4.review_total". */
  key: string;
  table: string;
  row?: string;
  col?: string;
  /** Chinese label for messages, e.g. "三（三）申请答复数" or "表三 一、本年新收政府信息公开申请数量 / 总计". */
  label: string;
  unit: string;
  /** May be negative (本年增/减). */
  signed: boolean;
  /** May have decimals (amounts in 万元). */
  decimals: boolean;
}

/** An arithmetic rule, expanded to cell keys: sum(parts) = sum(totals), or parts[0] ≤ totals[0]. */
export interface StatRule {
  id: string;
  table: string;
  kind: 'sum' | 'lte';
  /** printed on the form (an error when violated) or derived from meaning (a warning). */
  status: 'printed' | 'derived';
  parts: string[];
  totals: string[];
}

export interface StatTableTemplate {
  id: string;
  title: string;
  layout: TableLayoutDef;
  cells: StatCell[];
  /** Ids of section and group rows (headers that take no value). */
  groupRows: string[];
  /** Each of those rows' label and the ids of the value rows under it (for the message of a figure written under one). */
  groups: Map<string, { label: string; rows: string[] }>;
}

export interface TemplateSection {
  /** 一, 二, … */
  no: string;
  title: string;
  /** The id of the table placed in this part (t2, t3, t4), if any. */
  table?: string;
}

export interface StatTemplate {
  id: string;
  title: string;
  /** The report years the form is for (to is open for the current form). */
  years?: { from: number; to?: number };
  /** 2014: one table as an attachment; 2019/2021: tables inside the body. */
  placement: 'attachment' | 'body';
  /** The report's parts in order, as the form lays them down (2019/2021), with the table each holds. */
  sections?: TemplateSection[];
  tables: StatTableTemplate[];
  cells: Map<string, StatCell>;
  rules: StatRule[];
}

export interface StatisticsTable {
  template: StatTemplate;
  /** Cell key → value; cells not given are absent and render blank. */
  values: Record<string, number>;
  file: string;
  /** Cell key → line in the statistics file. */
  lines: Record<string, number>;
  /** Cell key → where a cell not written would go: the line of its row, or of its table (2019/2021 files). */
  places?: Record<string, number>;
  /** Cell key → its cell in a workbook (表三!D4), where the file is one: it has no lines. */
  cells?: Record<string, string>;
  /** Cell key → the text of a workbook cell that holds its figure as text ("２３", "1,234"), which Excel's SUM leaves out (where the sheet has formulas). */
  asText?: Record<string, string>;
  /** The line of `template:` in the statistics file, where it has one. */
  templateLine?: number;
  /** Where `gongwen aggregate` wrote this table: what it summed (its header, or its workbook's "gongwen" sheet). */
  sumRecord?: SumRecord;
  /**
   * The report year the figures are for, where the file says so (`year:`, written by gongwen new
   * and aggregate; a workbook's "gongwen" sheet): last year's file among this year's is found.
   */
  year?: number;
}

/**
 * What a sum adds up, as `gongwen aggregate` records it: a fingerprint of the sum's values (a sum
 * edited since no longer matches) and each unit's name with a fingerprint of its values, so that
 * the sum is not added up with those units again (io/aggregate.ts).
 */
export interface SumRecord {
  sum: string;
  /**
   * Each unit's name and fingerprint, and 1 where its figures tell it apart (five figures or more
   * other than 0): two sums that record one such unit each count it (io/aggregate.ts).
   */
  units: [name: string, fingerprint: string, telling?: 1][];
  /** Units given and left out (--partial), with why: a build of the report warns of them. */
  left?: string[];
  /** Units summed from a YAML file whose workbook was saved after it (its figures not in): a build warns of them too. */
  stale?: string[];
  /** Units that leave empty cells which other units fill, by table (transform/aggregate.ts gapText): a build warns of them too. */
  gaps?: string[];
  /**
   * Each unit's statistics file, as `units`: its path from the sum's folder and its bytes'
   * fingerprint, so that a unit corrected after the sum is found (io/sum-units.ts).
   */
  files?: [path: string, bytes: string][];
}

/** A sum's record: of two units or more, or with units left out (one of one unit alone is a unit's form as handed out). */
export const isSumRecord = (r: SumRecord | undefined): r is SumRecord => r !== undefined && (r.units.length > 1 || Boolean(r.left?.length));

/** A SumRecord as its one line of text (JSON), and back; undefined for text that is none. */
export const sumRecordText = (r: SumRecord): string => JSON.stringify(r);
export function parseSumRecord(text: string): SumRecord | undefined {
  try {
    const r = JSON.parse(text) as SumRecord;
    return typeof r?.sum === 'string' && Array.isArray(r.units) && r.units.every((u) => Array.isArray(u) && typeof u[0] === 'string' && typeof u[1] === 'string')
      && [r.left, r.stale, r.gaps].every((list) => list === undefined || (Array.isArray(list) && list.every((x) => typeof x === 'string')))
      && (r.files === undefined || (Array.isArray(r.files) && r.files.every((f) => Array.isArray(f) && typeof f[0] === 'string' && typeof f[1] === 'string'))) ? r : undefined;
  } catch {
    return undefined;
  }
}

export interface Attachment {
  title: string;
  /** The statistics table printed in this attachment (2014 format), by table id. */
  table?: string;
  /**
   * A note printed under the attachment's table (`attachment.note`: 注：本表数字摘自报告正文。), a
   * body paragraph as a note under a table in the body is, at its front-matter line.
   */
  note?: ParagraphBlock;
  loc: Loc;
}

export interface Report {
  /** The content folder. */
  dir: string;
  meta: ReportMeta;
  blocks: Block[];
  attachments: Attachment[];
  statistics?: StatisticsTable;
  /** Line of each front-matter field that is printed (title, organ, …), for messages. */
  /** Each front-matter field's line (a contact's fields each their own: `contact.phone`). */
  metaLines: Partial<Record<keyof ReportMeta | `contact.${keyof Contact}`, number>>;
  /** Line number of the first body line in the report file, and the file itself. */
  source: Loc;
  /**
   * Front-matter lines still marked 【待填写…】 (in a value or in a comment after it, as `gongwen
   * new` marks the date it pre-fills), with their text: reported until the mark is gone.
   */
  frontTodos?: { loc: Loc; text: string }[];
  /**
   * What the transform chain could not do (a reference to an empty cell, left out of the text):
   * errors of the checks (build.ts reviewReport), reported with their other findings.
   */
  problems?: { loc: { file: string; line?: number }; message: string; hint?: string }[];
}

export const inlineText = (inlines: Inline[]): string => inlines.map((i) => i.text).join('');

/**
 * Where a Markdown table's row is typed: its header (`row` 0) at the table's line, its body rows
 * (1, 2 …) after the |---| line; a table's rows are one line each.
 */
/** Where item `k` of a list is: its own line where known, else the list's. */
export const listItemLoc = (b: ListBlock, k: number): Loc => (b.lines?.[k] !== undefined ? { ...b.loc, line: b.lines[k] } : b.loc);

export const tableRowLoc = (b: TableBlock, row: number): Loc =>
  (b.loc.line === undefined || row === 0 ? b.loc : { ...b.loc, line: b.loc.line + row + 1 });

/**
 * A heading as its table-of-contents entry lists it: a run-in heading without the 。 (or ．, ；, ：)
 * that ends it in its paragraph — 1.加强政策解读, not 1.加强政策解读。; before a closing quote too (both writers).
 */
export function tocInlines(b: HeadingBlock): Inline[] {
  const last = b.inlines.at(-1);
  if (!b.runIn || !last) return b.inlines;
  const text = last.text.replace(/[。．.；;：:](?=[”’」』）)]*\s*$)/u, '').trimEnd();
  return text === last.text ? b.inlines : [...b.inlines.slice(0, -1), ...(text ? [{ ...last, text }] : [])];
}

/** How a note under a table opens: 注：, 注1：, 说明：, 备注：, 资料来源：, 数据来源：. */
const TABLE_NOTE = /^\s*(?:注|注释|说明|备注|资料来源|数据来源)\s*\d*\s*[：:]/u;

/**
 * Block `i` is a note under a table: a paragraph right after a statistics or Markdown table that
 * opens as a note does (注：本表…). Both writers keep it with the table's last row, as a table's
 * note belongs to it: it never starts a page that its table does not reach.
 */
export const isTableNote = (blocks: readonly Block[], i: number): boolean => {
  const b = blocks[i];
  const before = blocks[i - 1];
  return b?.type === 'paragraph' && (before?.type === 'table' || before?.type === 'statTable') && TABLE_NOTE.test(inlineText(b.inlines));
};

/**
 * The heading levels the table of contents lists: `toc:`, or 0 where the report has no heading
 * that deep or shallower (no 目录 over nothing; reviewReport warns).
 */
export const tocLevels = (r: Pick<Report, 'meta' | 'blocks'>): number =>
  r.meta.toc > 0 && r.blocks.some((b) => b.type === 'heading' && b.level <= r.meta.toc) ? r.meta.toc : 0;
