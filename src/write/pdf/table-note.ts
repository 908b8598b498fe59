/**
 * A note under a table (注：本表…; model/types.ts isTableNote) kept with the table's last row: a
 * note that began the next page read as text of its own, its table left behind.
 *
 * - A table kept whole on one page (表二, 表四): the note joins its group, right below it.
 * - A table that may break across pages (表三, a Markdown table): the note becomes the table's last
 *   row, one cell over every column with no rule but the table's bottom one above it, which the
 *   row before it keeps with (`keepWithNextRow`, io/pdfmake-keep-rows.ts): the two move to a new
 *   page together, under the table's header repeated there. The cell reaches out over its padding
 *   and the table's side rules, so that the note is as wide as the 版心 and broken into the same
 *   lines as a paragraph of the body. A table whose rows pdfmake may cut (a row taller than a third
 *   of a page) cannot keep rows together: the note follows it, unkept.
 *
 * The note itself stays a body paragraph (仿宋 三号, indented two characters), set where the
 * table ends: the text after it goes back to the line grid (io/pdfmake-grid-snap.ts).
 */
import type { Content } from 'pdfmake/interfaces.js';

/**
 * The longest note kept so, in lines: a table kept whole, its heading, lead-in and note are one
 * block, and a row of a table may be a third of a page at most; a block taller than a page pdfmake
 * drops without a word. A longer note follows its table as a paragraph of its own.
 */
export const NOTE_LINES = 4;

interface TableNode {
  table: { body: Record<string, unknown>[][]; dontBreakRows?: boolean };
}

/**
 * `table`'s node with `note` as its last row; `padX`, `rule`: its layout's side padding and rule
 * width, `padY`: its padding above and below a cell's content, in pt.
 */
export function withNoteRow(table: Content, note: Content, padX: number, rule: number, padY: { top: number; bottom: number }): Content {
  const node = table as unknown as TableNode;
  const body = node.table.body;
  const first = body[body.length - 1]?.[0];
  // (a first cell covered by a span above is pdfmake's empty placeholder, which may hold nothing)
  if (!node.table.dontBreakRows || body.length < 2 || !first || !Object.keys(first).length) return { stack: [table, note] } as Content;
  const cols = body[0]!.length;
  first.keepWithNextRow = true;
  // (the cells under the span are pdfmake's empty placeholders: {} and nothing else)
  body.push([
    // (out to the table's edges, and over the row's padding above and below and the table's bottom
    // rule, not drawn: the row no taller than the note's lines, so what follows it goes on the next
    // grid line, not one further)
    { stack: [note], colSpan: cols, border: [false, true, false, false], margin: [-(padX + rule), -padY.top, -(padX + rule), -(padY.bottom + rule)] },
    ...Array.from({ length: cols - 1 }, () => ({})),
  ]);
  return table;
}
