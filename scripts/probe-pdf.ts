import { readFileSync } from 'node:fs';
import { readPdf, linesOf, MM } from '../tests/helpers/pdf.ts';
const { pages } = await readPdf(readFileSync(process.argv[2]));
for (const p of pages.slice(0, Number(process.argv[3] ?? 2))) {
  console.log('--- page', p.number);
  for (const l of linesOf(p)) console.log(l.baseline.toFixed(2), l.x.toFixed(2), l.right.toFixed(2), [...l.text].length, l.text.slice(0, 40), l.items[0].size.toFixed(2));
}
