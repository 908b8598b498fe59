/**
 * The decisions of write/pdf/span-breaks.ts on made-up layouts: where a label is cut, and that
 * the layouts it asks for are bounded even if the page breaks keep moving.
 */
import { describe, expect, it } from 'vitest';
import { LIVE_LABELS, SpanBreaks, type LiveLabels } from '../src/write/pdf/span-breaks.js';

type Cell = { text?: unknown; rowSpan?: number; pageBreakCalculated?: boolean };

/** A two-column table: a label over rows 1–9 in column 0, a value in column 1 of every row. */
function table(fits: (from: number, to: number) => boolean = () => true) {
  const label: Cell = { text: [{ text: '三、' }], rowSpan: 9 };
  const body: Cell[][] = [[{ text: [{ text: 'head' }] }, { text: [{ text: 'head' }] }]];
  for (let r = 1; r < 10; r++) body.push([r === 1 ? label : {}, { text: [{ text: String(r) }] }]);
  const spans = new SpanBreaks();
  let copies = 0;
  spans.register(body as never, [{ row: 1, col: 0, copy: () => ({ text: [{ text: `三、#${++copies}` }] }), fits }]);
  /** One layout: each row's value cell on the page given; true if another layout is asked for. */
  const layout = (pageOf: (row: number) => number) =>
    body.map((row, r) => spans.check({ text: row[1]!.text, pageNumbers: [pageOf(r)] })).some(Boolean);
  const labels = () => body.map((row) => row[0]!).filter((c) => c.rowSpan !== undefined).map((c) => [body.findIndex((row) => row[0] === c), c.rowSpan, c.text]);
  const live = (body as unknown as Record<symbol, LiveLabels>)[LIVE_LABELS];
  return { body, layout, labels, live };
}

describe('span breaks', () => {
  it('cuts the label where a page starts (the row before the first row that reports it)', () => {
    const t = table();
    expect(t.layout((r) => (r >= 6 ? 2 : 1))).toBe(true); // rows 6… report page 2: row 5 moved there
    expect(t.labels()).toEqual([[1, 4, [{ text: '三、' }]], [5, 5, [{ text: '三、#1' }]]]);
    expect(t.layout((r) => (r >= 6 ? 2 : 1))).toBe(false); // the same breaks: done
  });

  it('moves the label to the next page when the first rows cannot hold it', () => {
    const t = table((from, to) => to - from >= 3);
    t.layout((r) => (r >= 3 ? 2 : 1)); // page 2 starts at row 2: rows 1 (one row) and 2–9
    expect(t.labels()).toEqual([[1, 1, ''], [2, 8, [{ text: '三、#2' }]]]); // #1 became the blank
  });

  it('repeats the label over a last page of too few rows for it (their last row grows)', () => {
    const t = table((from, to) => to - from >= 3);
    t.layout((r) => (r >= 9 ? 2 : 1)); // page 2 starts at row 8: rows 1–7 and 8–9, two rows
    expect(t.labels()).toEqual([[1, 7, [{ text: '三、' }]], [8, 2, [{ text: '三、#1' }]]]);
    expect(t.layout((r) => (r >= 9 ? 2 : 1))).toBe(false);
  });

  it('leaves the label whole when a break moves away from a cut', () => {
    const t = table();
    t.layout((r) => (r >= 6 ? 2 : 1));
    expect(t.layout((r) => (r >= 5 ? 2 : 1))).toBe(true); // the break moved up a row
    expect(t.labels()).toEqual([[1, 9, [{ text: '三、' }]]]);
    expect(t.layout((r) => (r >= 4 ? 2 : 1))).toBe(false); // and it stays whole
  });

  it('asks for a bounded number of layouts even if the breaks keep moving', () => {
    const t = table();
    let asked = 0;
    for (let round = 0; round < 20; round++) if (t.layout((r) => (r >= 3 + (round % 5) ? 2 : 1))) asked++;
    expect(asked).toBeLessThanOrEqual(7);
    expect(t.labels()).toEqual([[1, 9, [{ text: '三、' }]]]);
  });

  describe('repeated while laying out (LiveLabels)', () => {
    it('names the label to repeat where a row moves to a new page, and asks for no second layout once it is drawn', () => {
      const t = table();
      t.live.begin();
      expect(t.live.candidates(5)).toEqual([{ col: 0, from: 1, move: false }]);
      t.live.drawn(5, t.live.candidates(5));
      expect(t.layout((r) => (r >= 6 ? 2 : 1))).toBe(false); // the cut it would make is made
      expect(t.labels()).toEqual([[1, 9, [{ text: '三、' }]]]); // the body is left as it was
    });

    it('moves the label when the first rows cannot hold it, and counts that as blankFirst', () => {
      const t = table((from, to) => to - from >= 3);
      t.live.begin();
      expect(t.live.candidates(2)).toEqual([{ col: 0, from: 1, move: true }]);
      t.live.drawn(2, t.live.candidates(2));
      expect(t.layout((r) => (r >= 3 ? 2 : 1))).toBe(false);
    });

    it('falls back to cutting and laying out again when the drawn repeats are not the cuts wanted', () => {
      const t = table();
      t.live.begin();
      t.live.drawn(5, t.live.candidates(5));
      expect(t.layout((r) => (r >= 7 ? 2 : 1))).toBe(true); // the break is at row 6, not 5
      expect(t.labels()).toEqual([[1, 5, [{ text: '三、' }]], [6, 4, [{ text: '三、#1' }]]]);
      t.live.begin(); // the next layout: row 6 is cut in the body, nothing to repeat there
      expect(t.live.candidates(6)).toEqual([]);
      expect(t.layout((r) => (r >= 7 ? 2 : 1))).toBe(false);
    });

    it('repeats no further after a break whose rows before it cannot hold the label, as decide', () => {
      const t = table((from, to) => to - from >= 3);
      const pageOf = (r: number) => (r >= 9 ? 4 : r >= 7 ? 3 : r >= 5 ? 2 : 1); // pages start at rows 4, 6 and 8
      t.live.begin();
      t.live.drawn(4, t.live.candidates(4)); // rows 1–3 hold it
      expect(t.live.candidates(6)).toEqual([]); // rows 4–5 do not: the label stays whole from 4
      expect(t.live.candidates(8)).toEqual([]); // rows 4–7 would, but decide cuts no further
      expect(t.layout(pageOf)).toBe(false);
    });

    it('forgets the repeats of a layout when the next one begins', () => {
      const t = table();
      t.live.begin();
      t.live.drawn(5, t.live.candidates(5));
      t.live.begin();
      expect(t.layout((r) => (r >= 6 ? 2 : 1))).toBe(true); // nothing drawn in this layout: cut
    });
  });
});
