/**
 * Statistics as an Excel workbook, the form units actually fill in: one sheet per table, laid
 * out like the printed table (the same statGrid the PDF and DOCX writers draw, merged cells
 * included), plus a hidden sheet "gongwen" that names the template. Reading a workbook back
 * checks every row label and column header before it takes a value, so a unit whose sheet has
 * rows in another order is refused rather than summed into the wrong rows.
 */
import { valueFix, valueProblem } from '../read/statistics.js';
import ExcelJS from 'exceljs';
import type { Border, Cell, CellValue, Worksheet } from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { condensed, InputError, throwAll } from '../model/errors.js';
import { formatAmount, roundYuan, toTheYuan, YUAN } from '../model/amounts.js';
import { asciiDigits } from '../model/typed-text.js';
import { parseSumRecord, sumRecordText, type StatCell, type StatisticsTable, type StatTableTemplate, type StatTemplate, type SumRecord } from '../model/types.js';
import { availableTemplates, loadTemplate } from '../read/templates.js';
import { SAVE_AS_XLSX } from '../read/text-file.js';
import { isCovered, statGrid, type GridCell, type StatGrid } from '../layout/stat-grid.js';

/** The hidden sheet that records which template a workbook is on (A1 "template", B1 the id). */
export const META_SHEET = 'gongwen';
const SUM_RECORD = 'sum record';

/** "统计表" for the 2014 single table; "表二" … for the 2019/2021 tables ("二、主动公开…" → 表二). */
export function sheetName(template: StatTemplate, table: StatTableTemplate): string {
  return template.placement === 'attachment' ? '统计表' : `表${table.title.split('、')[0]}`;
}

interface Pos { r: number; c: number }

const positionCache = new WeakMap<StatTableTemplate, Map<string, Pos>>();

/**
 * Where each value cell sits in the table's grid (0-based). statGrid is the one description of
 * the printed layout; rather than repeat its placement rules here, render it once with each
 * cell's ordinal as its value and read the positions back.
 */
export function cellPositions(table: StatTableTemplate): Map<string, Pos> {
  const hit = positionCache.get(table);
  if (hit) return hit;
  const grid = statGrid(table, Object.fromEntries(table.cells.map((c, i) => [c.key, i + 1])));
  const found = new Map<string, Pos>();
  grid.rows.forEach((row, r) => row.forEach((slot, c) => {
    if (isCovered(slot) || slot.role !== 'value') return;
    const m = /^\+?(\d+)$/.exec(slot.text); // signed cells print "+n"; unit and "—" slots never match
    if (m) found.set(table.cells[Number(m[1]) - 1].key, { r, c });
  }));
  const missing = table.cells.filter((c) => !found.has(c.key));
  if (missing.length) throw new Error(`statGrid places no slot for ${missing.map((c) => c.key).join(', ')}`);
  positionCache.set(table, found);
  return found;
}

/** For each slot, the top-left slot of the (merged) cell that covers it. */
function owners(grid: StatGrid): Pos[][] {
  const own: Pos[][] = grid.rows.map((row) => row.map(() => ({ r: -1, c: -1 })));
  grid.rows.forEach((row, r) => row.forEach((slot, c) => {
    if (isCovered(slot)) return;
    for (let i = r; i < r + slot.rowSpan; i++) for (let j = c; j < c + slot.colSpan; j++) own[i][j] = { r, c };
  }));
  return own;
}

/* ------------------------------------------------------------------ export */

const THIN: Partial<Border> = { style: 'thin' };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Total sheet width in Excel character units, shared out by the grid's relative widths. */
const SHEET_WIDTH = 120;
/** Whether an Excel number format shows a percentage: a % outside quotes and not escaped (0%, 0.00%; not "%"0 nor \\%). */
export const isPercentFormat = (format: unknown): boolean =>
  typeof format === 'string' && format.replace(/"[^"]*"|\\./g, '').includes('%');

/** A fixed date for docProps/core.xml, so that the workbook does not depend on the clock. */
const EPOCH = new Date(Date.UTC(2000, 0, 1));

/**
 * exceljs stamps every ZIP entry with the current time; repack with a fixed one (local time on
 * both ends of the round trip, as in docx-pack.ts) so the same table always gives the same bytes.
 */
