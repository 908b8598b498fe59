/**
 * write/pdf/label-room.ts on made-up rows: when a group's first row must start a new page so that
 * its label goes with it, and when rows are pulled over to a page where the group goes on. (The rendered result, wherever 表三 falls on the page: stat-tables.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { openFontSet } from '../src/io/fonts.js';
import { renderPdf } from '../src/io/pdf-render.js';
import { labelRoom } from '../src/write/pdf/label-room.js';
import { readPdf } from './helpers/pdf.js';

// rows 10 pt each; an outer label over rows 0–9 taking 45 pt, an inner one over rows 2–5 taking 35 pt
const ROW = 10;
const outer = { row: 0, end: 10, room: 45 };
const inner = { row: 2, end: 6, room: 35 };
const mustMove = labelRoom([outer, inner], () => ROW);

describe('label room', () => {
  it('moves nothing where the rows that stay hold the label', () => {
    expect(mustMove(0, 100)).toBe(false);
    expect(mustMove(2, 40)).toBe(false); // the inner group's four rows, 40 pt, hold 35
    expect(mustMove(1, 100)).toBe(false); // no label starts at row 1
    expect(labelRoom([outer], () => ROW)(0, 50)).toBe(false); // five rows hold 45
  });

  it('moves a first row whose group would be too short for its label on this page', () => {
    expect(mustMove(2, 39)).toBe(true); // three rows of the inner group fit: 30 pt for 35
    expect(mustMove(2, 5)).toBe(true); // not even the row fits
    expect(labelRoom([outer], () => ROW)(0, 49)).toBe(true); // four rows: 40 pt for 45
  });

  it('counts a group inside as ending the rows that stay, when its own first row moves', () => {
    // at 59 pt: rows 0 and 1 (20 pt), then row 2 has 39 pt left, too little for the inner group
    // (above), so it moves with all after it, and 20 pt cannot hold the outer label
    expect(mustMove(0, 59)).toBe(true);
    // at 60 pt the inner group stays whole (40 pt), and rows 0–5 hold the outer label
    expect(mustMove(0, 60)).toBe(false);
  });

  it('lets a whole group on the page grow its last row for the label, if the page has the room', () => {
    const short = labelRoom([{ row: 0, end: 2, room: 30 }], () => ROW); // two rows, 20 pt, for 30
    expect(short(0, 40)).toBe(false);
    expect(short(0, 25)).toBe(true);
  });

  it('pulls rows over to the next page where those that go on there are too few for the label repeated above them', () => {
    const alone = labelRoom([outer], () => ROW);
    // at row 5 with 40 pt left, rows 5–8 fit and row 9 alone would carry the 45 pt label: rows
    // 5–9 (50 pt) go over instead; 6–9 (40 pt) would still be too few, so it is row 5 that moves
    expect(alone(5, 40, 0)).toBe(true);
    expect(alone(6, 30, 0)).toBe(false);
    expect(alone(4, 50, 0)).toBe(false); // row 5 is the one to move, not row 4
    expect(alone(5, 50, 0)).toBe(false); // the group ends on this page
    // not if the rows left on this page would be too few for the label there (rows 3 and 4, 20 pt)
    expect(alone(5, 40, 3)).toBe(false);
    // never the first body row on a page
    expect(alone(5, 40, 5)).toBe(false);
    // a smaller label: only as many rows as it needs
    const small = labelRoom([{ row: 0, end: 10, room: 15 }], () => ROW);
    expect(small(8, 10, 0)).toBe(true);
    expect(small(7, 20, 0)).toBe(false);
    // not if the row would break a group inside whose rows on this page are too few for its own
    // label (rows 2–4, 30 pt for 35)
    expect(mustMove(5, 40, 0)).toBe(false);
  });

  it('uses each row\'s own height', () => {
    const tall = labelRoom([{ row: 0, end: 3, room: 25 }], (r) => (r === 1 ? 30 : ROW));
    expect(tall(0, 35)).toBe(true); // row 1 (30 pt) does not fit after row 0: 10 pt for 25
    expect(tall(0, 40)).toBe(false);
  });
});

/**
 * A table at `top` pt down the first page: a header row, `plain` rows, then a row starting a
 * label over two rows that asks to move where less than 200 pt are left (io/pdfmake-label-room.ts).
 * The page of each cell's text.
 */
async function pagesOf(top: number, plain: number): Promise<Map<string, number>> {
  const row = (a: string, b: string) => [{ text: a }, { text: b }];
  const body = [row('表头', '表头'), ...Array.from({ length: plain }, (_, k) => row(`前行${'甲乙丙'[k]}`, '值'))];
  body.push([{ text: '标签', rowSpan: 2, gwMustMove: (left: number) => left < 200 } as never, { text: '首行' }], [{}, { text: '次行' }] as never);
  const definition = {
    defaultStyle: { font: 'fang', fontSize: 12 },
    content: [{ text: '', margin: [0, top, 0, 0] }, { table: { headerRows: 1, dontBreakRows: true, widths: [60, 60], body } }],
  };
  const { pages } = await readPdf(await renderPdf(definition as never, openFontSet()));
  return new Map(pages.flatMap((p) => p.items.filter((i) => i.str.trim()).map((i) => [i.str, p.number] as [string, number])));
}

describe('a group\'s first row moved to the next page as pdfmake places it', () => {
  it('moves the row, with its label, where the page has too little room left', async () => {
    const at = await pagesOf(560, 1);
    expect([at.get('前行甲'), at.get('首行'), at.get('标签'), at.get('次行')]).toEqual([1, 2, 2, 2]);
  });

  it('never moves the first body row of a page, which would leave the header alone', async () => {
    const at = await pagesOf(580, 0);
    expect([at.get('首行'), at.get('标签')]).toEqual([1, 1]);
  });
});
