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

/** `mustMove(row, left)`: whether `row`, given `left` pt of page room at its top, must start a new page for the labels that start at it. */
export function labelRoom(labels: readonly LabelSpan[], rowRoom: (row: number) => number): (row: number, left: number) => boolean {
  const startingAt = new Map<number, LabelSpan[]>();
  for (const l of labels) {
    const list = startingAt.get(l.row);
    if (list) list.push(l);
    else startingAt.set(l.row, [l]);
  }
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
  return mustMove;
}
