/**
 * Whether the first row of a group of table rows must start a new page so that its label can go
 * with it (io/pdfmake-label-room.ts asks, as pdfmake is about to place the row).
 *
 * A label (（三）不予公开 over eight rows of 表三) is printed at the top of its group. The group's
 * rows that fit on the page it starts on must be tall enough for the label; if they are not, the
 * label cannot be printed there, and the rows would sit at the page's foot under a blank label
 * cell (write/pdf/span-breaks.ts's last resort: it moves the label to the next page). So the
 * group starts on the next page instead: its first row moves, and with it every row after it.
 * Labels nest (三、本年度办理结果 over （三）): a group inside the group that moves ends the rows
 * that stay with it, and moving its first row can leave the outer label too few rows in turn.
 *
 * All in pt of page room, estimated as pdfmake will lay the rows out (write/pdf/stat-table.ts):
 * a row takes its padding, lines and the rule under it; a label the same from its first row's
 * top. A row made taller by a label ending in it is not foreseen: where the page then breaks
 * earlier than estimated, span-breaks.ts handles the label as before.
 */

export interface LabelSpan {
  /** The label's first row and the row after its last. */
  row: number;
  end: number;
  /** The page room it takes below its first row's top. */
  room: number;
}

/**
 * `mustMove(row, left, pageFirst)`: whether `row`, given `left` pt of page room at its top, must
 * start a new page for the labels that start at it, or for those of the groups it continues
 * (below). `pageFirst`: the first body row on this page (its labels are repeated above it).
 */
export function labelRoom(labels: readonly LabelSpan[], rowRoom: (row: number) => number): (row: number, left: number, pageFirst?: number) => boolean {
  const startingAt = new Map<number, LabelSpan[]>();
  for (const l of labels) {
    const list = startingAt.get(l.row);
    if (list) list.push(l);
    else startingAt.set(l.row, [l]);
  }
  const room = (from: number, to: number) => {
    let sum = 0;
    for (let r = from; r < to; r++) sum += rowRoom(r);
    return sum;
  };
  const mustMove = (row: number, left: number): boolean => {
    for (const l of startingAt.get(row) ?? []) {
      // the group's rows that stay on this page with its first row
      let used = 0;
      let r = row;
      for (; r < l.end; r++) {
        if (r > row && startingAt.has(r) && mustMove(r, left - used)) break;
        const h = rowRoom(r);
        if (used + h > left) break;
        used += h;
      }
      // too short for the label, unless they are the whole group and its last row can grow to hold it
      if (used < l.room && (r < l.end || l.room > left)) return true;
    }
    return false;
  };
  /**
   * The other end of a group: where the page breaks inside it, the rows that go on to the next
   * page carry its label again, and when they are too few for it, the last of them is made as
   * tall as the label (a lone （七）总计 under 三、本年度办理结果, six lines high). Rows are pulled
   * over instead: the last row from which the rest of the group holds the label moves to the
   * next page — if the group's rows left on this page still hold it, and every group that row
   * breaks holds its own label on both pages.
   */
  const pullOver = (row: number, left: number, pageFirst: number): boolean => {
    const holds = (g: LabelSpan, from: number, to: number) => room(from, to) >= g.room;
    for (const l of labels) {
      if (!(l.row < row && row < l.end)) continue;
      // the rows of the group from this one that fit on this page
      let used = 0;
      let r = row;
      for (; r < l.end && used + rowRoom(r) <= left; r++) used += rowRoom(r);
      if (r >= l.end || holds(l, r, l.end)) continue; // it ends here, or what goes over holds the label
      if (!holds(l, row, l.end) || holds(l, row + 1, l.end)) continue; // not the row to move
      const broken = labels.filter((g) => g.row < row && row < g.end);
      if (broken.every((g) => holds(g, Math.max(g.row, pageFirst), row) && holds(g, row, g.end))) return true;
    }
    return false;
  };
  return (row, left, pageFirst = 0) => mustMove(row, left) || (row > pageFirst && pullOver(row, left, pageFirst));
}
