/** Up-to-date builds (io/up-to-date.ts): a folder is built again only when something its outputs depend on changed. */
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { defaultFontConfig, fontStamp, openFontSet } from '../src/io/fonts.js';
import { editedOutputs, folderInputs, recordFile, settingsStamp, toolStampOf } from '../src/io/up-to-date.js';
import { draftChanges, draftChangesLines } from '../src/io/docx-changes.js';
import { buildReport } from '../src/build.js';
import { ROOT } from './helpers/build.js';
import { FRONT, FRONT_BEFORE_FORMS, makeReport } from './helpers/fixtures.js';

const run = (args: string[], env: Record<string, string> = {}, cwd = ROOT) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'build', ...args], { encoding: 'utf8', cwd, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = () => mkdtempSync(path.join(tmpdir(), 'gongwen-fresh-'));
const SKIPPED = /up to date, not built again/;
const BUILT = /\.docx \(\d+ KB\) in \d+ ms/;
/** Built again, and why. */
const AGAIN = (why: string) => new RegExp(`\\.docx \\(\\d+ KB\\) in \\d+ ms \\(built again: ${why.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`);
/** A report with one warning (a percentage that does not match its figures). */
const BODY = `${FRONT}\n共受理申请10件，办结8件，占90%。\n`;

describe('up-to-date builds', () => {
  it('skips a folder whose files, options and outputs are unchanged, and prints its warnings again', () => {
    const dir = makeReport({ 'report.md': BODY }, 'unit');
    const out = tmp();
    const first = run([dir, '--out', out, '--format', 'docx']);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(BUILT);
    expect(first.err).toContain('8 / 10 = 80.0%, not 90%');
    const docx = path.join(out, 'unit.docx');
    const written = statSync(docx).mtimeMs;
    const record = JSON.parse(readFileSync(recordFile(out, dir), 'utf8')) as { outputs: { name: string }[]; files: object };
    expect(record.outputs.map((f) => f.name)).toEqual(['unit.docx']);
    expect(Object.keys(record.files)).toEqual(['report.md']);

    const again = run([dir, '--out', out, '--format', 'docx']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(SKIPPED);
    expect(again.out).toContain(docx);
    expect(again.err).toContain('8 / 10 = 80.0%, not 90%');
    expect(statSync(docx).mtimeMs).toBe(written);

    // a file saved again with the same bytes changes nothing, nor PDF/A where no PDF is made
    utimesSync(path.join(dir, 'report.md'), new Date(), new Date(Date.now() + 5000));
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(SKIPPED);
    expect(run([dir, '--out', out, '--format', 'docx', '--pdfa']).out).toMatch(SKIPPED);
  }, 60_000);

  it('builds again, and says why, when a file of the folder, an option, the date or an output changes, or with --force', () => {
    const dir = makeReport({ 'report.md': BODY }, 'unit');
    const out = tmp();
    const build = (extra: string[] = [], env: Record<string, string> = {}) => {
      const r = run([dir, '--out', out, ...extra], env);
      expect(r.code, r.err).toBe(0);
      return r.out;
    };
    const first = build(['--format', 'docx']);
    expect(first).toMatch(BUILT);
    expect(first).not.toContain('built again');
    appendFileSync(path.join(dir, 'report.md'), '另起一段。\n');
    expect(build(['--format', 'docx'])).toMatch(AGAIN('report.md changed'));
    writeFileSync(path.join(dir, 'notes.txt'), '备忘'); // a new file in the folder
    expect(build(['--format', 'docx'])).toMatch(AGAIN('notes.txt is new'));
    rmSync(path.join(dir, 'notes.txt'));
    expect(build(['--format', 'docx'])).toMatch(AGAIN('notes.txt is gone'));
    writeFileSync(path.join(dir, '.draft.swp'), 'x'); // an editor's file is not an input
    writeFileSync(path.join(dir, 'report.md~'), 'x');
    // (nor the lock Excel or WPS keeps beside a workbook it holds open, Emacs's autosave, vim's probe)
    for (const name of ['~$statistics.xlsx', '#report.md#', '4913', 'report.md.bak', 'report.md.swp']) writeFileSync(path.join(dir, name), 'x');
    expect(build(['--format', 'docx'])).toMatch(SKIPPED);
    expect(build(['--format', 'pdf,docx'])).toMatch(AGAIN('--format changed'));
    expect(build(['--format', 'docx,pdf'])).toMatch(SKIPPED); // the same formats
    expect(build(['--format', 'pdf,docx', '--pdfa'])).toMatch(AGAIN('PDF/A (--pdfa, or pdfa: in gongwen.yaml) changed'));
    expect(build(['--format', 'pdf,docx', '--pdfa'])).toMatch(SKIPPED);
    // an edit and an option at once: the edit is named (the first of README's list)
    appendFileSync(path.join(dir, 'report.md'), '再起一段。\n');
    expect(build(['--format', 'pdf,docx', '--pdfa', '--allow-missing-glyphs'])).toMatch(AGAIN('report.md changed'));
    expect(build(['--format', 'pdf,docx', '--pdfa'])).toMatch(AGAIN('--allow-missing-glyphs changed'));
    expect(build(['--format', 'pdf,docx', '--pdfa'], { SOURCE_DATE_EPOCH: '' })).toMatch(SKIPPED); // empty is unset
    const epoch = { SOURCE_DATE_EPOCH: '1700000000' };
    expect(build(['--format', 'pdf,docx', '--pdfa'], epoch)).toMatch(AGAIN('SOURCE_DATE_EPOCH changed'));
    expect(build(['--format', 'pdf,docx', '--pdfa'], epoch)).toMatch(SKIPPED);
    // an output changed by hand, or removed
    appendFileSync(path.join(out, 'unit.pdf'), ' ');
    expect(build(['--format', 'pdf,docx', '--pdfa'], epoch)).toMatch(AGAIN(`${path.join(out, 'unit.pdf')} was changed after it was written`));
    rmSync(path.join(out, 'unit.docx'));
    expect(build(['--format', 'pdf,docx', '--pdfa'], epoch)).toMatch(AGAIN(`${path.join(out, 'unit.docx')} is gone`));
    const forced = build(['--format', 'pdf,docx', '--pdfa', '--force'], epoch);
    expect(forced).toMatch(BUILT);
    expect(forced).not.toContain('built again');
  }, 120_000);

  it('says which paragraphs of a Word draft kept aside the new one lacks: the edits to carry over (an office\'s trial: it compared the two by hand)', () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n第一段正文。\n\n第二段正文，审阅时要改。\n` }, 'unit');
    const out = tmp();
    expect(run([dir, '--out', out, '--format', 'docx']).code).toBe(0);
    const docx = path.join(out, 'unit.docx');
    const parts = unzipSync(readFileSync(docx));
    const xml = Buffer.from(parts['word/document.xml']!).toString('utf8');
    // the reviewer rewords the second paragraph and adds a third
    parts['word/document.xml'] = strToU8(xml.replace('第二段正文，审阅时要改。', '第二段正文，已按审阅意见修改。')
      .replace(/(<w:p>(?:(?!<\/w:p>).)*第二段正文(?:(?!<\/w:p>).)*<\/w:p>)/, '$1<w:p><w:r><w:t>审阅人增加的一段话，请核实后写入报告。</w:t></w:r></w:p>'));
    writeFileSync(docx, zipSync(parts));
    const r = run([dir, '--out', out, '--format', 'docx']);
    expect(r.code, r.err).toBe(0);
    // (each reworded one with what it said, an added one said to be: a review round)
    expect(r.err).toMatch(/kept: .*unit\.docx was edited since gongwen wrote it; it is now .*unit\.edited-\d{8}-\d{4}\.docx\n  its text differs from this build's in 2 paragraphs: "第二段正文，已按审阅意见修改。" \(was "第二段正文，审阅时要改。"\), "审阅人增加的一段话，请核实后写入报告。" \(added\)\n/);
    // a draft only deleted from
    const after = unzipSync(readFileSync(docx));
    after['word/document.xml'] = strToU8(Buffer.from(after['word/document.xml']!).toString('utf8').replace(/<w:p>(?:(?!<\/w:p>).)*第一段正文(?:(?!<\/w:p>).)*<\/w:p>/, ''));
    writeFileSync(docx, zipSync(after));
    expect(run([dir, '--out', out, '--format', 'docx']).err).toContain('  1 paragraph of this build\'s is not in it (deleted there): "第一段正文。"\n');
    // tracked changes (修订), read as accepted: an insertion in, a deletion and a move's old place out;
    // and a comment (批注), which was never said (a review round)
    const tracked = unzipSync(readFileSync(docx));
    tracked['word/document.xml'] = strToU8(Buffer.from(tracked['word/document.xml']!).toString('utf8')
      .replace('第二段正文，审阅时要改。', '第二段正文，</w:t></w:r><w:del w:id="1" w:author="张审阅"><w:r><w:delText>审阅时要改。</w:delText></w:r></w:del><w:ins w:id="2" w:author="张审阅"><w:r><w:t>已改。</w:t></w:r></w:ins><w:moveFrom w:id="3" w:author="张审阅"><w:r><w:t>挪走的话。</w:t></w:r></w:moveFrom><w:commentRangeStart w:id="0"/><w:r><w:t>')
      .replace('</w:body>', '<w:p><w:r><w:t>x</w:t></w:r><w:commentRangeEnd w:id="0"/></w:p></w:body>'));
    tracked['word/comments.xml'] = strToU8('<?xml version="1.0"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="张审阅"><w:p><w:r><w:t>请核实此数。</w:t></w:r></w:p></w:comment></w:comments>');
    writeFileSync(docx, zipSync(tracked));
    const t = run([dir, '--out', out, '--format', 'docx']).err;
    expect(t).toContain('  its text differs from this build\'s in 2 paragraphs: "第二段正文，已改。" (was "第二段正文，审阅时要改。"), "x" (added)\n');
    expect(t).toContain('  it holds 1 comment (批注): 张审阅 on "x": "请核实此数。"\n  (its 3 tracked changes (修订) read as accepted)\n');
    // a figure changed to one that stands elsewhere too (a table cell's 0 made 2): counted, not lost (a review)
    const table = makeReport({ 'report.md': `${FRONT}\n| 项目 | 数量 |\n| --- | --- |\n| 甲 | 0 |\n| 乙 | 2 |\n\n正文。\n` }, 'unit');
    const out2 = tmp();
    expect(run([table, '--out', out2, '--format', 'docx']).code).toBe(0);
    const docx2 = path.join(out2, 'unit.docx');
    const cells = unzipSync(readFileSync(docx2));
    cells['word/document.xml'] = strToU8(Buffer.from(cells['word/document.xml']!).toString('utf8').replace(/(<w:t(?: [^>]*)?>)0<\/w:t>/, '$12</w:t>'));
    writeFileSync(docx2, zipSync(cells));
    const figure = run([table, '--out', out2, '--format', 'docx']);
    // (with its row and column: "2" alone could not be found in a table of 66 rows, a review round)
    expect(figure.err).toContain('  its text differs from this build\'s in 1 paragraph: "「甲」第2列（数量）：2" (was "「甲」第2列（数量）：0")\n');
    // two figures swapped between rows: a change of each (it was none, as the same texts were there)
    const swapped = unzipSync(readFileSync(docx2));
    swapped['word/document.xml'] = strToU8(Buffer.from(swapped['word/document.xml']!).toString('utf8').replace(/(<w:t(?: [^>]*)?>)0<\/w:t>([\s\S]*?)(<w:t(?: [^>]*)?>)2<\/w:t>/, '$12</w:t>$2$30</w:t>'));
    writeFileSync(docx2, zipSync(swapped));
    expect(run([table, '--out', out2, '--format', 'docx']).err).toContain('  its text differs from this build\'s in 2 paragraphs: "「甲」第2列（数量）：2" (was "「甲」第2列（数量）：0"), "「乙」第2列（数量）：0" (was "「乙」第2列（数量）：2")\n');
    // saved again with no edit (its bytes other, its text the same): said so, not left unsaid (a review)
    const resaved = unzipSync(readFileSync(docx2));
    resaved['docProps/app.xml'] = strToU8(Buffer.from(resaved['docProps/app.xml']!).toString('utf8').replace('</Properties>', '<Application>LibreOffice</Application></Properties>'));
    writeFileSync(docx2, zipSync(resaved));
    expect(run([table, '--out', out2, '--format', 'docx']).err).toContain('  its text is as this build\'s, with no comment: saved again without an edit, or with edits of its look alone?\n');
    // more than five of a kind: all of them written beside the kept draft (a review round has dozens,
    // and the next build is up to date: a review)
    const many = unzipSync(readFileSync(docx2));
    const adds = Array.from({ length: 7 }, (_, k) => `<w:p><w:r><w:t>审阅人增加的第${k + 1}段。</w:t></w:r></w:p>`).join('');
    many['word/document.xml'] = strToU8(Buffer.from(many['word/document.xml']!).toString('utf8').replace('</w:body>', `${adds}</w:body>`));
    writeFileSync(docx2, zipSync(many));
    const listed = run([table, '--out', out2, '--format', 'docx']).err;
    expect(listed).toMatch(/ and 2 more\n/);
    const all = /\(all of them in (.*\.edited-\d{8}-\d{4}(?:-\d+)?\.txt)\)/.exec(listed)?.[1];
    expect(all, listed).toBeDefined();
    for (let k = 1; k <= 7; k++) expect(readFileSync(all!, 'utf8')).toContain(`"审阅人增加的第${k}段。" (added)`);
  });

  it('names a statistics table\'s cell changed in a Word draft by its row\'s own label and the form\'s column (表三: its group\'s label, and the column counted in the row\'s cells, a review)', async () => {
    const out = tmp();
    const { outputs } = await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts: openFontSet(), formats: ['docx'] });
    const xml = Buffer.from(unzipSync(outputs.docx!)['word/document.xml']!).toString('utf8');
    // 自然人 of 一、本年新收…, of （一）予以公开 (the first row of 三、本年度办理结果) and of （四）1. (under a merged （四）无法提供)
    let edited = xml;
    for (const [row, from, to] of [['本年新收政府信息公开申请数量', '236', '237'], ['予以公开', '102', '103'], ['本机关不掌握相关政府信息', '1', '2']] as const) {
      const tr = [...edited.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) => m[0]).find((r) => r.includes(row))!;
      edited = edited.replace(tr, tr.replace(new RegExp(`(<w:t(?: [^>]*)?>)${from}</w:t>`), `$1${to}</w:t>`));
    }
    const parts = unzipSync(outputs.docx!);
    parts['word/document.xml'] = strToU8(edited);
    const file = path.join(out, 'reviewed.docx');
    writeFileSync(file, zipSync(parts));
    const lines = draftChangesLines(draftChanges(file, outputs.docx!));
    expect(lines).toEqual([`its text differs from this build's in 3 paragraphs: ${[
      '"「一、本年新收政府信息公开申请数量」第4列（自然人）：237" (was "「一、本年新收政府信息公开申请数量」第4列（自然人）：236")',
      '"「（一）予以公开」第4列（自然人）：103" (was "「（一）予以公开」第4列（自然人）：102")',
      '"「1.本机关不掌握相关政府信息」第9列（其他）：2" (was "「1.本机关不掌握相关政府信息」第9列（其他）：1")',
    ].join(', ')}`]);
  });

  it('names a figure of 表四, a row of figures alone, by its column\'s headers (行政复议/结果维持) (it was "2" added and "1" deleted, and the row\'s other figures moved: a review)', async () => {
    const out = tmp();
    const { outputs } = await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts: openFontSet(), formats: ['docx'] });
    const xml = Buffer.from(unzipSync(outputs.docx!)['word/document.xml']!).toString('utf8');
    const t4 = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => t.includes('行政复议'))!;
    const row = [...t4.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) => m[0]).at(-1)!;
    const first = /(<w:t(?: [^>]*)?>)(\d+)<\/w:t>/.exec(row)!;
    const parts = unzipSync(outputs.docx!);
    parts['word/document.xml'] = strToU8(xml.replace(row, row.replace(first[0], `${first[1]}${Number(first[2]) + 1}</w:t>`)));
    const file = path.join(out, 'reviewed.docx');
    writeFileSync(file, zipSync(parts));
    expect(draftChangesLines(draftChanges(file, outputs.docx!))).toEqual([
      `its text differs from this build's in 1 paragraph: "「行政复议/结果维持」第1列：${Number(first[2]) + 1}" (was "「行政复议/结果维持」第1列：${first[2]}")`,
    ]);
    // 表二's blocks each with their own headers (行政许可 under 本年处理决定数量, not the first block's 本年制发件数)
    const { draftText } = await import('../src/io/docx-changes.js');
    expect(draftText(outputs.docx!)!.paragraphs).toContain('「行政许可」第2列（本年处理决定数量）：3862');
    // a row's label reworded: each cell with its own label, the old one whole (it had been cut at the
    // new label's length and read as an empty cell filled in, a review)
    const labelled = unzipSync(outputs.docx!);
    labelled['word/document.xml'] = strToU8(xml.replace('>“三安全一稳定”</w:t>', '>“三安全一稳定”的</w:t>'));
    writeFileSync(file, zipSync(labelled));
    expect(draftChangesLines(draftChanges(file, outputs.docx!))[0]).toContain('"「3.危及“三安全一稳定”的」第4列（自然人）：0" (was "「3.危及“三安全一稳定”」第4列（自然人）：0")');
    // a long label reworded with a figure of its row: the label cut, never the figure (a review)
    const newRow = [...xml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) => m[0]).find((r) => r.includes('本年新收政府信息公开申请数量'))!;
    const figure = /(<w:t(?: [^>]*)?>)(\d+)<\/w:t>/.exec(newRow)!;
    const longer = unzipSync(outputs.docx!);
    longer['word/document.xml'] = strToU8(xml.replace(newRow, newRow.replace('本年新收政府信息公开申请数量', '本年度新收到的各类政府信息公开申请的数量合计（含网上申请）').replace(figure[0], `${figure[1]}${Number(figure[2]) + 2}</w:t>`)));
    writeFileSync(file, zipSync(longer));
    expect(draftChangesLines(draftChanges(file, outputs.docx!))[0]).toContain(`第4列（自然人）：${Number(figure[2]) + 2}" (was "「一、本年新收政府信息公开申请数量」第4列（自然人）：${figure[2]}")`);
  });

  it('calls two paragraphs joined only where they stood side by side, and passes over its kept lists and contents entries saved under other style ids (a review)', async () => {
    const out = tmp();
    const { outputs } = await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts: openFontSet(), formats: ['docx'] });
    const parts = unzipSync(outputs.docx!);
    const xml = Buffer.from(parts['word/document.xml']!).toString('utf8');
    const paras = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const para = (start: string) => paras.find((p) => /<w:t(?: [^>]*)?>([^<]*)/.exec(p)?.[1]?.startsWith(start))!;
    // a paragraph extended with the words of one deleted six parts on: no join
    const [near, far] = [para('围绕“放管服”改革'), para('2021年，区政府承办')];
    const farText = [...far.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    parts['word/document.xml'] = strToU8(xml.replace(far, '').replace(near, near.replace(/<\/w:p>$/, `<w:r><w:t>${farText}</w:t></w:r></w:p>`)));
    const file = path.join(out, 'reviewed.docx');
    writeFileSync(file, zipSync(parts));
    const lines = draftChangesLines(draftChanges(file, outputs.docx!));
    expect(lines.join('\n')).not.toContain('joined');
    expect(lines.join('\n')).toContain('(deleted there): "2021年，区政府承办');
    // the list of a kept draft's edits, beside it where --out is the report folder, is no input
    const { isInputName } = await import('../src/io/up-to-date.js');
    expect(isInputName('report.edited-20261128-1930.txt')).toBe(false);
    expect(isInputName('report.edited-20261128-1930-2.txt')).toBe(false);
    expect(isInputName('说明.txt')).toBe(true);
    // contents entries under a style id of another language's Word (11, named toc 1)
    const { draftText } = await import('../src/io/docx-changes.js');
    const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const tocDraft = zipSync({
      'word/document.xml': strToU8(`<w:document ${w}><w:body><w:p><w:pPr><w:pStyle w:val="11"/></w:pPr><w:r><w:t>一、总体情况 1</w:t></w:r></w:p><w:p><w:r><w:t>正文。</w:t></w:r></w:p></w:body></w:document>`),
      'word/styles.xml': strToU8(`<w:styles ${w}><w:style w:type="paragraph" w:styleId="11"><w:name w:val="toc 1"/></w:style></w:styles>`),
    });
    expect(draftText(tocDraft)!.paragraphs).toEqual(['正文。']);
  });

  it('pairs a paragraph deleted and one added as one reworded only where they share a fifth of their text, not only an opening 2021年， (a review)', async () => {
    const out = tmp();
    const { outputs } = await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts: openFontSet(), formats: ['docx'] });
    const parts = unzipSync(outputs.docx!);
    const xml = Buffer.from(parts['word/document.xml']!).toString('utf8');
    const gone = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes('2021年，区政府承办'))!;
    parts['word/document.xml'] = strToU8(xml.replace(gone, '').replace('</w:body>', '<w:p><w:r><w:t>2021年，区政府还组织开展了政务公开第三方评估，评估结果在区政府网站公开。</w:t></w:r></w:p></w:body>'));
    const file = path.join(out, 'reviewed.docx');
    writeFileSync(file, zipSync(parts));
    expect(draftChangesLines(draftChanges(file, outputs.docx!))).toEqual([
      'its text differs from this build\'s in 1 paragraph: "2021年，区政府还组织开展了政务公开第三方评估，评估结果在…" (added)',
      '1 paragraph of this build\'s is not in it (deleted there): "2021年，区政府承办区人大代表建议58件、区政协委员提案7…"',
    ]);
  });

  it('names a paragraph moved whole in a Word draft (it was not reported: the texts were all there)', async () => {
    const out = tmp();
    const { outputs } = await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts: openFontSet(), formats: ['docx'] });
    const parts = unzipSync(outputs.docx!);
    const xml = Buffer.from(parts['word/document.xml']!).toString('utf8');
    // the paragraph that starts 推进政务公开专区建设 moved to just before the one starting 坚持“以公开为常态
    const para = (start: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => /<w:t(?: [^>]*)?>([^<]*)/.exec(p)?.[1]?.startsWith(start))!;
    const moved = para('推进政务公开专区建设');
    const before = para('坚持“以公开为常态');
    parts['word/document.xml'] = strToU8(xml.replace(moved, '').replace(before, moved + before));
    const file = path.join(out, 'moved.docx');
    writeFileSync(file, zipSync(parts));
    expect(draftChangesLines(draftChanges(file, outputs.docx!))).toEqual(['1 paragraph of this build\'s stands elsewhere in it (moved there): "推进政务公开专区建设，在区政务服务中心和各街道便民服务中心设…"']);
  });

  it('reads a Word draft\'s text box apart, two paragraphs joined as joined, and passes over its contents entries (each had been reported as paragraphs deleted: a review)', async () => {
    const out = tmp();
    const dir = makeReport({ 'report.md': readFileSync(path.join(ROOT, 'content/sample-2021/report.md'), 'utf8').replace(/^year: 2021$/m, 'year: 2021\ntoc: true'), 'statistics.yaml': readFileSync(path.join(ROOT, 'content/sample-2021/statistics.yaml'), 'utf8') }, 'reviewed');
    const { outputs } = await buildReport(dir, { fonts: openFontSet(), formats: ['docx'] });
    const parts = unzipSync(outputs.docx!);
    const xml = Buffer.from(parts['word/document.xml']!).toString('utf8');
    const paras = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const para = (start: string) => paras.find((p) => /<w:t(?: [^>]*)?>([^<]*)/.exec(p)?.[1]?.startsWith(start))!;
    // a note in a text box, as Word saves it (the drawing, and its fallback with the box again)
    const box = '<w:txbxContent><w:p><w:r><w:t>审阅意见：本段数据请核对</w:t></w:r></w:p></w:txbxContent>';
    const anchored = para('推进政务公开专区建设').replace('<w:r>', `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${box}</w:drawing></mc:Choice><mc:Fallback><w:pict>${box}</w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r>`);
    // two paragraphs joined (Delete at the end of the first)
    const [first, second] = [para('围绕“放管服”改革'), para('加强政策解读和回应关切')];
    const joined = first.replace(/<\/w:p>$/, second.replace(/^<w:p[ >][\s\S]*?<\/w:pPr>/, '').replace(/^<w:p>/, ''));
    // the contents entries' page numbers, as an update of the field changes them
    let edited = xml.replace(para('推进政务公开专区建设'), anchored).replace(second, '').replace(first, joined);
    for (const p of paras.filter((q) => /<w:pStyle w:val="TOC\d"\/>/.test(q))) {
      edited = edited.replace(p, p.replace(/(<w:t(?: [^>]*)?>)(\d+)(<\/w:t>)(?![\s\S]*<w:t[ >])/, (_, t: string, n: string, e: string) => `${t}${Number(n) + 1}${e}`));
    }
    expect(edited).not.toBe(xml);
    parts['word/document.xml'] = strToU8(edited);
    // and a footnote the reviewer added (never said: a review), beside Word's separators
    parts['word/footnotes.xml'] = strToU8('<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>数据来源：区财政局统计，请核对。</w:t></w:r></w:p></w:footnote></w:footnotes>');
    const file = path.join(out, 'reviewed.docx');
    writeFileSync(file, zipSync(parts));
    const lines = draftChangesLines(draftChanges(file, outputs.docx!));
    expect(lines).toEqual([
      expect.stringMatching(/^its text differs from this build's in 1 paragraph: "围绕“放管服”改革和优化营商环境.*" \(two paragraphs joined: "围绕“放管服”改革和优化营商环….*" and "加强政策解读和回应关切.*"\)$/),
      'it holds 1 text box (文本框): "审阅意见：本段数据请核对"',
      'it holds 1 footnote (脚注): "数据来源：区财政局统计，请核对。"',
    ]);
  });

  it('keeps an output edited since it was written (a reviewer\'s Word draft) aside, and writes the new one', () => {
    const dir = makeReport({ 'report.md': BODY }, 'unit');
    const out = tmp();
    expect(run([dir, '--out', out, '--format', 'pdf,docx']).code).toBe(0);
    const docx = path.join(out, 'unit.docx');
    const pdf = readFileSync(path.join(out, 'unit.pdf'));
    // the reviewer's save: other bytes, saved at 16:42 on 15 March (local time)
    const edited = Buffer.concat([readFileSync(docx), Buffer.from('审阅意见')]);
    writeFileSync(docx, edited);
    const saved = new Date(2026, 2, 15, 16, 42, 7);
    utimesSync(docx, saved, saved);
    const r = run([dir, '--out', out, '--format', 'pdf,docx']);
    expect(r.code, r.err).toBe(0);
    const kept = path.join(out, 'unit.edited-20260315-1642.docx');
    expect(r.err).toContain(`kept: ${docx} was edited since gongwen wrote it; it is now ${kept}`);
    expect(r.out).toMatch(AGAIN(`${docx} was changed after it was written`));
    expect(readFileSync(kept).equals(edited)).toBe(true);
    expect(readFileSync(docx).equals(edited)).toBe(false);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(path.join(out, 'unit.pdf')).equals(pdf)).toBe(true); // not edited: written over as before, nothing kept
    // a second edit at the same minute takes the next name; --force keeps it too; an unedited output is never kept
    writeFileSync(docx, edited);
    utimesSync(docx, saved, saved);
    expect(run([dir, '--out', out, '--format', 'pdf,docx', '--force']).err).toContain(`it is now ${path.join(out, 'unit.edited-20260315-1642-2.docx')}`);
    const plain = run([dir, '--out', out, '--format', 'pdf,docx', '--force']);
    expect(plain.err).not.toContain('kept:');
    expect(readdirSync(out).filter((f) => f.includes('.edited-')).sort()).toEqual(['unit.edited-20260315-1642-2.docx', 'unit.edited-20260315-1642.docx']);
  }, 60_000);

  it('keeps an edited draft through builds of other formats, and one an office program saved where no record knows it', () => {
    const dir = makeReport({ 'report.md': BODY }, 'unit');
    const out = tmp();
    expect(run([dir, '--out', out]).code).toBe(0);
    const docx = path.join(out, 'unit.docx');
    appendFileSync(docx, '审阅');
    // a PDF-only build leaves the draft alone, and its record still knows the draft as gongwen wrote it
    expect(run([dir, '--out', out, '--format', 'pdf']).err).not.toContain('kept:');
    const edited = readFileSync(docx);
    const both = run([dir, '--out', out]);
    expect(both.err).toMatch(/kept: .*unit\.docx was edited since gongwen wrote it; it is now .*unit\.edited-\d{8}-\d{4}\.docx/);
    const kept = readdirSync(out).find((f) => f.startsWith('unit.edited-'))!;
    expect(readFileSync(path.join(out, kept)).equals(edited)).toBe(true);
    // no record (deleted, or the draft built elsewhere): a draft saved by Word, WPS or LibreOffice names
    // the program in docProps/app.xml, where gongwen names none
    rmSync(path.join(out, '.gongwen'), { recursive: true });
    rmSync(path.join(out, kept));
    const parts = unzipSync(readFileSync(docx));
    const saved = Buffer.from(zipSync({ ...parts, 'docProps/app.xml': strToU8('<?xml version="1.0"?><Properties><Application>Microsoft Office Word</Application></Properties>') }));
    writeFileSync(docx, saved);
    expect(run([dir, '--out', out]).err).toContain('kept: ');
    expect(readFileSync(path.join(out, readdirSync(out).find((f) => f.startsWith('unit.edited-'))!)).equals(saved)).toBe(true);
    // gongwen's own draft, no record: written over without a word
    rmSync(path.join(out, '.gongwen'), { recursive: true });
    expect(run([dir, '--out', out]).err).not.toContain('kept:');
    expect(readdirSync(out).filter((f) => f.startsWith('unit.edited-'))).toHaveLength(1);
    // a copy of the out folder, or a file touched, is no edit: the same bytes at another time
    const copy = tmp();
    cpSync(out, copy, { recursive: true });
    utimesSync(path.join(copy, 'unit.pdf'), new Date(), new Date(Date.now() - 60_000));
    // (nor is it built again: up to date, by its bytes, audit)
    expect(run([dir, '--out', copy]).out).toMatch(SKIPPED);
    const again = run([dir, '--out', copy, '--force']);
    expect(again.code, again.err).toBe(0);
    expect(again.err).not.toContain('kept:');
    expect(readdirSync(copy).filter((f) => f.startsWith('unit.edited-'))).toHaveLength(1); // the one copied along
  }, 60_000);

  it('takes a file larger than any input by its size and time, not its bytes (a 1 GB scan beside report.md was read whole on every build: an edge audit)', () => {
    const dir = makeReport({ 'report.md': BODY });
    const scan = path.join(dir, 'scan.tif');
    writeFileSync(scan, '');
    truncateSync(scan, 17 * 2 ** 20);
    const first = folderInputs(dir).files['scan.tif'];
    expect(first).toMatch(/^large:17825792:/);
    truncateSync(scan, 18 * 2 ** 20);
    expect(folderInputs(dir).files['scan.tif']).not.toBe(first);
    // (report.md itself by its bytes, as before)
    expect(folderInputs(dir).files['report.md']).toMatch(/^\d+:[0-9a-f]{8}$/);
  });

  it('builds again when a statistics file outside the folder changes', () => {
    const dir = makeReport({ 'report.md': FRONT.replace(/---\n$/, 'attachment: { title: 统计表 }\nstatistics: ../shared.yaml\n---\n正文。\n') }, 'withshared');
    const shared = path.join(path.dirname(dir), 'shared.yaml');
    writeFileSync(shared, 'template: gov-2014\nvalues:\n  s1_1: 1\n');
    const out = tmp();
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(BUILT);
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(SKIPPED);
    writeFileSync(shared, 'template: gov-2014\nvalues:\n  s1_1: 2\n');
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(AGAIN('statistics file ../shared.yaml changed'));
  }, 60_000);

  it('builds again when the statistics file the report names in a subfolder changes, however the name is written', () => {
    const dir = makeReport({ 'report.md': FRONT.replace(/---\n$/, 'attachment: { title: 统计表 }\nstatistics: "data/statistics.yaml "\n---\n正文。\n') }, 'sub');
    mkdirSync(path.join(dir, 'data'));
    writeFileSync(path.join(dir, 'data/statistics.yaml'), 'template: gov-2014\nvalues:\n  s1_1: 1\n');
    const out = tmp();
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(BUILT);
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(SKIPPED);
    writeFileSync(path.join(dir, 'data/statistics.yaml'), 'template: gov-2014\nvalues:\n  s1_1: 2\n');
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(AGAIN('statistics file data/statistics.yaml changed'));
  }, 60_000);

  it('says why on a terminal too, for one folder', () => {
    const dir = makeReport({ 'report.md': `${FRONT}\n正文。\n` }, 'unit');
    const out = tmp();
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(BUILT);
    appendFileSync(path.join(dir, 'report.md'), '另起一段。\n');
    // script(1) gives the command a terminal
    const cmd = [process.execPath, path.join(ROOT, 'bin/gongwen.mjs'), 'build', dir, '--out', out, '--format', 'docx'].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(AGAIN('report.md changed'));
    expect(r.stdout).toMatch(/\[1\/1\] 0 failed/);
  }, 60_000);

  it('refuses a folder of the same name as another report folder last built into --out, which is still there; builds one moved there, and says so (a CLI audit: city2/wjw replaced city1/wjw\'s outputs)', () => {
    const a = makeReport({ 'report.md': BODY }, 'unit');
    const b = makeReport({ 'report.md': BODY }, 'unit');
    const out = tmp();
    expect(run([a, '--out', out, '--format', 'docx']).out).toMatch(BUILT);
    const before = readFileSync(path.join(out, 'unit.docx'));
    const refused = run([b, '--out', out, '--format', 'docx']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`${path.join(out, 'unit.docx')} are the outputs of another report folder of the same name, ${a}: building this one would replace them`);
    expect(readFileSync(path.join(out, 'unit.docx'))).toEqual(before);
    // the first folder gone (moved to where the second is): the same report, built
    rmSync(a, { recursive: true });
    expect(run([b, '--out', out, '--format', 'docx']).out).toMatch(AGAIN(`${path.join(out, 'unit.*')} were last built from ${a}`));
    // a working folder copied whole, its --out and records along, builds into its own --out: the
    // record's folder stands to its --out as this one to this --out (every report of a copy had
    // been refused, a city's trial)
    const work = tmp();
    mkdirSync(path.join(work, 'units'));
    cpSync(b, path.join(work, 'units', 'unit'), { recursive: true });
    expect(run(['units/unit', '--out', 'out', '--format', 'docx'], {}, work).code).toBe(0);
    const copy = `${work}-copy`;
    cpSync(work, copy, { recursive: true });
    const built = run(['units/unit', '--out', 'out', '--format', 'docx'], {}, copy);
    expect(built.code, built.err).toBe(0);
    expect(built.out).toMatch(AGAIN(`out/unit.* were last built from ${path.join(work, 'units', 'unit')}`));
    // but not another folder of the name whose --out is a link to the first one's: one folder (a review)
    const linked = `${work}-linked`;
    mkdirSync(path.join(linked, 'units'), { recursive: true });
    cpSync(b, path.join(linked, 'units', 'unit'), { recursive: true });
    writeFileSync(path.join(linked, 'units', 'unit', 'report.md'), BODY.replace('办结8件', '办结7件'));
    symlinkSync(path.join(work, 'out'), path.join(linked, 'out'));
    const through = run(['units/unit', '--out', 'out', '--format', 'docx'], {}, linked);
    expect(through.code).toBe(2);
    expect(through.err).toContain('are the outputs of another report folder of the same name');
  }, 60_000);

  it('builds again when run from another working folder if it has warnings, which name files relative to it', () => {
    const dir = makeReport({ 'report.md': BODY }, 'unit');
    const out = tmp();
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(BUILT);
    expect(run([dir, '--out', out, '--format', 'docx'], {}, tmpdir()).out).toMatch(AGAIN('run from another folder (its warnings name files relative to it)'));
    expect(run([dir, '--out', out, '--format', 'docx'], {}, tmpdir()).out).toMatch(SKIPPED);
    // without warnings, the working folder does not matter
    writeFileSync(path.join(dir, 'report.md'), `${FRONT_BEFORE_FORMS}\n正文。\n`);
    expect(run([dir, '--out', out, '--format', 'docx'], {}, tmpdir()).out).toMatch(AGAIN('report.md changed'));
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(SKIPPED);
  }, 60_000);

  it('takes a record it cannot use for none, and builds; a record it cannot write is a warning', () => {
    const dir = makeReport({ 'report.md': BODY }, 'unit');
    const out = tmp();
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(BUILT);
    const good = JSON.parse(readFileSync(recordFile(out, dir), 'utf8')) as { outputs: object[] };
    for (const bad of ['null', '[]', '{"version":2}', 'not json', JSON.stringify({ ...good, outputs: [null] }), JSON.stringify({ ...good, outputs: [{ name: '../x', bytes: 1, mtimeMs: 1 }] }),
      JSON.stringify({ ...good, warnings: undefined }), JSON.stringify({ ...good, files: { 'report.md': 1 } })]) {
      writeFileSync(recordFile(out, dir), bad);
      const r = run([dir, '--out', out, '--format', 'docx']);
      expect(r.code, `${bad}: ${r.err}`).toBe(0);
      expect(r.out).toMatch(AGAIN(`its record ${recordFile(out, dir)} cannot be read`));
    }
    writeFileSync(recordFile(out, dir), JSON.stringify({ ...good, version: 1 }));
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(AGAIN(`its record ${recordFile(out, dir)} was written by another version of gongwen`));
    // each of those builds wrote a good record again
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(SKIPPED);
    rmSync(path.join(out, '.gongwen'), { recursive: true });
    writeFileSync(path.join(out, '.gongwen'), 'a file in the way');
    const blocked = run([dir, '--out', out, '--format', 'docx']);
    expect(blocked.code).toBe(0);
    expect(blocked.out).toMatch(BUILT);
    expect(blocked.err).toMatch(/\.gongwen\/unit\.json: the record of this build cannot be written \(.*is a file, not a folder.*\), so the next build builds it again/);
  }, 90_000);

  // (chattr +i needs root and a file system that has the flag: a record that cannot be changed)
  const immutable = (p: string, on: boolean) => spawnSync('chattr', [on ? '+i' : '-i', p]).status === 0;
  it('never calls its own outputs edited where the record cannot be replaced: each build had kept its new PDF and DOCX aside as a reviewer\'s (failure audit)', (ctx) => {
    // the record folder marked unchangeable, then the record itself (review: its folder writable)
    for (const which of ['folder', 'record'] as const) {
      const dir = makeReport({ 'report.md': BODY }, 'unit');
      const out = tmp();
      expect(run([dir, '--out', out, '--format', 'pdf,docx']).code).toBe(0);
      const target = which === 'folder' ? path.join(out, '.gongwen') : recordFile(out, dir);
      if (!immutable(target, true)) return ctx.skip();
      try {
        for (const k of [1, 2, 3]) {
          appendFileSync(path.join(dir, 'report.md'), `\n追加第${k}段。\n`);
          const r = run([dir, '--out', out, '--format', 'pdf,docx']);
          expect(r.code, r.err).toBe(0);
          expect(r.err).toMatch(/unit\.json: the record of this build cannot be written \(not permitted \(marked unchangeable, or another user's\?\) \(EPERM\)\)/);
          expect(r.err + r.out, which).not.toMatch(/kept|edited/);
        }
        expect(readdirSync(out).sort()).toEqual(['.gongwen', 'unit.docx', 'unit.pdf']);
        // a PDF annotated in a viewer (an update appended, with an end of its own) is still kept
        // aside: without a record, by its own signs (review: it was written over)
        if (which === 'record') {
          appendFileSync(path.join(out, 'unit.pdf'), '\n1 0 obj\n<<>>\nendobj\nxref\n0 1\ntrailer\n<<>>\nstartxref\n0\n%%EOF\n');
          appendFileSync(path.join(dir, 'report.md'), '\n再追加一段。\n');
          const annotated = run([dir, '--out', out, '--format', 'pdf,docx']);
          expect(annotated.err).toMatch(/kept: .*unit\.pdf was edited since gongwen wrote it; it is now .*unit\.edited-\d{8}-\d{4}\.pdf/);
        }
      } finally {
        immutable(target, false);
      }
    }
  }, 90_000);

  it('puts a reviewer\'s draft back where it was when the outputs cannot be replaced: it stayed aside, unsaid (failure re-audit)', () => {
    const dir = makeReport({ 'report.md': BODY }, 'unit');
    const out = tmp();
    expect(run([dir, '--out', out]).code).toBe(0);
    const docx = path.join(out, 'unit.docx');
    appendFileSync(docx, '审阅');
    const edited = readFileSync(docx);
    const record = readFileSync(recordFile(out, dir), 'utf8');
    appendFileSync(path.join(dir, 'report.md'), '\n追加一段。\n');
    chmodSync(path.join(out, 'unit.pdf'), 0o444); // (read-only: kept, as README says, and the build fails)
    const r = run([dir, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unit\.pdf: cannot be written: the earlier file is marked read-only, and is kept/);
    expect(r.err).not.toContain('kept:');
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(['unit.docx', 'unit.pdf']);
    expect(readFileSync(docx).equals(edited)).toBe(true);
    expect(readFileSync(recordFile(out, dir), 'utf8')).toBe(record);
  });

  it('tells, without a record, a PDF gongwen wrote from one another program saved: its end, and its producer (not its creator)', () => {
    const dir = makeReport({ 'report.md': BODY }, 'unit');
    const out = tmp();
    expect(run([dir, '--out', out, '--format', 'pdf']).code).toBe(0);
    const pdf = readFileSync(path.join(out, 'unit.pdf'));
    const judged = (bytes: Buffer) => {
      writeFileSync(path.join(out, 'unit.pdf'), bytes);
      return editedOutputs(out, undefined, ['unit.pdf']).length === 1;
    };
    expect(judged(pdf)).toBe(false);
    expect(judged(Buffer.concat([pdf, Buffer.from('1 0 obj\n<<>>\nendobj\nstartxref\n0\n%%EOF\n')]))).toBe(true);
    // the producer's own object another program's, the creator's still gongwen's (review)
    const producer = /\/Producer (\d+) 0 R/.exec(pdf.toString('latin1'))![1];
    const text = pdf.toString('latin1');
    const at = text.indexOf(`\n${producer} 0 obj\n(gongwen `);
    expect(at).toBeGreaterThan(0);
    expect(judged(Buffer.from(`${text.slice(0, at)}\n${producer} 0 obj\n(Foxit PDF Ed${text.slice(at + `\n${producer} 0 obj\n(gongwen `.length + 4)}`, 'latin1'))).toBe(true);
  });

  it('keeps the record of the earlier outputs where they could not be replaced (it is removed while they are)', () => {
    const dir = makeReport({ 'report.md': BODY }, 'unit');
    const out = tmp();
    expect(run([dir, '--out', out, '--format', 'pdf']).code).toBe(0);
    const record = recordFile(out, dir);
    const old = readFileSync(record, 'utf8');
    appendFileSync(path.join(dir, 'report.md'), '\n追加一段。\n');
    mkdirSync(path.join(out, 'unit.docx'));
    const r = run([dir, '--out', out, '--format', 'pdf,docx']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unit\.docx: cannot be written: a folder of that name is in the way \(EISDIR\)/);
    expect(readFileSync(record, 'utf8')).toBe(old);
  });

  it('never skips a failed build, and keeps the last good record and outputs', () => {
    const dir = makeReport({ 'report.md': BODY }, 'unit');
    const out = tmp();
    expect(run([dir, '--out', out, '--format', 'docx']).code).toBe(0);
    const record = readFileSync(recordFile(out, dir));
    writeFileSync(path.join(dir, 'report.md'), BODY.replace('year: 2020', 'year: soon'));
    for (let i = 0; i < 2; i++) {
      const r = run([dir, '--out', out, '--format', 'docx']);
      expect(r.code).toBe(2);
      expect(r.err).toContain('year');
    }
    expect(readFileSync(recordFile(out, dir)).equals(record)).toBe(true);
    // the old content again: the outputs of its build are still current
    writeFileSync(path.join(dir, 'report.md'), BODY);
    expect(run([dir, '--out', out, '--format', 'docx']).out).toMatch(SKIPPED);
  }, 60_000);

  it('builds in a batch only the folders that changed, and counts the others in its summary', () => {
    const dirs = ['a', 'b', 'c'].map((n) => makeReport({ 'report.md': `${FRONT}\n单位${n}。\n` }, n));
    const out = tmp();
    const first = run([...dirs, '--out', out, '--format', 'docx']);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/built 3 of 3 reports in [\d.]+ s(?: \(\d+ with warnings: [^)]*\))?\n$/);
    const second = run([...dirs, '--out', out, '--format', 'docx']);
    expect(second.out).toMatch(/all 3 reports up to date, none built \([\d.]+ s; --force builds them\)\n$/);
    writeFileSync(path.join(dirs[1]!, 'report.md'), `${FRONT}\n单位b，改。\n`);
    writeFileSync(path.join(dirs[2]!, 'report.md'), `${FRONT.replace('year: 2020', 'year: soon')}\n单位c。\n`);
    const third = run([...dirs, '--out', out, '--format', 'docx']);
    expect(third.code).toBe(2);
    // built on a worker thread, it says why
    expect(third.out).toMatch(new RegExp(`b\\.docx \\(\\d+ KB\\) in \\d+ ms \\(built again: report\\.md changed\\)`));
    // (with the outputs an earlier build left for it, which are not of its files as they are now)
    expect(third.out).toMatch(/built 1 of 3 reports in [\d.]+ s(?: \(\d+ with warnings: [^)]*\))?; 1 up to date; 1 failed: .*\bc\n {2}.*\bc: .*report\.md:3: .*\n {4}.*c\.docx \(\d\d:\d\d\): left by an earlier build, not by this one\n$/);
    expect(third.out.split('\n').filter((l) => SKIPPED.test(l))).toEqual([expect.stringContaining('a.docx')]);
  }, 90_000);
});