function repack(raw: Uint8Array): Buffer {
  const mtime = new Date(1980, 0, 1);
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(unzipSync(raw))) zippable[name] = [data, { mtime, level: 6 }];
  return Buffer.from(zipSync(zippable));
}

/** Width of a text in Excel character units: a CJK character is two. */
const textWidth = (s: string): number => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) + 1;

function addTableSheet(wb: ExcelJS.Workbook, template: StatTemplate, table: StatTableTemplate, values: Record<string, number>): void {
  const grid = statGrid(table, values);
  const ws = wb.addWorksheet(sheetName(template, table), {
    views: grid.headerRows ? [{ state: 'frozen', ySplit: grid.headerRows }] : [],
    // Printed, the sheet fits the page width like the official form; its header repeats on each page.
    pageSetup: { paperSize: 9, orientation: grid.widths.length > 4 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      printTitlesRow: grid.headerRows ? `1:${grid.headerRows}` : undefined },
  });
  ws.columns = grid.widths.map((w) => ({ width: Math.max(6, Math.round(w * SHEET_WIDTH)) }));
  const keyAt = new Map([...cellPositions(table)].map(([key, p]) => [`${p.r},${p.c}`, key]));
  grid.rows.forEach((row, r) => row.forEach((slot, c) => {
    if (isCovered(slot)) return;
    const cell = ws.getCell(r + 1, c + 1);
    const key = keyAt.get(`${r},${c}`);
    // Value cells hold numbers (not the printed "+3" or "−2"); everything else its printed text.
    cell.value = key ? values[key] ?? null : slot.text || null;
    cell.alignment = { horizontal: slot.align, vertical: 'middle', wrapText: true, indent: slot.indent };
    if (slot.role === 'head' || slot.role === 'section') cell.font = { bold: true };
    if (slot.rowSpan > 1 || slot.colSpan > 1) ws.mergeCells(r + 1, c + 1, r + slot.rowSpan, c + slot.colSpan);
  }));
  // Excel does not grow a row for wrapped text in a file it did not write: size rows with long labels.
  const widths = (ws.columns ?? []).map((col) => col.width ?? 8);
  grid.rows.forEach((row, r) => {
    const lines = Math.max(1, ...row.map((slot, c) => (isCovered(slot) || slot.rowSpan > 1 ? 1
      : Math.ceil(textWidth(slot.text) / widths.slice(c, c + slot.colSpan).reduce((a, b) => a + b, 0)))));
    if (lines > 1) ws.getRow(r + 1).height = 15 * lines;
  });
  // Borders last, on every slot: a merged cell's border is drawn from its edge slots.
  grid.rows.forEach((row, r) => row.forEach((_, c) => { ws.getCell(r + 1, c + 1).border = BORDER; }));
}

/**
 * The workbook for a table's values: one sheet per template table, then the hidden "gongwen"
 * sheet (the template; for a sum, A2 "sum record" and B2 its record, so that it is not summed with its units again).
 */
export async function statisticsToXlsx(template: StatTemplate, values: Record<string, number>, sumRecord?: SumRecord, year?: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongwen';
  wb.created = EPOCH;
  wb.modified = EPOCH;
  for (const table of template.tables) addTableSheet(wb, template, table, values);
  const meta = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  meta.getCell('A1').value = 'template';
  meta.getCell('B1').value = template.id;
  if (sumRecord) {
    meta.getCell('A2').value = SUM_RECORD;
    meta.getCell('B2').value = sumRecordText(sumRecord);
  }
  // (the report year the figures are for, as a YAML file's year:)
  if (year !== undefined) {
    meta.getCell('A3').value = 'year';
    meta.getCell('B3').value = year;
  }
  return repack(new Uint8Array(await wb.xlsx.writeBuffer()));
}

/* ------------------------------------------------------------------ import */

/** Labels compare equal across full/half-width forms （）/() and any whitespace or line breaks. */
const normLabel = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

const where = (ws: Worksheet, cell: Cell) => `${ws.name}!${cell.address}`;

