/** Statistics as Excel workbooks: the official layout, an exact round trip, and clear errors. */
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import type { Worksheet } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { statisticsYaml } from '../src/io/statistics-file.js';
import { statisticsFromXlsx, statisticsToXlsx } from '../src/io/xlsx.js';
import { inputMessages } from './helpers/errors.js';
import type { StatisticsTable } from '../src/model/types.js';
import { parseStatistics } from '../src/read/statistics.js';
import { loadTemplate } from '../src/read/templates.js';
import { sample2014, sample2021 } from './helpers/units.js';

const open = async (data: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
};
const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

/** Export the sample 2021 table, let `edit` change the workbook as a unit might, and read it back. */
async function readEdited(edit: (wb: ExcelJS.Workbook) => void, templateId?: string): Promise<StatisticsTable> {
  const s = sample2021();
  const wb = await open(await statisticsToXlsx(s.template, s.values));
  edit(wb);
  return statisticsFromXlsx(await save(wb), 'unit.xlsx', templateId);
}

/**
 * The sample's workbook with cells of one sheet rewritten in its XML, as Excel or WPS may save them:
 * `cell(ref, inner, attrs)` replaces a cell; `workbook()` gives the package as it stands.
 */
async function sheetOfSample(sheet: string) {
  const s = sample2021();
  const parts = unzipSync(new Uint8Array(await statisticsToXlsx(s.template, s.values)));
  let xml = new TextDecoder().decode(parts[sheet]);
  return {
    cell: (ref: string, inner: string, attrs = '') => { xml = xml.replace(new RegExp(`<c r="${ref}"[^>]*>.*?</c>`), `<c r="${ref}" s="4"${attrs}>${inner}</c>`); },
    workbook: () => Buffer.from(zipSync({ ...parts, [sheet]: new TextEncoder().encode(xml) })),
  };
}

async function messagesOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    return inputMessages(e);
  }
  throw new Error('expected an input error');
}

