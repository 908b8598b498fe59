/** The DOCX built on its own thread (io/docx-thread.ts) is the DOCX built in this one, byte for byte. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, loadReport } from '../src/build.js';
import { DocxThread } from '../src/io/docx-thread.js';
import { openFontSet } from '../src/io/fonts.js';
import { ROOT, SAMPLE } from './helpers/build.js';

const fonts = openFontSet();
const thread = new DocxThread();
afterAll(() => thread.close());
const names = { song: '宋体', songBold: '方正小标宋简体', hei: '黑体', fang: '仿宋', kai: '楷体' };

describe('DOCX thread', () => {
  it('gives the same bytes as the DOCX built in this thread, for both samples, with the PDF beside it', async () => {
    for (const dir of [SAMPLE, path.join(ROOT, 'content/sample-2021')]) {
      const here = await buildReport(dir, { fonts, formats: ['pdf', 'docx'] });
      const there = await buildReport(dir, { fonts, formats: ['pdf', 'docx'], docx: thread.build });
      expect(there.outputs.docx!.equals(here.outputs.docx!)).toBe(true);
      expect(there.outputs.pdf!.equals(here.outputs.pdf!)).toBe(true);
      expect(Object.keys(there.outputs)).toEqual(['pdf', 'docx']);
    }
  });

  it('builds several reports at once and keeps each answer with its report', async () => {
    const a = loadReport(SAMPLE);
    const b = loadReport(path.join(ROOT, 'content/sample-2021'));
    const created = new Date(Date.UTC(2018, 2, 27));
    const [x, y, z] = await Promise.all([thread.build(a, created, names), thread.build(b, created, names), thread.build(a, created, names)]);
    expect(x.equals(z)).toBe(true);
    expect(x.equals(y)).toBe(false);
    expect(y.includes(Buffer.from('word/media/image1.png'))).toBe(true); // only the 2021 sample has a QR code
  });

  it('rejects a job the writer cannot build, with the writer\'s error, and goes on with the next', async () => {
    const broken = { ...loadReport(SAMPLE), blocks: null } as unknown as ReturnType<typeof loadReport>;
    const created = new Date(Date.UTC(2018, 2, 27));
    await expect(thread.build(broken, created, names)).rejects.toThrow(/^DOCX thread: /);
    await expect(thread.build(loadReport(SAMPLE), created, names)).resolves.toBeInstanceOf(Buffer);
  });

  it('does not keep a process alive once it is idle', () => {
    // also after a job that could not be sent (a model that cannot be copied)
    const script = `import { DocxThread } from './src/io/docx-thread.ts'; import { loadReport } from './src/build.ts';
      const t = new DocxThread(); const b = await t.build(loadReport('content/shangqiu-2017'), new Date(0), ${JSON.stringify(names)});
      await t.build({ meta: {}, f: () => 1 }, new Date(0), {}).catch((e) => console.log(e.name));
      console.log(b.length > 10000 ? 'built' : 'empty');`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('DataCloneError\nbuilt');
    expect(r.status).toBe(0);
  });
});
