/**
 * The time a batch has left, for its progress line on a terminal. From the pace of the last
 * reports (up to WINDOW of them): the first reports of a batch run in cold code and take several
 * times as long as the rest (README "Speed"), so the pace since the start would overstate it.
 * With several worker threads their first reports come back almost together, and that burst
 * would understate it: the pace is taken from the last of them on. None before two reports
 * after those first ones, nor once all are done.
 */
const WINDOW = 20;

/**
 * `doneAt`: when each report came back, in ms since the batch started, in order; `total`: reports
 * to build; `threads`: worker threads building them.
 */
export function timeLeft(doneAt: readonly number[], total: number, threads = 1): number | undefined {
  const n = doneAt.length;
  if (n < threads + 2 || n >= total) return undefined;
  const first = Math.max(threads - 1, n - 1 - WINDOW);
  const pace = (doneAt[n - 1]! - doneAt[first]!) / (n - 1 - first);
  return pace * (total - n);
}

/** "≈ 40 s left", "≈ 3 min left". */
export function formatLeft(ms: number): string {
  const s = ms / 1000;
  return s < 100 ? `≈ ${Math.max(1, Math.ceil(s))} s left` : `≈ ${Math.round(s / 60)} min left`;
}