describe('statistics workbooks', () => {
  for (const sample of [sample2014, sample2021]) {
    it(`round-trips ${sample().template.id}: YAML → xlsx → YAML with identical values`, async () => {
      const s = sample();
      const xlsx = await statisticsToXlsx(s.template, s.values);
      const back = await statisticsFromXlsx(xlsx, 'sum.xlsx');
      expect(back.template.id).toBe(s.template.id);
      expect(back.values).toEqual(s.values);
      const yaml = statisticsYaml(back.template, back.values, ['round trip']);
      expect(parseStatistics(yaml, 'sum.yaml').values).toEqual(s.values);
      expect(Buffer.compare(xlsx, await statisticsToXlsx(s.template, s.values))).toBe(0); // no clock in the bytes
    });
  }

  it('names the sheets after the tables, and records the template in a hidden sheet', async () => {
    const wb2014 = await open(await statisticsToXlsx(sample2014().template, {}));
    expect(wb2014.worksheets.map((w) => w.name)).toEqual(['统计表', 'gongwen']);
    const s = sample2021();
    const wb = await open(await statisticsToXlsx(s.template, s.values));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['表二', '表三', '表四', 'gongwen']);
    const meta = wb.getWorksheet('gongwen')!;
    expect(meta.state).toBe('hidden');
    expect([meta.getCell('A1').value, meta.getCell('B1').value]).toEqual(['template', 'gov-2021']);
  });

  it('lays out 表三 like the official table: merged headers and row groups, numbers in value cells', async () => {
    const s = sample2021();
    const ws: Worksheet = (await open(await statisticsToXlsx(s.template, s.values))).getWorksheet('表三')!;
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining([
      'A1:C3', // （本列数据的勾稽关系为…） over the three label columns and three header rows
      'D1:J1', // 申请人情况
      'E2:I2', // 法人或其他组织
      'D2:D3', // 自然人
      'A4:C4', // 一、本年新收政府信息公开申请数量
      'A6:A27', // 三、本年度办理结果 over its 22 rows
      'B8:B15', // （三）不予公开 over its 8 rows
    ]));
    expect(ws.getCell('A6').value).toBe('三、本年度办理结果');
    expect(ws.getCell('C8').value).toBe('1.属于国家秘密');
    expect(ws.getCell('D4').value).toBe(236); // a number, not the text "236"
    expect(ws.getCell('J4').value).toBe(271);
    const t4 = (await open(await statisticsToXlsx(s.template, {}))).getWorksheet('表四')!;
    expect(t4.getCell('A4').value).toBeNull(); // empty stays empty, not 0
  });

  it('refuses a sheet whose rows are in another order, naming the sheet, the row and both labels', async () => {
    const swap = (wb: ExcelJS.Workbook) => {
      const ws = wb.getWorksheet('表三')!;
      for (let c = 3; c <= 10; c++) { // label column C and the seven values
        const [a, b] = [ws.getCell(8, c), ws.getCell(9, c)];
        [a.value, b.value] = [b.value, a.value];
      }
    };
    const [msg, ...more] = await messagesOf(readEdited(swap));
    expect(more).toEqual([]);
    expect(msg).toContain('unit.xlsx: sheet 表三, row 8: row label is "2.其他法律行政法规禁止公开", expected "1.属于国家秘密" (表三!C8)');
    expect(msg).toContain('fix: keep the rows and columns of the official form in their order');
  });

  it('names a merged header cleared as the header it lacks, not as an internal error (a review)', async () => {
    const [msg, ...more] = await messagesOf(readEdited((wb) => { wb.getWorksheet('表二')!.getCell('B6').value = null; }));
    expect(more).toEqual([]);
    expect(msg).toContain('unit.xlsx: sheet 表二, row 6: column header is "", expected "本年处理决定数量" (表二!B6)');
  });

  it('names a blank row inserted into the form as that row, not by the label it pushed down (an edge audit)', async () => {
    // (the sheet's cells from row 8 on moved down a row, row 8 left empty, as 插入行 leaves them)
    const [msg, ...more] = await messagesOf(readEdited((wb) => {
      const ws = wb.getWorksheet('表三')!;
      for (let r = ws.rowCount; r >= 8; r--) for (let c = 1; c <= 10; c++) ws.getCell(r + 1, c).value = ws.getCell(r, c).value;
      for (let c = 1; c <= 10; c++) ws.getCell(8, c).value = null;
    }));
    expect(more).toEqual([]);
    expect(msg).toMatch(/^unit\.xlsx: sheet 表三, row 8 is empty: a row inserted into the form pushed its rows down \("1\.属于国家秘密" is in row 9, not 8\)\n {2}fix: delete row 8 \(删除整行\)/);
  });

  it('refuses swapped columns too (a header that is not the template\'s)', async () => {
    const [msg] = await messagesOf(readEdited((wb) => {
      const ws = wb.getWorksheet('表四')!;
      [ws.getCell('A2').value, ws.getCell('B2').value] = [ws.getCell('B2').value, ws.getCell('A2').value];
    }));
    expect(msg).toContain('sheet 表四, row 2: column header is "结果纠正", expected "结果维持" (表四!A2)');
  });

  it('refuses a figure under a 采购总金额 header that does not say its unit (it may be in 元, as SH2019 wrote it)', async () => {
    const t = loadTemplate('gov-2019')!;
    const unitless = async (amount: number) => {
      const wb = await open(await statisticsToXlsx(t, { 't2.central_procurement.purchase_items': 3, 't2.central_procurement.purchase_amount': amount }));
      let changed = 0;
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
        if (cell.value === '采购总金额（单位：万元）') { cell.value = '采购总金额'; changed++; }
      })));
      expect(changed).toBe(1);
      return save(wb);
    };
    const [msg, ...more] = await messagesOf(unitless(251000).then((b) => statisticsFromXlsx(b, 'unit.xlsx')));
    expect(more).toEqual([]);
    expect(msg).toMatch(/unit\.xlsx: 表二!\w+\d+: .*采购总金额.*: 251000 is under the column header "采购总金额" \(表二!\w+\d+\), which does not say its unit, so it may be in 元/);
    expect(msg).toContain('fix: write the header as the form\'s, "采购总金额（单位：万元）", and the column\'s figures in 万元 (251000元 would be 25.10)');
    // a column of zeros or blanks means the same in any unit: read as it is
    expect((await statisticsFromXlsx(await unitless(0), 'unit.xlsx')).values['t2.central_procurement.purchase_amount']).toBe(0);
    // on the 2021 form, whose header says its unit, retyped without it: said so, and no 0.00 to type for a figure in 万元 already (a review)
    const [fees] = await messagesOf(readEdited((wb) => wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
      if (cell.value === '本年收费金额（单位：万元）') cell.value = '本年收费金额';
    })))));
    expect(fees).toContain('which does not say its unit, so it may be in 元 (the form\'s header says its unit)');
    expect(fees).not.toContain('would be');
  });

  it('ignores whitespace and full/half-width brackets in labels', async () => {
    const s = await readEdited((wb) => {
      const ws = wb.getWorksheet('表三')!;
      ws.getCell('B6').value = ' (一) 予以公开\n';
    });
    expect(s.values['t3.granted.natural']).toBe(102);
  });

  it('names a cell Excel turned into a date, as a date, with how to type the figure again', async () => {
    const msgs = await messagesOf(readEdited((wb) => {
      const cell = wb.getWorksheet('表二')!.getCell('B4');
      cell.value = new Date(Date.UTC(2021, 5, 6));
      cell.style = { ...cell.style, numFmt: 'm"月"d"日"' }; // (its own style: cells share theirs)
    }));
    expect(msgs).toEqual([expect.stringContaining('unit.xlsx: 表二!B4: 表二 行政规范性文件 / 本年制发件数: the cell holds a date (2021年6月6日), not a figure')]);
    expect(msgs[0]).toContain('fix: Excel turned what was typed into a date: set the cell\'s format to 数值 (Number)');
  });

  it('names a cell formatted as a percentage (shown as 12%, holding 0.12), which would be read as 0.12 万元 (an aggregation audit)', async () => {
    const s = sample2021();
    const at = (await statisticsFromXlsx(await statisticsToXlsx(s.template, s.values), 'unit.xlsx')).cells!['t2.fees.amount']!;
    const [sheet, ref] = at.split('!') as [string, string];
    const percent = (format: string) => readEdited((wb) => {
      const cell = wb.getWorksheet(sheet)!.getCell(ref);
      cell.value = 0.12;
      cell.style = { ...cell.style, numFmt: format };
    });
    const msgs = await messagesOf(percent('0.00%'));
    expect(msgs).toEqual([expect.stringContaining(`unit.xlsx: ${at}: 表二 行政事业性收费 / 本年收费金额（单位：万元）: the cell is formatted as a percentage (it holds 0.12, shown as 12%), not as a figure`)]);
    expect(msgs[0]).toContain('fix: set the cell\'s format to 数值 (Number) or 常规 (General)');
    // a % in quotes is text the format prints, no percentage (one escaped, 0.00\\%, exceljs reads
    // without its backslash: refused as a percentage, the safe side)
    expect((await percent('0.00"%"')).values['t2.fees.amount']).toBe(0.12);
    // a whole sheet formatted as percentages: five named, the rest counted (200 errors, a statistics audit)
    const sheetWide = await messagesOf(readEdited((wb) => {
      wb.getWorksheet('表三')!.eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'number') cell.style = { ...cell.style, numFmt: '0%' }; }));
    }));
    expect(sheetWide).toHaveLength(6);
    expect(sheetWide[5]).toMatch(/unit\.xlsx: sheet "表三": and \d+ more figure cells formatted as percentages\n  fix: select the sheet's figure cells/);
  });

  it('reads a formula\'s float noise as the figure Excel shows (271.00000000000006 a count, 0.30000000000000004 万元), and a cell that links somewhere by its figure (a statistics audit)', async () => {
    const s = await readEdited((wb) => {
      wb.getWorksheet('表三')!.getCell('D4').value = { formula: 'D5*3', result: 271.00000000000006 } as ExcelJS.CellFormulaValue;
      wb.getWorksheet('表三')!.getCell('E4').value = { text: '21', hyperlink: 'https://example.com/' } as ExcelJS.CellHyperlinkValue;
      const ws = wb.getWorksheet('表二')!;
      ws.eachRow((row) => row.eachCell((cell) => { if (cell.value === 126.35) cell.value = { formula: '0.1+0.2', result: 0.30000000000000004 } as ExcelJS.CellFormulaValue; }));
    });
    expect(s.values['t3.new_received.natural']).toBe(271);
    expect(s.values['t3.new_received.commercial']).toBe(21);
    expect(s.values['t2.fees.amount']).toBe(0.3);
  });

  it('names sheet!cell for a value that is not a number, and reports every bad cell', async () => {
    const msgs = await messagesOf(readEdited((wb) => {
      wb.getWorksheet('表三')!.getCell('D6').value = '约100';
      wb.getWorksheet('表四')!.getCell('B4').value = 2.5;
      wb.getWorksheet('表二')!.getCell('B4').value = -1;
    }));
    expect(msgs).toEqual([
      expect.stringContaining('unit.xlsx: 表二!B4: 表二 行政规范性文件 / 本年制发件数: value "-1" is not a whole non-negative number'),
      expect.stringContaining('unit.xlsx: 表三!D6: 表三 三（一）予以公开 / 自然人: value "约100" is not a whole non-negative number'),
      expect.stringContaining('unit.xlsx: 表四!B4: 表四 行政复议·结果纠正: value "2.5" is not a whole non-negative number'),
    ]);
  });

  it('says to write 0 for a printed form\'s mark for none (无, —, /), not to leave the cell blank, in a workbook and in YAML (an office\'s trial)', async () => {
    const err = await readEdited((wb) => {
      wb.getWorksheet('表四')!.getCell('D4').value = '无';
      wb.getWorksheet('表三')!.getCell('D6').value = '—';
      wb.getWorksheet('表二')!.getCell('B4').value = '/';
      wb.getWorksheet('表二')!.getCell('C4').value = '〇';
    }).then(() => undefined, (e: unknown) => e);
    const fixes = (err as { errors: { hint?: string }[] }).errors.map((e) => e.hint);
    expect(fixes).toHaveLength(4);
    for (const [k, mark] of ['/', '〇', '—', '无'].entries()) expect(fixes[k]).toBe(`write 0 where there were none ("${mark}" is text to a spreadsheet and to YAML); leave the cell empty only where the figure is unknown`);
    const yaml = statisticsYaml(sample2021().template, sample2021().values).replace(/(\n {6}made:) 0/, '$1 无');
    expect(yaml).toContain('made: 无');
    expect(inputMessages((() => { try { parseStatistics(yaml, 'statistics.yaml'); } catch (e) { return e; } })()).join('\n')).toMatch(/value "?无"? is not a whole non-negative number\n {2}fix: write 0 where there were none/);
    // a form with every figure typed 无: three at their lines, then the rest said once with their lines
    // (185 errors in 370 lines, the same fix each time: an edge audit)
    const all = statisticsYaml(sample2021().template, sample2021().values).replace(/: \d+(\.\d+)?(?=[\s,}])/g, ': 无');
    const said = inputMessages((() => { try { parseStatistics(all, 'statistics.yaml'); } catch (e) { return e; } })());
    // (the amount cell, refused otherwise, its own)
    expect(said).toHaveLength(5);
    expect(said[3]).toMatch(/^statistics\.yaml:\d+: and \d{2,} more figures like these \(not a whole non-negative number\), at lines \d+, \d+, [\d, ]+\n {2}fix: write 0 where there were none \("无" is text/);
    // all counted (the report's line said "4 errors" for 184, a review), and errors that name what differs (unknown rows) all said
    const { errorCount } = await import('../src/model/errors.js');
    expect(errorCount(said.join('\n'))).toBe(Number(/and (\d+) more/.exec(said[3]!)![1]) + 4);
    const rows = statisticsYaml(sample2021().template, sample2021().values).replace(/^( {4})licensing:/m, '$1甲项: {decisions: 1}\n$1乙项: {decisions: 1}\n$1丙项: {decisions: 1}\n$1丁项: {decisions: 1}\n$1戊项: {decisions: 1}\n$1戊项2: {decisions: 1}\n$1戊项3: {decisions: 1}\n$1licensing:');
    expect(inputMessages((() => { try { parseStatistics(rows, 'statistics.yaml'); } catch (e) { return e; } })()).filter((m) => m.includes('unknown row'))).toHaveLength(7);
  });

  it('names a figure typed where the form takes none (a section row, below or beside the form), instead of dropping it', async () => {
    const s = sample2014();
    const wb = await open(await statisticsToXlsx(s.template, s.values));
    const ws = wb.worksheets.find((w) => w.getCell('A2').text.startsWith('一、'))!;
    ws.getCell('C2').value = 5; // 一、主动公开情况 prints — there
    ws.getCell(`C${ws.rowCount + 2}`).value = 7;
    ws.getCell('E10').value = '12';
    ws.getCell('E11').value = '备注：数据截至年底'; // text beside the form is a note, not a figure
    // a figure with its unit typed over the 单位 column's 件 (its value cell blank): dropped without a word (a statistics audit)
    expect(ws.getCell('B24').text).toBe('件');
    ws.getCell('B24').value = '20件';
    const msgs = await messagesOf(statisticsFromXlsx(await save(wb), 'unit.xlsx'));
    expect(msgs).toEqual([
      expect.stringMatching(/unit\.xlsx: \S+!C2: 5 is in a cell that takes no figure \(row "一、主动公开情况"\), so it would not be read\n  fix: type each figure in a value cell/),
      expect.stringMatching(/!E10: 12 is in a cell that takes no figure \(outside the form\)/),
      expect.stringMatching(/!B24: 20件 is in a cell that takes no figure \(row "\S+"\)/),
      expect.stringMatching(/!C\d+: 7 is in a cell that takes no figure \(outside the form\)/),
    ]);
  });

  it('names twenty stray figures and counts the rest (a column filled down to the sheet\'s end ran the stack out)', async () => {
    const s = sample2014();
    const wb = await open(await statisticsToXlsx(s.template, s.values));
    const ws = wb.worksheets.find((w) => w.getCell('A2').text.startsWith('一、'))!;
    const below = ws.rowCount + 2;
    for (let r = below; r < below + 5_000; r++) ws.getCell(`H${r}`).value = 1;
    const msgs = await messagesOf(statisticsFromXlsx(await save(wb), 'unit.xlsx'));
    expect(msgs.length).toBe(21);
    expect(msgs[20]).toMatch(/unit\.xlsx: sheet "\S+": and 4980 more figures in cells that take none\n {2}fix: clear the cells outside the form/);
  });

  it('says an .xls or a password-protected workbook is one (both OLE2 files), not "is this a zip file?"', async () => {
    const ole2 = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    expect(await messagesOf(statisticsFromXlsx(ole2, 'unit.xlsx'))).toEqual([
      expect.stringMatching(/^unit\.xlsx: is an old \.xls workbook or one protected by a password .*\n {2}fix: open it in Excel or WPS, remove any password/),
    ]);
  });

  it('refuses a workbook that unpacks to far more than a form holds, before unpacking it (410 KB made 1.4 GB of memory: an edge audit)', async () => {
    const s = sample2021();
    const parts = unzipSync(new Uint8Array(await statisticsToXlsx(s.template, s.values)));
    const bomb = Buffer.from(zipSync({ ...parts, 'xl/padding.xml': [new Uint8Array(70 * 2 ** 20).fill(0x20), { level: 1 }] }));
    expect(bomb.length).toBeLessThan(2 ** 20);
    expect(await messagesOf(statisticsFromXlsx(bomb, 'unit.xlsx'))).toEqual([expect.stringMatching(/^unit\.xlsx: unpacks to 70 MB, far more than a statistics form holds/)]);
  });

  it('reads a workbook without its shared strings as an input error, not an internal one', async () => {
    const { unzipSync, zipSync } = await import('fflate');
    const s = sample2021();
    const parts = unzipSync(new Uint8Array(await statisticsToXlsx(s.template, s.values)));
    delete parts['xl/sharedStrings.xml'];
    const msgs = await messagesOf(statisticsFromXlsx(Buffer.from(zipSync(parts)), 'unit.xlsx'));
    expect(msgs.length).toBeGreaterThan(0);
    for (const m of msgs) expect(m).toMatch(/^unit\.xlsx/);
  });

  it('gives an amount with a fifth decimal the amount to the yuan as the fix', async () => {
    const msgs = await messagesOf(readEdited((wb) => {
      const sheet = wb.getWorksheet('表二')!;
      sheet.eachRow((row) => row.eachCell((cell) => { if (cell.value === 126.35) cell.value = 12.34567; }));
    }));
    expect(msgs).toEqual([expect.stringMatching(/value "12\.34567" is not a non-negative amount in 万元 to the yuan \(four decimals at most: 0\.0012 is 12元\)\n {2}fix: round it to the yuan: 12\.3457/)]);
  });

  it('takes numbers typed as text, formulas by their result, and blank cells as empty', async () => {
    const s = await readEdited((wb) => {
      const ws = wb.getWorksheet('表三')!;
      ws.getCell('D4').value = ' 1,236 ';
      ws.getCell('E4').value = '２１';
      ws.getCell('F4').value = { formula: 'E4-14', result: 7 } as ExcelJS.CellFormulaValue;
      // (a result of 0, <v>0</v>, which exceljs reads as none: a row total over zeros, province trial)
      ws.getCell('D5').value = { formula: 'SUM(E5:I5)', result: 0 } as ExcelJS.CellFormulaValue;
      ws.getCell('G4').value = null;
      ws.getCell('H4').value = '';
    });
    expect(s.values['t3.new_received.natural']).toBe(1236);
    expect(s.values['t3.new_received.commercial']).toBe(21);
    expect(s.values['t3.new_received.research']).toBe(7);
    expect(s.values['t3.carried_over.natural']).toBe(0);
    expect(s.values['t3.new_received.welfare']).toBeUndefined();
    expect(s.values['t3.new_received.legal_service']).toBeUndefined();
  });

  it('names a figure typed as text where a sum rule it is in fails: the sheet\'s =SUM left it out of the total it shows (a 2019-form trial)', async () => {
    const s = await readEdited((wb) => {
      const ws = wb.getWorksheet('表三')!;
      const typed = Number(ws.getCell('E4').value);
      ws.getCell('E4').value = String(typed).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      // Excel's SUM over the row, its saved result without the text cell
      const others = ['D4', 'F4', 'G4', 'H4', 'I4'].reduce((sum, a) => sum + Number(ws.getCell(a).value ?? 0), 0);
      ws.getCell('J4').value = { formula: 'SUM(D4:I4)', result: others } as ExcelJS.CellFormulaValue;
    });
    expect(s.asText).toEqual({ 't3.new_received.commercial': expect.stringMatching(/^[０-９]+$/u) });
    const { checkStatistics } = await import('../src/transform/checks.js');
    const row = checkStatistics(s).find((f) => f.message.startsWith('表三 一、本年新收政府信息公开申请数量 / 总计 (表三!J4)'))!;
    expect(row.message).toMatch(/its 6 parts add up to \d+, the total says \d+ \(the parts \d+ over\)$/);
    // (after the usual fix: the total may be the figure typed wrong)
    expect(row.hint).toMatch(new RegExp(`: correct it, or the part that is wrong; 表三!E4 holds its figure as text, "${s.asText!['t3.new_received.commercial']}", which a formula of the sheet \\(=SUM\\) leaves out: type it as a number$`));
    // a figure typed as a number is not named, nor one typed as text in a sheet without formulas
    expect((await readEdited(() => {})).asText).toBeUndefined();
    expect((await readEdited((wb) => { wb.getWorksheet('表三')!.getCell('E4').value = '２３'; })).asText).toBeUndefined();
  });

  it('refuses text that holds more than a figure: a footnote mark (1¹ read as 11), a space inside (12 5 read as 125), a circled figure (a statistics audit)', async () => {
    const msgs = await messagesOf(readEdited((wb) => {
      const ws = wb.getWorksheet('表三')!;
      ws.getCell('D4').value = '1¹';
      ws.getCell('E4').value = '12 5';
      ws.getCell('F4').value = '㉑';
      ws.getCell('G4').value = '－3';
    }));
    expect(msgs.map((m) => /表三!([A-Z]+\d+)/.exec(m)?.[1])).toEqual(['D4', 'E4', 'F4', 'G4']);
    expect(msgs[0]).toContain('value "1¹" is not a whole non-negative number');
    expect(msgs[1]).toContain('value "12 5" is not a whole non-negative number');
    // full-width digits, comma and minus are read still (a review: the test above could not tell)
    const t = loadTemplate('gov-2019')!;
    const wb = await open(await statisticsToXlsx(t, {}));
    const cellOf = async (key: string) => (await statisticsFromXlsx(await statisticsToXlsx(t, { [key]: 1 }), 'unit.xlsx')).cells![key]!.split('!') as [string, string];
    const [deltaSheet, deltaRef] = await cellOf('t2.fees.delta');
    const [itemsSheet, itemsRef] = await cellOf('t2.fees.prev_items');
    wb.getWorksheet(deltaSheet)!.getCell(deltaRef).value = '－3';
    wb.getWorksheet(itemsSheet)!.getCell(itemsRef).value = '１，２３６';
    const read = await statisticsFromXlsx(await save(wb), 'unit.xlsx');
    expect([read.values['t2.fees.delta'], read.values['t2.fees.prev_items']]).toEqual([-3, 1236]);
  });

  it('refuses a date cell stored as text (t="d") and a number cell holding more than a number, which exceljs reads as their first figures (adversarial audit)', async () => {
    const { cell, workbook } = await sheetOfSample('xl/worksheets/sheet2.xml'); // 表三
    cell('D4', '<v>2021-06-06T00:00:00</v>', ' t="d"');
    cell('E4', '<v>21abc</v>');
    cell('F4', '<v>7</v>'); // a plain figure, read as before
    const msgs = await messagesOf(statisticsFromXlsx(workbook(), 'unit.xlsx'));
    expect(msgs).toEqual([
      expect.stringMatching(/^unit\.xlsx: 表三!D4: .*: the cell holds a date \(2021-06-06T00:00:00\), not a figure\n {2}fix: set the cell's format to 数值/),
      expect.stringMatching(/^unit\.xlsx: 表三!E4: .*: the cell holds "21abc", not a figure/),
    ]);
  });

  it('reads saved results as Excel writes them: a formula filled down a column, 0 too; a formula showing a blank is an empty cell (review)', async () => {
    const { cell, workbook } = await sheetOfSample('xl/worksheets/sheet2.xml'); // 表三
    cell('J4', '<f t="shared" ref="J4:J5" si="0">SUM(D4:I4)</f><v>271</v>');
    cell('J5', '<f t="shared" si="0"/><v>0</v>');
    cell('D5', '<f>IF(1=1,"",1)</f><v></v>', ' t="str"');
    const read = await statisticsFromXlsx(workbook(), 'unit.xlsx');
    expect(read.values['t3.new_received.total']).toBe(271);
    expect(read.values['t3.carried_over.total']).toBe(0);
    expect(read.values['t3.carried_over.natural']).toBeUndefined();
    // a formula giving a truth value is no figure, and saving again would not make one (review)
    cell('E5', '<f>1&gt;2</f><v>0</v>', ' t="b"');
    const msgs = await messagesOf(statisticsFromXlsx(workbook(), 'unit.xlsx'));
    expect(msgs).toEqual([expect.stringMatching(/^unit\.xlsx: 表三!E5: .*: the formula =1>2 gives FALSE, not a figure\n {2}fix: correct the formula, or type the figure/)]);
  });

  it('names a formula without a saved result', async () => {
    const [msg] = await messagesOf(readEdited((wb) => {
      wb.getWorksheet('表三')!.getCell('D5').value = { formula: 'D4-227' } as ExcelJS.CellFormulaValue;
    }));
    expect(msg).toContain('unit.xlsx: 表三!D5: 表三 二、上年结转政府信息公开申请数量 / 自然人: the formula =D4-227 has no saved result');
  });

  it('refuses a figure cell merged into another (合并居中 over two figures), which would read the other\'s figure', async () => {
    // 表二's 行政规范性文件: 本年制发 6, 本年废止 2; merged, Excel keeps B4's 6 and C4 reads as 6
    const messages = await messagesOf(readEdited((wb) => wb.getWorksheet('表二')!.mergeCells('B4:C4')));
    expect(messages).toEqual([expect.stringContaining('unit.xlsx: 表二!C4: 表二 行政规范性文件 / 本年废止件数: the cell is merged with B4 (合并单元格), so it has no figure of its own')]);
    expect(messages[0]).toContain('fix: unmerge the cells (取消合并单元格)');
    // the form's own merged figure cells (行政许可's 本年处理决定数量 over three columns) are read as before
    expect((await readEdited(() => {})).values['t2.licensing.decisions']).toBeDefined();
  });

  it('names formulas without a saved result three at their cells, then the rest once with their cells (25 of them had filled 50 lines: a city\'s trial)', async () => {
    const msgs = await messagesOf(readEdited((wb) => {
      const ws = wb.getWorksheet('表三')!;
      // (a formula with a space in it as well, SUM(D5, E5:I5): a review)
      for (let r = 4; r <= 11; r++) ws.getCell(`J${r}`).value = { formula: r === 9 ? `SUM(D${r}, E${r}:I${r})` : `SUM(D${r}:I${r})` } as ExcelJS.CellFormulaValue;
    }));
    expect(msgs).toHaveLength(4);
    expect(msgs[0]).toContain('unit.xlsx: 表三!J4: ');
    expect(msgs[3]).toMatch(/^unit\.xlsx: and 5 more figures like these \(has no saved result\), at cells 表三!J7, 表三!J8, 表三!J9, 表三!J10, 表三!J11\n {2}fix: open the workbook in Excel or WPS and save it again/);
  });

  it('names a formula whose result is an error, with the error', async () => {
    const [msg] = await messagesOf(readEdited((wb) => {
      wb.getWorksheet('表三')!.getCell('J4').value = { formula: 'SUM(D4:I4)/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
    }));
    expect(msg).toContain('unit.xlsx: 表三!J4: 表三 一、本年新收政府信息公开申请数量 / 总计: the formula =SUM(D4:I4)/0 gives the error #DIV/0!');
    expect(msg).not.toContain('[object Object]');
    // a formula filled down a column (its cells share the first one's formula)
    const shared = await messagesOf(readEdited((wb) => {
      const ws = wb.getWorksheet('表三')!;
      ws.getCell('J4').value = { formula: 'SUM(D4:I4)', result: 271, shareType: 'shared', ref: 'J4:J5' } as unknown as ExcelJS.CellFormulaValue;
      ws.getCell('J5').value = { sharedFormula: 'J4', result: { error: '#REF!' } } as unknown as ExcelJS.CellFormulaValue;
    }));
    expect(shared.join('\n')).toMatch(/unit\.xlsx: 表三!J5: .*总计: the formula =SUM\(D5:I5\) gives the error #REF!/);
  });

  it('reads the year the figures are for from the hidden sheet, and names a cell that holds none', async () => {
    const s = sample2021();
    expect((await statisticsFromXlsx(await statisticsToXlsx(s.template, s.values, undefined, 2021), 'unit.xlsx')).year).toBe(2021);
    const [msg] = await messagesOf((async () => {
      const wb = await open(await statisticsToXlsx(s.template, s.values, undefined, 2021));
      wb.getWorksheet('gongwen')!.getCell('B3').value = 25;
      return statisticsFromXlsx(await save(wb), 'unit.xlsx');
    })());
    expect(msg).toContain('unit.xlsx: gongwen!B3: "25" is no report year');
  });

  it('asks for --template when the workbook does not name one', async () => {
    const drop = (wb: ExcelJS.Workbook) => wb.removeWorksheet(wb.getWorksheet('gongwen')!.id);
    const [msg] = await messagesOf(readEdited(drop));
    expect(msg).toContain('unit.xlsx: the workbook does not say which statistics template it uses');
    expect(msg).toContain('fix: give --template with one of: gov-2014, gov-2019, gov-2021');
    expect((await readEdited(drop, 'gov-2021')).values['t3.new_received.total']).toBe(271);
    expect(msg).toContain('(no sheet "gongwen")');
    // the sheet there, its A1 edited: said so, not "no sheet"
    const [edited] = await messagesOf(readEdited((wb) => { wb.getWorksheet('gongwen')!.getCell('A1').value = '模板'; }));
    expect(edited).toContain('its sheet "gongwen" has no "template" in A1 and the template\'s id in B1: edited?');
  });

  it('names a missing sheet and a file that is not a workbook', async () => {
    const [msg] = await messagesOf(readEdited((wb) => { wb.getWorksheet('表四')!.name = 'Sheet3'; }));
    expect(msg).toContain('no sheet "表四" (四、政府信息公开行政复议、行政诉讼情况)');
    // the sheets listed are those the clerk sees: not the hidden gongwen sheet (an edge audit)
    expect(msg).toMatch(/fix: the workbook has "表二", "表三", "Sheet3"; keep the sheet names of the form$/);
    // a sheet renamed with a space after it is that sheet
    expect((await readEdited((wb) => { wb.getWorksheet('表四')!.name = '表四 '; })).values).toEqual(sample2021().values);
    const [bad] = await messagesOf(statisticsFromXlsx(Buffer.from('template: gov-2021\n'), 'unit.xlsx'));
    expect(bad).toContain('unit.xlsx: is not an .xlsx workbook: it is text (a .csv file given the name .xlsx?)');
    // in the clerk's terms, not the ZIP reader's (adversarial audit): empty, cut short, another package
    const s = sample2021();
    const whole = await statisticsToXlsx(s.template, s.values);
    expect((await messagesOf(statisticsFromXlsx(Buffer.alloc(0), 'unit.xlsx')))[0]).toMatch(/^unit\.xlsx: is empty \(0 bytes\)/);
    expect((await messagesOf(statisticsFromXlsx(whole.subarray(0, 3000), 'unit.xlsx')))[0]).toMatch(/^unit\.xlsx: is damaged: its package cannot be read as a workbook \(cut short in copying\?\)\n {2}fix: save it from Excel or WPS/);
    const docx = Buffer.from(zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'word/document.xml': new TextEncoder().encode('<w:document/>') }));
    expect((await messagesOf(statisticsFromXlsx(docx, 'unit.xlsx')))[0]).toMatch(/^unit\.xlsx: holds no worksheets: it is no Excel workbook \(a Word document or another file given the name \.xlsx\?\)/);
    for (const m of await messagesOf(statisticsFromXlsx(whole.subarray(0, 3000), 'unit.xlsx'))) expect(m).not.toMatch(/jszip|zip file|https?:/);
  });
});
