// scripts/bench.mjs helper: per-document times in one warm process (fonts loaded, code optimised).
import { buildReport } from '../dist/build.js';
import { openFontSet } from '../dist/io/fonts.js';

const dir = process.argv[2];
const fonts = openFontSet();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (formats) => {
  const t = performance.now();
  await buildReport(dir, { fonts, formats });
  return performance.now() - t;
};
for (let i = 0; i < 3; i++) await time(['pdf', 'docx']);
const runs = 9;
const r = { pdf: [], docx: [], both: [] };
for (let i = 0; i < runs; i++) {
  r.pdf.push(await time(['pdf']));
  r.docx.push(await time(['docx']));
  r.both.push(await time(['pdf', 'docx']));
}
process.stdout.write(JSON.stringify({ runs, pdf: median(r.pdf), docx: median(r.docx), both: median(r.both) }));
