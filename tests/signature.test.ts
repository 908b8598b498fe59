/**
 * The 发文机关署名 and 成文日期 a report may ask for (`signature:`), GB/T 9704 7.3.5.2 for a document
 * without a seal: a line below the body or the 附件说明, the name 右空二字, the date on the next line
 * starting two characters right of the name (the date, where it is the longer, 右空二字 and the name
 * moved left with it). Measured in the PDF in points, and read in the DOCX's XML.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build.js';
import { openFontSet } from '../src/io/fonts.js';
import { readReport } from '../src/read/report.js';
import { docxParts, paragraphs, style } from './helpers/docx.js';
import { inputMessages } from './helpers/errors.js';
import { FRONT_BEFORE_FORMS, makeReport } from './helpers/fixtures.js';
import { linesOf, MM, readPdf, type PdfLine } from './helpers/pdf.js';

const fonts = openFontSet();
const RIGHT_EDGE = (28 + 156) * MM;
const CHAR = (156 * MM) / 28;
const LEFT = 28 * MM;
const PITCH = (225 * MM) / 22;

const front = (fields: string) => FRONT_BEFORE_FORMS.replace(/---\n$/, `${fields}\n---\n`);
const BODY = '\n本机关认真贯彻落实条例要求，扎实推进政府信息公开工作。\n';

async function build(fields: string, body = BODY) {
  const dir = makeReport({ 'report.md': front(fields) + body });
  const { outputs, warnings } = await buildReport(dir, { fonts, formats: ['pdf', 'docx'] });
  const { pages } = await readPdf(outputs.pdf!);
  const lines = pages.flatMap((p) => linesOf(p).map((l) => ({ ...l, page: p.number, text: l.text.replace(/\s+/g, '') })));
  return { lines, docx: docxParts(outputs.docx!), warnings };
}
const line = (lines: (PdfLine & { page: number })[], text: string) => {
  const found = lines.find((l) => l.text === text);
  if (!found) throw new Error(`no line ${text} in ${lines.map((l) => l.text).join(' | ')}`);
  return found;
};

describe('signature (发文机关署名 and 成文日期)', () => {
  it('signs with the organ and the publication date, a line below the body, the date two characters right of the name', async () => {
    // 商丘市人民政府办公室 (10 characters) over 2014年1月15日 (6.5): the name 右空二字, the date starting two right of it
    const { lines, docx } = await build('signature: 商丘市人民政府办公室');
    const body = line(lines, '作。'); // the body's last line
    const name = line(lines, '商丘市人民政府办公室');
    const date = line(lines, '2014年1月15日');
    expect(name.baseline - body.baseline).toBeCloseTo(2 * PITCH, 0); // a blank line between
    expect(date.baseline - name.baseline).toBeCloseTo(PITCH, 0);
    expect(name.right).toBeCloseTo(RIGHT_EDGE - 2 * CHAR, 0);
    expect(date.x).toBeCloseTo(name.x + 2 * CHAR, 0);
    expect(date.items[0]!.font).toMatch(/FandolFang/);
    // the DOCX: its own style, the same indents, the name kept with the date
    const ps = paragraphs(docx['word/document.xml']).filter((p) => p.style === 'GwSignature');
    expect(ps.map((p) => p.text)).toEqual(['商丘市人民政府办公室', '2014年1月15日']);
    const right = (xml: string) => Number(/<w:ind [^>]*w:right="(\d+)"/.exec(xml)?.[1]);
    expect(right(ps[0]!.xml)).toBe(Math.round(2 * CHAR * 20));
    expect(right(ps[1]!.xml)).toBe(Math.round(3.5 * CHAR * 20)); // 10 − 2 − 6.5 + 2
    expect(ps[0]!.xml).toMatch(/<w:keepNext\/>/);
    expect(ps[0]!.xml).toMatch(/<w:spacing w:before="579"/);
    expect(style(docx['word/styles.xml'], 'GwSignature')).toMatch(/<w:jc w:val="right"\/>/);
  });

  it('sets a date longer than the name 右空二字, and the name left with it; a date a little shorter as the rule has it; `true` signs with the organ', async () => {
    // 测试局 (3) under 2014年1月15日 (6½): the date 右空二字, the name starting two characters left of it
    const short = await build('signature: 测试局');
    const [name, date] = [line(short.lines, '测试局'), line(short.lines, '2014年1月15日')];
    expect(date.right).toBeCloseTo(RIGHT_EDGE - 2 * CHAR, 0);
    expect(date.x).toBeCloseTo(name.x + 2 * CHAR, 0);
    // 测试县人民政府 (7) over the date (6½), which is not longer: the name 右空二字, the date two
    // characters right of it, ending half a character from the edge (成文日期长于署名 only moves it)
    const { lines, docx } = await build('signature: true');
    const [organ, dated] = [line(lines, '测试县人民政府'), line(lines, '2014年1月15日')];
    expect(organ.right).toBeCloseTo(RIGHT_EDGE - 2 * CHAR, 0);
    expect(dated.x).toBeCloseTo(organ.x + 2 * CHAR, 0);
    expect(dated.right).toBeCloseTo(RIGHT_EDGE - 0.5 * CHAR, 0);
    expect(paragraphs(docx['word/document.xml']).filter((p) => p.style === 'GwSignature').map((p) => p.text)).toEqual(['测试县人民政府', '2014年1月15日']);
  });

  it('sets an editor line or a signature that fills its room exactly on one line (the last character wrapped alone: review)', async () => {
    const { lines } = await build('editor: 张三、李四、王五、赵六、孙七、周八、吴小九\nsignature: 示例省示例市示例县农业农村局办公室一科二组第三小组甲');
    expect(line(lines, '责任编辑：张三、李四、王五、赵六、孙七、周八、吴小九').right).toBeCloseTo(RIGHT_EDGE - 2 * CHAR, 0);
    expect(line(lines, '示例省示例市示例县农业农村局办公室一科二组第三小组甲').right).toBeCloseTo(RIGHT_EDGE - 2 * CHAR, 0);
  });

  it('comes after the 附件说明, and the editor line a line below the date', async () => {
    const { lines } = await build('signature: true\neditor: 王五\nattachment:\n  title: 测试表');
    const note = line(lines, '附件：测试表');
    const name = line(lines, '测试县人民政府');
    const editor = line(lines, '责任编辑：王五');
    expect(name.baseline - note.baseline).toBeCloseTo(2 * PITCH, 0);
    expect(editor.baseline - line(lines, '2014年1月15日').baseline).toBeCloseTo(2 * PITCH, 0);
    expect(new Set([note.page, name.page, editor.page]).size).toBe(1);
  });

  it('fills a long 附件说明\'s first line to the right edge, its next line under the name\'s first character (a layout audit: 1 pt short and spread)', async () => {
    const title = '虚构省虚构市虚构县测试工作领导小组办公室2016年政府信息公开工作情况统计表（虚构数据）';
    const { lines } = await build(`attachment:\n  title: ${title}`);
    const first = lines.find((l) => l.text.startsWith('附件：'))!;
    const second = lines[lines.indexOf(first) + 1]!;
    expect(first.text + second.text).toBe(`附件：${title}`);
    expect(first.right).toBeCloseTo(RIGHT_EDGE, 1);
    expect(first.text).toBe('附件：虚构省虚构市虚构县测试工作领导小组办公室2016年');
    expect(second.x - first.x).toBeCloseTo(3 * CHAR, 1);
  });

  it('keeps the name and date with the body\'s last line on a new page, never on a page of their own', async () => {
    // bodies of 12–20 one-line paragraphs end near the foot of page 1 (the title block takes its top) or on page 2
    let moved = 0;
    for (let n = 12; n <= 20; n++) {
      const body = '\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。`).join('\n\n') + '\n';
      const { lines } = await build('signature: true', body);
      const name = line(lines, '测试县人民政府');
      expect(line(lines, '2014年1月15日').page, `${n} paragraphs`).toBe(name.page);
      expect(lines.some((l) => l.page === name.page && /^这是第\d+段测试文字。$/.test(l.text)), `${n} paragraphs: body text on the signature's page`).toBe(true);
      if (name.page > 1) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  }, 60_000);

  it('warns where the body ends in a table and the signature after it opens a page without body text (GB/T 9704 7.3.5: QA)', async () => {
    const ending = (n: number) => '\n# 总体情况\n\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。`).join('\n\n')
      + '\n\n情况如下：\n\n| 事项 | 件数 |\n| --- | ---: |\n| 第1项 | 10 |\n| 第2项 | 11 |\n';
    let warned = 0;
    for (let n = 7; n <= 13; n++) {
      const { lines, warnings } = await build('signature: true', ending(n));
      const name = line(lines, '测试县人民政府');
      const alone = !lines.some((l) => l.page === name.page && l.baseline < name.baseline);
      const warning = warnings.find((w) => w.message.includes('shows no body text'));
      // warned exactly where the signature opens its page
      expect(Boolean(warning), `${n} paragraphs`).toBe(alone);
      if (warning) {
        warned++;
        expect(warning.message).toBe(`the 署名和成文日期 after the body's last table starts page ${name.page}, which shows no body text (GB/T 9704 7.3.5)`);
        expect(warning.hint).toMatch(/write a closing sentence after the table/);
      }
    }
    expect(warned).toBeGreaterThan(0);
    // a QR code alone (its image first, its caption the probe's line), and a last paragraph that
    // pdfmake breaks itself (a line break typed in it), are told too, each as what it is (review)
    const qrWarnings: string[] = [];
    for (let rows = 12; rows <= 20; rows++) {
      const table = '\n# 总体情况\n\n情况如下：\n\n| 事项 | 件数 |\n| --- | ---: |\n' + Array.from({ length: rows }, (_, i) => `| 第${i + 1}项 | ${i} |`).join('\n') + '\n';
      const { warnings } = await build('url: https://www.example.gov.cn/a.html', table);
      qrWarnings.push(...warnings.filter((w) => w.message.includes('shows no body text')).map((w) => w.message));
    }
    expect(qrWarnings.length).toBeGreaterThan(0);
    for (const m of qrWarnings) expect(m).toMatch(/^the QR code after the body's last table starts page 2, which shows no body text/);
    // (more different characters outside the BMP than write/pdf/lines.ts has stand-ins for, 107:
    // pdfmake breaks that paragraph itself)
    const astral: string[] = [];
    for (let cp = 0x20000; astral.length < 107; cp++) if (fonts.has('fallback', cp)) astral.push(String.fromCodePoint(cp));
    const paragraphWarnings: string[] = [];
    for (let n = 8; n <= 17; n++) {
      const body = '\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。`).join('\n\n') + `\n\n联系人：${astral.join('')}某，联系电话：0000-1234567。\n`;
      const { warnings } = await build('signature: true', body);
      paragraphWarnings.push(...warnings.filter((w) => w.message.includes('shows no body text')).map((w) => w.message));
    }
    expect(paragraphWarnings.length).toBeGreaterThan(0);
    for (const m of paragraphWarnings) expect(m).toMatch(/^the 署名和成文日期 after the body's last paragraph starts page/);
  }, 120_000);

  it('takes the last lines of a paragraph with line breaks typed in it (an address, then a telephone) along with the signature, never leaving it alone (an office\'s trial: it stood on a page of its own, and --strict stopped the build)', async () => {
    let moved = 0;
    for (let n = 12; n <= 17; n++) {
      const body = '\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。`).join('\n\n') + '\n\n如对本报告有任何疑问，请联系。\\\n联系地址：某某路1号\\\n联系电话：0000-1234567。\n';
      const { lines, warnings } = await build('signature: true', body);
      expect(warnings.filter((w) => w.message.includes('shows no body text')), `${n} paragraphs`).toEqual([]);
      const name = line(lines, '测试县人民政府');
      expect(lines.some((l) => l.page === name.page && l.text.startsWith('联系电话：')), `${n} paragraphs`).toBe(true);
      // the pieces after a break start at the left margin, the first indented two characters
      expect(line(lines, '联系地址：某某路1号').x).toBeCloseTo(LEFT, 1);
      expect(line(lines, '如对本报告有任何疑问，请联系。').x).toBeCloseTo(LEFT + 2 * CHAR, 1);
      if (line(lines, '联系地址：某某路1号').page > line(lines, '如对本报告有任何疑问，请联系。').page) moved++;
    }
    expect(moved).toBeGreaterThan(0);
    // a break typed twice, an empty line: one line of the grid, and no line of text, so one more goes along (a layout audit)
    // (two empty lines too: more lines go along, up to two of text — a review)
    let blank = 0;
    for (const empty of ['\\\n', '\\\n\\\n']) for (let n = 12; n <= 17; n++) {
      const body = '\n' + Array.from({ length: n }, (_, i) => `这是第${i + 1}段测试文字。`).join('\n\n') + `\n\n如对本报告有任何疑问，请联系。\\\n联系地址：某某路1号\\\n${empty}联系电话：0000-1234567。\n`;
      const { lines, warnings } = await build('signature: true', body);
      expect(warnings.filter((w) => w.message.includes('shows no body text')), `${n} paragraphs`).toEqual([]);
      const [address, phone] = [line(lines, '联系地址：某某路1号'), line(lines, '联系电话：0000-1234567。')];
      expect(line(lines, '测试县人民政府').page, `${n} paragraphs`).toBe(phone.page);
      // (the empty line between them, never at the top of a page above the telephone alone)
      expect(address.page, `${n} paragraphs`).toBe(phone.page);
      expect(phone.baseline - address.baseline).toBeCloseTo((empty.length / 2 + 1) * PITCH, 1);
      if (phone.page > line(lines, '如对本报告有任何疑问，请联系。').page) blank++;
    }
    expect(blank).toBeGreaterThan(0);
  }, 120_000);

  it('prints none without the field or with false, and refuses a value of another kind at its line', async () => {
    for (const fields of ['', 'signature: false']) {
      const { docx, lines } = await build(fields);
      expect(paragraphs(docx['word/document.xml']).some((p) => p.style === 'GwSignature')).toBe(false);
      expect(lines.some((l) => l.text === '2014年1月15日' || l.text === '测试县人民政府')).toBe(false);
    }
    expect(readReport(makeReport({ 'report.md': front('signature: 测试县人民政府办公室') + BODY })).meta.signature).toBe('测试县人民政府办公室');
    try {
      readReport(makeReport({ 'report.md': front('signature: 12') + BODY }));
      throw new Error('expected an input error');
    } catch (e) {
      const [message] = inputMessages(e);
      expect(message).toMatch(/report\.md:6: field "signature" \(发文机关署名\) must be true, false, or the name of the organ that signs/);
    }
    // a yes typed otherwise would print as the name; a name wider than its line is refused
    const refused = (value: string) => {
      try {
        readReport(makeReport({ 'report.md': front(`signature: ${value}`) + BODY }));
      } catch (e) {
        return inputMessages(e)[0];
      }
      return '';
    };
    for (const yes of ['yes', '是', '"true"']) expect(refused(yes), yes).toMatch(/would be printed as the organ's name\n {2}fix: write signature: true/);
    for (const no of ['no', '否', '无']) expect(refused(no), no).toMatch(/would be printed as the organ's name\n {2}fix: write signature: false/);
    expect(refused('示例省示例市示例县农业农村局（示例县乡村振兴局）办公室')).toMatch(/is wider than its line by 1 character: it is set on one line, two characters in from the right/);
    expect(refused('示例县农业农村局（示例县乡村振兴局）')).toBe('');
    // signature: true with such an organ, too (review)
    try {
      readReport(makeReport({ 'report.md': front('signature: true').replace('organ: 测试县人民政府', 'organ: 示例省示例市示例县农业农村局（示例县乡村振兴局）办公室') + BODY }));
      throw new Error('expected an input error');
    } catch (e) {
      expect(inputMessages(e)[0]).toMatch(/report\.md:6: signature: true signs with the organ ".*办公室", which is wider than its line by 1 character: it is set on one line, two characters in from the right\n {2}fix: give the organ's shorter name as the signature/);
    }
  });
});