function templateOf(wb: ExcelJS.Workbook, file: string, templateId: string | undefined): StatTemplate {
  const meta = wb.getWorksheet(META_SHEET);
  const named = meta && textOf(meta.getCell('A1')).trim() === 'template' ? textOf(meta.getCell('B1')).trim() : undefined;
  const id = named || templateId;
  if (!id) {
    throw new InputError({ file }, `the workbook does not say which statistics template it uses (${meta ? `its sheet "${META_SHEET}" has no "template" in A1 and the template's id in B1: edited?` : `no sheet "${META_SHEET}"`})`,
      `give --template with one of: ${availableTemplates().join(', ')}`);
  }
  const template = loadTemplate(id);
  if (!template) {
    throw new InputError({ file }, `unknown statistics template "${id}"${named ? ` in sheet ${META_SHEET}!B1` : ''}`,
      `use one of: ${availableTemplates().join(', ')}`);
  }
  return template;
}

/**
 * The row label and column header of every value cell, at the grid positions the export uses.
 * Returns the first that differs, top to bottom: after a moved row every later row is off too,
 * and the first one is the one to fix. `unitless` gets, for each value cell under a header
 * typed without the unit the form's header names (采购总金额 for 采购总金额（单位：万元）), that header.
 */
function checkLabels(ws: Worksheet, table: StatTableTemplate, grid: StatGrid, file: string, unitless: Map<string, { address: string; text: string; expected: string }>): InputError | undefined {
  const own = owners(grid);
  const slot = (p: Pos) => grid.rows[p.r][p.c] as GridCell;
  const checks = new Map<string, Pos & { what: string }>();
  const headerOf = new Map<string, string>();
  for (const [key, { r, c }] of cellPositions(table)) {
    // The row label: the rightmost label slot left of the value (the leaf row in 表三).
    for (let j = c - 1; j >= 0; j--) {
      const o = own[r][j];
      if (o.r === r && ['label', 'section'].includes(slot(o).role)) { checks.set(`${o.r},${o.c}`, { ...o, what: 'row label' }); break; }
    }
    // The column header: the nearest header cell above the value.
    for (let i = r - 1; i >= 0; i--) {
      const o = own[i][c];
      if (slot(o).role === 'head') { checks.set(`${o.r},${o.c}`, { ...o, what: 'column header' }); headerOf.set(key, `${o.r},${o.c}`); break; }
    }
  }
  const ordered = [...checks.values()].sort((a, b) => a.r - b.r || a.c - b.c);
  for (const p of ordered) {
    const expected = slot(p).text;
    const cell = ws.getCell(p.r + 1, p.c + 1);
    const found = textOf(cell);
    // (a header that says its unit, 采购总金额（单位：万元）, matches one without it — a workbook gongwen
    // wrote before it said the unit, or the form as published — whose figures are then looked at)
    const bare = normLabel(found) !== normLabel(expected) && normLabel(found) === normLabel(expected.replace(HEADER_UNIT, ''));
    if (normLabel(found) !== normLabel(expected) && !bare) {
      // (a blank row inserted above: said as that row, not as the label it pushed down, an edge audit)
      // (the row's own cells empty, from its label on: a label over several rows, merged, fills the columns before it)
      const blank = p.r + 1;
      const empty = Array.from({ length: Math.max(1, ws.getRow(blank).cellCount - p.c) }, (_, k) => ws.getCell(blank, p.c + 1 + k)).every((c) => !textOf(c).trim());
      if (empty && normLabel(textOf(ws.getCell(p.r + 2, p.c + 1))) === normLabel(expected)) {
        return new InputError({ file }, `sheet ${ws.name}, row ${blank} is empty: a row inserted into the form pushed its rows down ("${expected}" is in row ${p.r + 2}, not ${p.r + 1})`,
          `delete row ${blank} (删除整行), so that the form's rows are where they were`);
      }
      return new InputError({ file }, `sheet ${ws.name}, row ${p.r + 1}: ${p.what} is "${found.trim()}", expected "${expected}" (${where(ws, cell)})`,
        'keep the rows and columns of the official form in their order (do not insert, delete or move rows); ' +
        'copy the figures into a form exported by gongwen if the layout differs');
    }
    if (bare) {
      for (const [key, at] of headerOf) if (at === `${p.r},${p.c}`) unitless.set(key, { address: where(ws, cell), text: found.trim(), expected });
    }
  }
  return undefined;
}

