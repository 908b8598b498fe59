/** The time left on a batch's progress line (io/time-left.ts). */
import { describe, expect, it } from 'vitest';
import { formatLeft, timeLeft } from '../src/io/time-left.js';

describe('time left in a batch', () => {
  it('is given from the third report on, and not once all are done', () => {
    expect(timeLeft([], 10)).toBeUndefined();
    expect(timeLeft([900, 1000], 10)).toBeUndefined();
    expect(timeLeft([900, 1000, 1100], 3)).toBeUndefined();
    // reports 2 and 3 came 100 ms apart: 7 more take ≈ 700 ms
    expect(timeLeft([900, 1000, 1100], 10)).toBe(700);
  });

  it('follows the pace of the last twenty reports, not the slow cold start', () => {
    // the first report takes 600 ms, the next nine 200 ms each, then thirty 80 ms each
    const doneAt = [600];
    for (let i = 0; i < 9; i++) doneAt.push(doneAt.at(-1)! + 200);
    for (let i = 0; i < 30; i++) doneAt.push(doneAt.at(-1)! + 80);
    expect(timeLeft(doneAt, 100)).toBeCloseTo(60 * 80);
    // since the start it would have said 60 × 101 ms
    expect(timeLeft(doneAt.slice(0, 10), 100)).toBeCloseTo(90 * 200);
  });

  it('with several threads, takes the pace from the last of their first reports on', () => {
    // two threads: their first reports come back 50 ms apart, then one every 150 ms
    expect(timeLeft([900, 950, 1100], 10, 2)).toBeUndefined();
    expect(timeLeft([900, 950, 1100, 1250], 10, 2)).toBe(6 * 150);
  });

  it('reads in seconds, then minutes', () => {
    expect(formatLeft(200)).toBe('≈ 1 s left');
    expect(formatLeft(41_500)).toBe('≈ 42 s left');
    expect(formatLeft(99_000)).toBe('≈ 99 s left');
    expect(formatLeft(100_000)).toBe('≈ 2 min left');
    expect(formatLeft(30 * 60_000)).toBe('≈ 30 min left');
  });
});
