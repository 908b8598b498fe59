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
  loc: Loc;
}

export interface ParagraphBlock {
  type: 'paragraph';
  inlines: Inline[];
  loc: Loc;
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  start: number;
  items: Inline[][];
  loc: Loc;
}

export interface TableBlock {
  type: 'table';
  header: Inline[][];
  rows: Inline[][][];
  loc: Loc;
}

export type Block = HeadingBlock | ParagraphBlock | ListBlock | TableBlock;

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
  title: string;
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
  contact?: Contact;
  url?: string;
}

/** One row of a statistics template of kind indicator-list (统计指标 | 单位 | 统计数). */
export interface TemplateRow {
  id: string;
  label: string;
  unit: string;
  level: number;
  /** section / group rows show the placeholder; of_which rows are "其中" rows. */
  kind: 'section' | 'group' | 'of_which' | 'value' | 'section_with_value';
}

export interface TableTemplate {
  id: string;
  title: string;
  columns: { id: string; header: string }[];
  placeholder: string;
  rows: TemplateRow[];
}

export interface StatisticsTable {
  template: TableTemplate;
  /** Row id → value; rows not given are absent and render blank. */
  values: Record<string, number>;
  file: string;
}

export interface Attachment {
  title: string;
  statistics?: StatisticsTable;
  loc: Loc;
}

export interface Report {
  /** The content folder. */
  dir: string;
  meta: ReportMeta;
  blocks: Block[];
  attachments: Attachment[];
  /** Line number of the first body line in the report file, and the file itself. */
  source: Loc;
}

export const inlineText = (inlines: Inline[]): string => inlines.map((i) => i.text).join('');