/**
 * A figure typed as text: "1,234", full-width "１２３", "−5" as gongwen prints negatives; spaces
 * around it. Not NFKC, nor spaces taken out inside: "1¹" (a footnote mark) was read as 11 and
 * "12 5" as 125, without a word (a statistics audit).
 */
function numberFromText(s: string): number | null | undefined {
  const t = asciiDigits(s.trim()).replace(/，/g, ',').replace(/[\u2212－]/g, '-').replace(/＋/g, '+');
  if (!t) return null;
  return /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t) ? Number(t.replace(/,/g, '')) : undefined;
}

/** A cell's number; null when blank; undefined when it holds something that is not a number. */
function numberOf(v: CellValue): number | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return numberFromText(v);
  if (typeof v === 'object' && 'richText' in v) return numberFromText(v.richText.map((t) => t.text).join(''));
  // (a cell that links somewhere shows its figure: read as the figure, a statistics audit)
  if (typeof v === 'object' && 'hyperlink' in v && 'text' in v) return numberFromText(String(v.text));
  // A formula counts by its saved result (a file saved by Excel or WPS has one).
  if (typeof v === 'object' && 'result' in v) return v.result === undefined ? undefined : numberOf(v.result as CellValue);
  return undefined;
}

/** The unit a form's column header ends with: 采购总金额（单位：万元）. */
const HEADER_UNIT = /（单位：([^）]*)）$/u;

/** The same rule as a YAML statistics file: whole non-negative numbers; signed and 万元 cells per template. */
function checkValue(cell: StatCell, n: number | undefined, raw: string, at: string, file: string): InputError | undefined {
  const what = valueProblem(cell, n);
  if (!what) return undefined;
  // an amount with a fifth decimal (a formula's result shown as 12.3457) gets the amount to the yuan
  return new InputError({ file }, `${at}: ${cell.label}: value ${JSON.stringify(raw)} is not a ${what}`,
    valueFix(cell, n ?? raw) ?? `write a number of ${cell.unit || 'units'} in the cell, or leave it blank if the figure is unknown`);
}

/** A figure typed with a count's or an amount's unit after it (20件, 3.5万元), or undefined. */
function figureWithUnit(text: string): number | undefined {
  const m = /^([+-]?\d[\d,]*(?:\.\d+)?)\s*(?:件|个|项|次|人次|条|篇|家|人|万元|元|%|％)$/u.exec(asciiDigits(text.trim()));
  return m ? numberFromText(m[1]!) ?? undefined : undefined;
}

/**
 * Figures typed where the form takes none — a section row's "—" cell (一、主动公开情况), a row
 * below the form, a column beside it — which would be dropped without a word: each is an error
 * at its cell. (Text typed there is left alone: a note beside the table is not a figure.)
 */
function strayFigures(ws: Worksheet, table: StatTableTemplate, grid: StatGrid, file: string): InputError[] {
  const values = new Set([...cellPositions(table).values()].map((p) => `${p.r},${p.c}`));
  const found: InputError[] = [];
  let more = 0; // (a column filled down to row 1,048,576 gave 150,000 errors, and ran the stack out)
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
    const r = rowNumber - 1;
    const c = colNumber - 1;
    if (values.has(`${r},${c}`) || cell.isMerged && cell.master !== cell) return;
    // (a figure with its unit, 20件, typed over the 单位 column's 件 and its value cell left blank:
    // dropped without a word, a statistics audit)
    const n = numberOf(cell.value) ?? figureWithUnit(textOf(cell));
    if (n === null || n === undefined) return;
    const slot = grid.rows[r]?.[c];
    // the form's own text (a figure as a label) is no stray figure
    if (slot && !isCovered(slot) && (numberFromText(slot.text) === n || normLabel(slot.text) === normLabel(textOf(cell)))) return;
    if (found.length >= MAX_STRAY) { more++; return; }
    const rowLabel = grid.rows[r]?.find((x): x is GridCell => !isCovered(x) && (x.role === 'label' || x.role === 'section'))?.text;
    found.push(new InputError({ file }, `${where(ws, cell)}: ${cell.text} is in a cell that takes no figure (${slot ? `row "${rowLabel ?? grid.rows[r]!.map((x) => (isCovered(x) ? '' : x.text)).join('')}"` : 'outside the form'}), so it would not be read`,
      'type each figure in a value cell of the form, under its column and beside its row label; a section row takes none'));
  }));
  if (more) {
    found.push(new InputError({ file }, `sheet "${ws.name}": and ${more} more figures in cells that take none`,
      'clear the cells outside the form (a column filled down too far?), then convert the workbook again'));
  }
  return found;
}

