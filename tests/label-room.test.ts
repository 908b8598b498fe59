/**
 * write/pdf/label-room.ts on made-up rows: when a group's first row must start a new page so that
 * its label goes with it. (The rendered result, wherever 表三 falls on the page: stat-tables.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { labelRoom } from '../src/write/pdf/label-room.js';

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

  it('uses each row\'s own height', () => {
    const tall = labelRoom([{ row: 0, end: 3, room: 25 }], (r) => (r === 1 ? 30 : ROW));
    expect(tall(0, 35)).toBe(true); // row 1 (30 pt) does not fit after row 0: 10 pt for 25
    expect(tall(0, 40)).toBe(false);
  });
});
