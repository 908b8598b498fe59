// scripts/bench.mjs helper: the least pdfmake can do in a cold process — one line of Chinese in the
// bundled 仿宋 face, written to the file given — for scale beside gongwen's cold builds. Not gongwen code.
const path = require('node:path');
const fs = require('node:fs');
const Printer = require('pdfmake/js/Printer').default;
const vfs = require('pdfmake/js/virtual-fs').default;
const URLResolver = require('pdfmake/js/URLResolver').default;

const font = path.join(__dirname, '../fonts/FandolFang-Regular.otf');
const printer = new Printer({ Fang: { normal: font } }, vfs, new URLResolver(vfs));
printer.createPdfKitDocument({ content: ['你好，世界。'], defaultStyle: { font: 'Fang' } }).then((doc) => {
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  doc.on('end', () => fs.writeFileSync(process.argv[2], Buffer.concat(chunks)));
  doc.end();
}).catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