/** Stray figures named one by one in a sheet; the rest are counted. */
const MAX_STRAY = 20;
/** Cells formatted as percentages named one by one, per sheet; the rest counted. */
const MAX_PERCENT = 5;

/** A cell's text as a string (exceljs gives another kind where the workbook's shared strings are missing). */
const textOf = (cell: Cell): string => {
  // (a merged cell whose first cell was cleared: exceljs's text throws, and a cleared header was an
  // internal error, a review)
  try {
    return typeof cell.text === 'string' ? cell.text : String(cell.text ?? '');
  } catch {
    return '';
  }
};

/**
 * Read a workbook written by statisticsToXlsx (and filled in by a unit). The template comes from
 * the "gongwen" sheet, else `templateId`. Blank cells stay empty; every problem names the sheet
 * and cell, and all of them are reported together.
 */
/** A cell as the sheet's XML holds it: its type (t=, n where none), its <v> text, whether it has a formula. */
interface RawCell { type: string; value: string; formula: boolean }

/**
 * Every valued cell of each sheet as the package's XML holds it, by sheet name and cell address
 * (D10): a formula's saved result where exceljs gives it none, and what exceljs read as a number
 * (it takes "517abc" as 517 and a date cell, t="d", 2021-06-06, as 2021: adversarial audit).
 */
function rawCells(data: Buffer): Map<string, Map<string, RawCell>> {
  const out = new Map<string, Map<string, RawCell>>();
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(data, { filter: (f) => /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|worksheets\/[^/]+\.xml)$/.test(f.name) });
  } catch {
    return out;
  }
  const text = (name: string) => (parts[name] ? new TextDecoder().decode(parts[name]) : '');
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const targets = new Map([...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)].map((m) => [
    /\bId="([^"]*)"/.exec(m[0])?.[1] ?? '', (/\bTarget="([^"]*)"/.exec(m[0])?.[1] ?? '').replace(/^\/?(xl\/)?/, 'xl/'),
  ]));
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescape(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const target = targets.get(/\br:id="([^"]*)"/.exec(m[0])?.[1] ?? '');
    if (!target) continue;
    const cells = new Map<string, RawCell>();
    // (a cell's own <f> and <v>: not past its </c>, nor from an empty <c …/> into the next cell)
    for (const c of text(target).matchAll(/<c\b([^>]*)\br="([A-Z]+\d+)"([^>]*)(?<!\/)>((?:(?!<\/c>|<c\b)[\s\S])*)<\/c>/g)) {
      const v = /<v>([^<]*)<\/v>|<v\/>/.exec(c[4]!);
      if (!v) continue;
      cells.set(c[2]!, { type: /\bt="([^"]*)"/.exec(`${c[1]}${c[3]}`)?.[1] ?? 'n', value: unescape(v[1] ?? ''), formula: /<f\b/.test(c[4]!) });
    }
    out.set(name, cells);
  }
  return out;
}

/**
 * A formula cell's saved result: a number, null for a blank (a text result that is empty), TRUE,
 * FALSE or an error's text (no figures); undefined where there is none.
 */
