/** Checks with Debian's PDF tools (poppler-utils, qpdf), installed by .ci/run. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPdf } from '../helpers/build.js';

const tool = (name: string) => {
  const r = spawnSync('which', [name]);
  if (r.status !== 0) throw new Error(`${name} is not installed: run .ci/run, or apt-get install poppler-utils qpdf`);
};

let dir = '';
let file = '';
beforeAll(async () => {
  ['pdffonts', 'pdftotext', 'pdfinfo', 'pdftoppm', 'qpdf'].forEach(tool);
  dir = mkdtempSync(path.join(tmpdir(), 'gongwen-tools-'));
  file = path.join(dir, 'shangqiu-2017.pdf');
  writeFileSync(file, await buildPdf());
});

describe('the sample PDF, checked by poppler and qpdf', () => {
  it('passes qpdf --check', () => {
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
  });

  it('embeds every font as a subset with a Unicode map (pdffonts)', () => {
    const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const l of lines) expect(l, l).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    const names = lines.map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
    expect(new Set(names)).toEqual(new Set(['FandolFang-Regular', 'FandolSong-Bold', 'FandolSong-Regular', 'FandolHei-Regular', 'FandolKai-Regular']));
  });

  it('reads back the text with pdftotext', () => {
    // (without the page numbers, which a sentence going on over a page's foot holds: —6—)
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '').replace(/—\d+—/g, '');
    expect(text).toContain('商丘市2017年政府信息公开年度工作报告');
    expect(text).toContain('2017年共收到有效依申请公开301件，其中网络申请103件，占34%');
    expect(text).toContain('4.加强组织领导，强化培训督查。召开政务公开和政务服务领导小组会议');
    expect(text).not.toMatch(/[\uFFFD]/u);
  });

  it('copies a line spread a little whole in pdftotext\'s default, raw and layout modes (it read 1.加 强 标 准 建 设)', () => {
    // (the page that holds it: 8 since the sample's address line holds its postcode, one line fewer before it)
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    const page = String(Array.from({ length: pages }, (_, k) => k + 1).find((n) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }).includes('1.加强标准建设'))!);
    for (const mode of [[], ['-raw'], ['-layout']]) {
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', ...mode, '-f', page, '-l', page, file, '-'], { encoding: 'utf8' });
      expect(text, mode.join(' ')).toMatch(/1\.加强标准建设，\s*规范推进五公开。\s*严格落实\s*《实施意/);
    }
  });

  it('has the document info from the report, not the clock (pdfinfo)', () => {
    const info = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+商丘市2017年政府信息公开年度工作报告/);
    expect(info).toMatch(/Author:\s+商丘市人民政府/);
    expect(info).toMatch(/Subject:\s+商丘市人民政府2017年政府信息公开工作年度报告/);
    expect(info).toMatch(/Keywords:\s+商丘市, 政府信息公开/);
    expect(info).toMatch(/Creator:\s+gongwen/);
    expect(info).toMatch(/CreationDate:\s+2018-03-27T07:59:00Z/);
    expect(info).toMatch(/Page size:\s+595\.2\d+ x 841\.8\d+ pts \(A4\)/);
  });

  it('writes a clean PDF/A-2b with --pdfa: qpdf, pdffonts, pdfinfo agree', async () => {
    const { buildReport } = await import('../../src/build.js');
    const { openFontSet } = await import('../../src/io/fonts.js');
    const { SAMPLE } = await import('../helpers/build.js');
    const pdfa = path.join(dir, 'pdfa.pdf');
    writeFileSync(pdfa, (await buildReport(SAMPLE, { fonts: openFontSet(), formats: ['pdf'], pdfa: true })).outputs.pdf!);
    const check = spawnSync('qpdf', ['--check', pdfa], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const fonts = execFileSync('pdffonts', [pdfa], { encoding: 'utf8' }).trim().split('\n').slice(2);
    for (const l of fonts) expect(l).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    const info = execFileSync('pdfinfo', ['-isodates', pdfa], { encoding: 'utf8' });
    expect(info).toMatch(/PDF version:\s+1\.7/);
    expect(info).toMatch(/Metadata Stream:\s+yes/);
    const meta = execFileSync('pdfinfo', ['-meta', pdfa], { encoding: 'utf8' });
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    const outlines = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', pdfa], { encoding: 'utf8' })) as { outlines: { title: string; kids: unknown[] }[] };
    expect(outlines.outlines[0].title).toBe('一、概述');
    expect(outlines.outlines[0].kids).toHaveLength(6);
  });

  it('draws a QR code in the sample-2021 PDF that decodes to its URL (pdftoppm + jsQR)', async () => {
    const { buildReport } = await import('../../src/build.js');
    const { openFontSet } = await import('../../src/io/fonts.js');
    const { ROOT } = await import('../helpers/build.js');
    const { PNG } = await import('pngjs');
    const jsQR = (await import('jsqr')).default;
    const file2021 = path.join(dir, 'sample-2021.pdf');
    writeFileSync(file2021, (await buildReport(path.join(ROOT, 'content/sample-2021'), { fonts: openFontSet(), formats: ['pdf'] })).outputs.pdf!);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file2021], { encoding: 'utf8' }))![1]);
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', String(pages), '-l', String(pages), file2021, path.join(dir, 'qr')]);
    const png = readdirSync(dir).find((f) => f.startsWith('qr') && f.endsWith('.png'))!;
    const img = PNG.sync.read(readFileSync(path.join(dir, png)));
    expect(jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data).toBe('https://www.example.com/qinghe/zfxxgk/ndbg/2021.html');
  });

  it('puts each link over its address\'s text and nothing else (pdftotext of the link\'s box, a point inside its edges)', async () => {
    const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
    const seen: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const height = page.view[3]!;
      for (const a of (await page.getAnnotations()) as { subtype: string; url?: string; unsafeUrl?: string; rect: number[] }[]) {
        if (a.subtype !== 'Link' || !(a.unsafeUrl ?? a.url)) continue;
        const [x1, y1, x2, y2] = a.rect as [number, number, number, number];
        const x = Math.ceil(x1) + 1;
        const crop = ['-x', String(x), '-y', String(Math.ceil(height - y2)), '-W', String(Math.floor(x2) - 1 - x), '-H', String(Math.floor(y2 - y1))];
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-r', '72', '-f', String(n), '-l', String(n), ...crop, file, '-'], { encoding: 'utf8' }).trim();
        seen.push(`${a.unsafeUrl ?? a.url} ${text}`);
      }
    }
    await doc.destroy();
    // (the e-mail address on one line since its line's last mark is set in half its width: tests/links.test.ts has one broken over lines)
    expect(seen).toEqual(['http://www.shangqiu.gov.cn www.shangqiu.gov.cn', 'mailto:szfxxgkb@126.com szfxxgkb@126.com']);
  });

  it('renders every page to PNG (pdftoppm)', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    execFileSync('pdftoppm', ['-png', '-r', '30', file, path.join(dir, 'p')]);
    expect(readdirSync(dir).filter((f) => f.startsWith('p-') && f.endsWith('.png'))).toHaveLength(pages);
  });
});