describe('--force', () => {
  it('belongs to build, not check', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongwen.mjs'), 'check', makeReport({ 'report.md': BODY }), '--force'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--force belongs to build, not check');
  });
});

describe('the stamp', () => {
  const settings = { formats: ['pdf'], pdfa: false, strict: false, allowMissingGlyphs: false, creator: 'gongwen 0.1.0' };

  it('changes with each setting, the date, the working folder and the fonts, not with the order of calls', () => {
    const fonts = fontStamp(defaultFontConfig());
    const json = (x: object) => JSON.stringify(x);
    const base = json(settingsStamp(settings, fonts, {}));
    expect(json(settingsStamp(settings, fonts, {}))).toBe(base);
    const others = [
      settingsStamp({ ...settings, formats: ['pdf', 'docx'] }, fonts, {}),
      settingsStamp({ ...settings, pdfa: true }, fonts, {}),
      settingsStamp({ ...settings, strict: true }, fonts, {}),
      settingsStamp({ ...settings, allowMissingGlyphs: true }, fonts, {}),
      settingsStamp({ ...settings, creator: 'gongwen 0.2.0' }, fonts, {}),
      settingsStamp(settings, fonts, { SOURCE_DATE_EPOCH: '0' }),
      settingsStamp(settings, fontStamp({ ...defaultFontConfig(), fang: { ...defaultFontConfig().fang, name: '仿宋_GB2312' } }), {}),
    ];
    const cwd = process.cwd();
    try {
      process.chdir(tmpdir());
      others.push(settingsStamp(settings, fonts, {}));
    } finally {
      process.chdir(cwd);
    }
    expect(new Set([base, ...others.map(json)]).size).toBe(others.length + 1);
  });

  it('takes the fonts as they were when the font set opened: a file replaced later makes records stale, never fresh', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-font-'));
    const file = path.join(dir, 'f.otf');
    writeFileSync(file, 'font');
    const config = { ...defaultFontConfig(), kai: { file, name: '楷体' } };
    const set = openFontSet(config);
    expect(set.stamp).toBe(fontStamp(config));
    utimesSync(file, new Date(), new Date(Date.now() - 60_000));
    expect(fontStamp(config)).not.toBe(set.stamp);
  });

  it("covers gongwen's own files: its compiled code, templates, package and lock files", () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gongwen-tool-'));
    mkdirSync(path.join(root, 'dist/io'), { recursive: true });
    mkdirSync(path.join(root, 'templates'));
    for (const f of ['package.json', 'package-lock.json', 'dist/io/cli.js', 'templates/gov-2021.yaml']) writeFileSync(path.join(root, f), 'x');
    const url = new URL(`file://${root}/`);
    const stamps = [toolStampOf(url)];
    expect(toolStampOf(url)).toBe(stamps[0]);
    const later = new Date(Date.now() + 60_000);
    for (const f of ['dist/io/cli.js', 'templates/gov-2021.yaml', 'package.json', 'package-lock.json']) {
      utimesSync(path.join(root, f), later, later);
      stamps.push(toolStampOf(url));
    }
    writeFileSync(path.join(root, 'dist/io/new.js'), 'x');
    stamps.push(toolStampOf(url));
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it("fingerprints the folder's input files by their bytes", () => {
    const dir = makeReport({ 'report.md': BODY, 'statistics.yaml': 'template: gov-2014\nvalues: {}\n' }, 'unit');
    const a = folderInputs(dir);
    expect(a.folder).toBe(path.resolve(dir));
    expect(Object.keys(a.files)).toEqual(['report.md', 'statistics.yaml']);
    writeFileSync(path.join(dir, 'statistics.yaml'), 'template: gov-2014\nvalues: { s1_1: 1 }\n');
    expect(folderInputs(dir)).not.toEqual(a);
    writeFileSync(path.join(dir, 'statistics.yaml'), 'template: gov-2014\nvalues: {}\n');
    expect(folderInputs(dir)).toEqual(a);
    writeFileSync(path.join(dir, 'unit.pdf'), 'an output in the folder'); // --out is the folder
    expect(folderInputs(dir)).toEqual(a);
  });
});

describe('CRC-32 of the fingerprints', () => {
  it('is the same in JavaScript as native, so that a record written under one Node reads alike under another', async () => {
    const { crc32Js } = await import('../src/io/crc32.js');
    const zlib = await import('node:zlib');
    for (const text of ['', 'a', '政府信息公开工作年度报告', 'x'.repeat(100_000)]) {
      const bytes = new TextEncoder().encode(text);
      expect(crc32Js(bytes)).toBe(zlib.crc32(bytes));
    }
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    expect(crc32Js(random)).toBe(zlib.crc32(random));
  });
});