function savedResult(raw: RawCell | undefined): number | string | null | undefined {
  if (!raw?.formula) return undefined;
  const { type, value } = raw;
  if (type === 'str' && value.trim() === '') return null;
  if ((type === 'n' || type === 'str') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (type === 'b') return value.trim() === '1' ? 'TRUE' : 'FALSE';
  if (type === 'e') return value.trim() || 'an error';
  return undefined;
}

/** The most a statistics workbook may unpack to: a form is some 100 KB unpacked; 64 MB is a sheet of 100,000 rows. */
const UNPACKED_LIMIT = 64 * 2 ** 20;

export async function statisticsFromXlsx(data: Buffer, file: string, templateId?: string): Promise<StatisticsTable> {
  // an OLE2 compound file: an .xls of Excel 97–2003 renamed, or an .xlsx saved with a password
  // (Excel encrypts the whole package into one); the ZIP reader said only "is this a zip file?"
  if (data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0 && data.readUInt32BE(4) === 0xa1b11ae1) {
    throw new InputError({ file }, 'is an old .xls workbook or one protected by a password (both are stored otherwise than an .xlsx), so it cannot be read',
      'open it in Excel or WPS, remove any password (文件 → 信息 → 保护工作簿 → 用密码进行加密, empty it), and save it as Excel 工作簿 (*.xlsx)');
  }
  const SAVE_AS = `${SAVE_AS_XLSX}; .xls, .et and .ods files are not read`;
  // (said in the clerk's terms, not the ZIP reader's English with its web address: adversarial audit)
  if (data.length === 0) throw new InputError({ file }, 'is empty (0 bytes): a copy or a download that did not finish?', 'copy or save the workbook again');
  // (a LibreOffice spreadsheet given the name .xlsx: a ZIP whose first part names its kind, "holds no worksheets … a Word document?", an edge audit)
  if (data.subarray(30, 100).toString('latin1').startsWith('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) {
    throw new InputError({ file }, 'is a LibreOffice Calc spreadsheet (.ods) given the name .xlsx', 'open it in LibreOffice Calc and save it as an Excel workbook: 另存为 → Excel 2007-365 (*.xlsx)');
  }
  if (data.length < 4 || data.readUInt32BE(0) !== 0x504b0304) {
    const text = !data.subarray(0, 512).includes(0);
    throw new InputError({ file }, `is not an .xlsx workbook${text ? ': it is text (a .csv file given the name .xlsx?)' : ''}`, SAVE_AS);
  }
  // (a package that unpacks to far more than a form holds — a "zip bomb", 410 KB making 1.4 GB of
  // memory — refused by the sizes its directory declares, before anything is unpacked: an edge audit)
  let unpacked = 0;
  try {
    unzipSync(data, { filter: (f) => ((unpacked += f.originalSize), false) });
  } catch {
    throw new InputError({ file }, 'is damaged: its package cannot be read as a workbook (cut short in copying?)', SAVE_AS);
  }
  if (unpacked > UNPACKED_LIMIT) {
    throw new InputError({ file }, `unpacks to ${Math.round(unpacked / 2 ** 20)} MB, far more than a statistics form holds (a form is some 100 KB): not the form, or a damaged file`, SAVE_AS);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    throw new InputError({ file }, 'is damaged: its package cannot be read as a workbook (cut short in copying?)', SAVE_AS);
  }
  // (a Word document or another package given the name .xlsx: read as a workbook of no sheets)
  if (!wb.worksheets.length) throw new InputError({ file }, 'holds no worksheets: it is no Excel workbook (a Word document or another file given the name .xlsx?)', SAVE_AS);
  const template = templateOf(wb, file, templateId);
  let raw: Map<string, Map<string, RawCell>> | undefined;
  const values: Record<string, number> = {};
  const cells: Record<string, string> = {};
  /** The figures typed as text, and whether a figure cell holds a formula (a sum rule they break names them where the sheet sums: its =SUM left them out, a 2019-form trial). */
  const asText: Record<string, string> = {};
  let formulas = false;
  const errors: InputError[] = [];
  for (const table of template.tables) {
    const name = sheetName(template, table);
    // (a sheet renamed with a space after it, "表三 ", is that sheet; the hidden gongwen sheet, which
    // the clerk cannot see, is not listed among the others: an edge audit)
    const ws = wb.getWorksheet(name) ?? wb.worksheets.find((w) => w.name.trim() === name);
    if (!ws) {
      errors.push(new InputError({ file }, `no sheet "${name}" (${table.title})`,
        `the workbook has ${wb.worksheets.filter((w) => w.state === 'visible' || w.state === undefined).map((w) => `"${w.name}"`).join(', ')}; keep the sheet names of the form`));
      continue;
    }
    // the form's grid without figures: its labels, and which cells take one
    const grid = statGrid(table, {});
    const unitless = new Map<string, { address: string; text: string; expected: string }>();
    const mismatch = checkLabels(ws, table, grid, file, unitless);
    if (mismatch) { errors.push(mismatch); continue; } // values under wrong labels mean nothing
    let percents = 0;
    for (const [key, p] of cellPositions(table)) {
      const cell = ws.getCell(p.r + 1, p.c + 1);
      // a figure cell merged into another (合并居中 over two figures): Excel keeps the first
      // cell's figure and blanks the rest, and the merged cell reads as the first's figure — a
      // figure nobody typed for this one
      if (cell.isMerged && cell.master !== cell) {
        errors.push(new InputError({ file }, `${where(ws, cell)}: ${template.cells.get(key)!.label}: the cell is merged with ${cell.master.address} (合并单元格), so it has no figure of its own`,
          `unmerge the cells (取消合并单元格) and type the figure of each cell in it`));
        continue;
      }
      const v = cell.value;
      const label = `${where(ws, cell)}: ${template.cells.get(key)!.label}`;
      // (a formula filled down a column names the cell it was filled from: exceljs gives the cell's own)
      const formulaShown = () => {
        const formula = cell.formula || (v as { formula?: string }).formula;
        return formula ? `=${formula}` : `filled from ${(v as { sharedFormula?: string }).sharedFormula ?? 'another cell'}`;
      };
      const failed = v && typeof v === 'object' && 'result' in v && v.result && typeof v.result === 'object' && 'error' in v.result ? v.result.error : undefined;
      if (failed) {
        errors.push(new InputError({ file }, `${label}: the formula ${formulaShown()} gives the error ${String(failed)}`, 'correct the formula, or type the figure'));
        continue;
      }
      // exceljs reads no result for a formula never calculated, nor for one whose saved result is 0
      // (=SUM(D10:I10) over a row of zeros, as Excel and WPS save it: <v>0</v>, province trial):
      // the saved result is read from the sheet itself
      // (a formula filled down a column has sharedFormula, not formula, in exceljs: review)
      const formulaCell = Boolean(v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v) && (v as { result?: unknown }).result === undefined);
      formulas ||= Boolean(v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v));
      const rawCell = () => (raw ??= rawCells(data)).get(ws.name)?.get(cell.address);
      const saved = formulaCell ? savedResult(rawCell()) : undefined;
      // (a formula that shows a blank, =IF(…=0,"",…): an empty cell)
      if (saved === null) continue;
      // (a truth value or an error: no figure, and saving again would not make one, review)
      if (typeof saved === 'string') {
        errors.push(new InputError({ file }, `${label}: the formula ${formulaShown()} gives ${saved}, not a figure`, 'correct the formula, or type the figure'));
        continue;
      }
      if (formulaCell && saved === undefined) {
        errors.push(new InputError({ file }, `${label}: the formula ${formulaShown()} has no saved result`,
          'open the workbook in Excel or WPS and save it again (that stores the results), or type the number'));
        continue;
      }
      let n = saved ?? numberOf(v);
      if (n === null) continue;
      // a number as exceljs reads it, which may be only the start of what the cell holds
      if (typeof v === 'number' && !formulaCell) {
        const held = rawCell();
        if (held?.type === 'd') {
          errors.push(new InputError({ file }, `${label}: the cell holds a date (${held.value}), not a figure`,
            'set the cell\'s format to 数值 (Number) or 常规 (General) and type the figure again'));
          continue;
        }
        if (held && held.type === 'n' && !Number.isFinite(Number(held.value))) {
          errors.push(new InputError({ file }, `${label}: the cell holds "${held.value}", not a figure`, 'type the figure alone in the cell, or save the workbook again in Excel or WPS'));
          continue;
        }
      }
      // Excel turns 6-6, 6/6 or 1-2 into a date as they are typed: the figure is gone from the cell
      if (v instanceof Date) {
        errors.push(new InputError({ file }, `${label}: the cell holds a date (${v.getUTCFullYear()}年${v.getUTCMonth() + 1}月${v.getUTCDate()}日), not a figure`,
          'Excel turned what was typed into a date: set the cell\'s format to 数值 (Number) or 常规 (General) and type the figure again'));
        continue;
      }
      // a cell formatted as a percentage shows 12% and holds 0.12: read as 0.12 万元, silently (an
      // aggregation audit); a YAML file's 12% is refused likewise (read/statistics.ts)
      if (isPercentFormat(cell.numFmt)) {
        // (a sheet formatted as percentages at once gave 200 errors: the first few, then a count, a statistics audit)
        if (++percents <= MAX_PERCENT) {
          errors.push(new InputError({ file }, `${label}: the cell is formatted as a percentage (it holds ${n!}, shown as ${Number((n! * 100).toFixed(6))}%), not as a figure`,
            'set the cell\'s format to 数值 (Number) or 常规 (General) and type the figure (the form asks for counts and 万元, no percentages)'));
        }
        continue;
      }
      // (a formula's float noise, =A1*3 giving 271.00000000000006 where Excel shows 271: the figure
      // shown, not a count refused as no whole number, a statistics audit; an amount to the yuan likewise)
      const cellOf = template.cells.get(key)!;
      if (n !== undefined && Number.isFinite(n)) n = cellOf.decimals ? (toTheYuan(n) ? roundYuan(n) : n) : Math.abs(n - Math.round(n)) < 1e-9 * Math.max(1, Math.abs(n)) ? Math.round(n) : n;
      const problem = checkValue(cellOf, n, saved !== undefined ? String(saved) : textOf(cell), where(ws, cell), file);
      // A figure under a header that does not say its unit may be in 元: the published 2019 form
      // prints none, and SH2019 wrote 251000元 in this cell. Read as 万元 it would be printed and
      // summed 10,000 times too large, so the header must say which (once, at its first figure).
      const header = n ? unitless.get(key) : undefined;
      if (header && !problem) {
        const unit = HEADER_UNIT.exec(header.expected)![1]!;
        // (the 2019 form prints no unit there; the 2021 form's header has it, retyped without; and
        // the figure in 万元 said only where it is one, not 0.00 of a figure already in 万元: a review)
        const inWan = roundYuan(n! / YUAN);
        errors.push(new InputError({ file }, `${label}: ${n!} is under the column header "${header.text}" (${header.address}), which does not say its unit, so it may be in 元 (${template.id === 'gov-2019' ? 'the 2019 form as published prints no unit' : 'the form\'s header says its unit'})`,
          `write the header as the form's, "${header.expected}", and the column's figures in ${unit}${unit === '万元' && Number.isInteger(n) && inWan >= 0.01 ? ` (${n!}元 would be ${formatAmount(inWan)})` : ''}`));
        for (const [k, h] of unitless) if (h.address === header.address) unitless.delete(k);
        continue;
      }
      if (problem) errors.push(problem);
      else {
        values[key] = n!;
        cells[key] = where(ws, cell);
        if (typeof v === 'string' || (v && typeof v === 'object' && 'richText' in v)) asText[key] = textOf(cell);
      }
    }
    if (percents > MAX_PERCENT) {
      errors.push(new InputError({ file }, `sheet "${ws.name}": and ${percents - MAX_PERCENT} more figure cells formatted as percentages`,
        'select the sheet\'s figure cells and set their format to 数值 (Number) or 常规 (General) at once, then type the figures again'));
    }
    errors.push(...strayFigures(ws, table, grid, file));
  }
  throwAll(condensed(errors));
  // No line numbers: a cell's place is a sheet and an address, given in the messages instead.
  const meta = wb.getWorksheet(META_SHEET);
  const sumRecord = meta && textOf(meta.getCell('A2')).trim() === SUM_RECORD ? parseSumRecord(textOf(meta.getCell('B2'))) : undefined;
  const yearText = meta && textOf(meta.getCell('A3')).trim() === 'year' ? textOf(meta.getCell('B3')).trim() : '';
  const year = yearText ? Number(yearText) : undefined;
  if (year !== undefined && !(Number.isInteger(year) && year >= 2008 && year <= 2100)) {
    throw new InputError({ file }, `${META_SHEET}!B3: "${yearText}" is no report year (the year the figures are for)`, `write the year, such as 2025, in the hidden sheet ${META_SHEET}, cell B3, or clear A3 and B3`);
  }
  return { template, values, file, lines: {}, cells, ...(formulas && Object.keys(asText).length ? { asText } : {}), ...(sumRecord ? { sumRecord } : {}), ...(year !== undefined ? { year } : {}) };
}
