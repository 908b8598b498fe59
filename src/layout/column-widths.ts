import { ZIHAO } from './units.js';

/** A column's widest unbreakable piece and its text on one line, in pt. */
export interface ColumnRange { min: number; natural: number }

const clampTo = (level: number, r: ColumnRange): number => Math.max(r.min, Math.min(level, r.natural));

/**
 * Column widths for a table whose columns need `ranges` (each column's widest unbreakable piece
 * and its text on one line, in pt), sharing `room` pt of text width (the table's width less its
 * cells' paddings and rules). Both writers' Markdown tables (write/pdf/md-table.ts measures,
 * write/docx/md-table.ts estimates):
 * - if equal shares hold every column's widest piece and every column fills its share, equal
 *   shares ('*');
 * - else, if the widest pieces fit side by side, each column is held between its widest piece
 *   and its text on one line, at one level for all: short columns (乡镇, 备注) keep their text on
 *   one line and the long ones share the rest equally (where everything fits on one line, the
 *   width left over is shared in proportion);
 * - else each column gets at least `minimum` (a character) and the rest in proportion to its
 *   widest piece: pieces wider than their column are broken between characters.
 * No room at all (some fifty columns): equal shares, which overflow whatever is chosen.
 */
export function shareWidths(given: ColumnRange[], room: number, minimum: number): (number | '*')[] {
  const n = given.length;
  // (an empty column, a paste from Excel's trailing one, takes a character: it got 0 pt, and a table
  // of empty columns 0 / 0)
  const ranges = given.map((r) => ({ min: r.min, natural: Math.max(r.natural, Math.min(minimum, room / n)) }));
  const widest = Math.max(0, ...ranges.map((r) => r.min));
  // (equal shares only where every column fills its share: a 序号 column of 1–30 took a third of
  // the width while 事项名称 beside it wrapped to four lines)
  if (room <= 0 || (widest * n <= room && ranges.every((r) => r.natural >= room / n))) return ranges.map(() => '*');
  const sumMin = ranges.reduce((s, r) => s + r.min, 0);
  if (sumMin <= room) {
    const sumNatural = ranges.reduce((s, r) => s + Math.max(r.min, r.natural), 0);
    // every column's text on one line fits: the width left over is shared in proportion
    if (sumNatural <= room) return ranges.map((r) => Math.max(r.min, r.natural) * (room / sumNatural));
    // else one level for all, each column held between its widest piece and its text on one line
    let low = 0;
    let high = Math.max(...ranges.map((r) => r.natural));
    for (let i = 0; i < 50; i++) {
      const level = (low + high) / 2;
      if (ranges.reduce((s, r) => s + clampTo(level, r), 0) > room) high = level;
      else low = level;
    }
    const widths = ranges.map((r) => clampTo(low, r));
    const slack = room - widths.reduce((s, w) => s + w, 0); // what the search left over: a fraction of a point
    return widths.map((w) => w + slack / n);
  }
  const base = Math.min(minimum, room / n);
  const over = ranges.map((r) => Math.max(0, r.min - base));
  const sumOver = over.reduce((s, o) => s + o, 0);
  return ranges.map((_, i) => base + (room - n * base) * (sumOver > 0 ? over[i]! / sumOver : 1 / n));
}


/** The 字号 a table's text steps down to from its own (小四): 五号, then 小五 (in pt). */
export const TABLE_STEP_SIZES = [ZIHAO.五号, ZIHAO.小五] as const;

/**
 * The size a table's text is set in: its own `base`, or where its columns' widest unbreakable
 * pieces (`mins`, in pt at `base`) do not fit side by side in the room `roomAt` gives at a size
 * (paddings shrink with the type), the first of TABLE_STEP_SIZES where they do — else the
 * smallest, which breaks the fewest. A monthly table of 13 columns broke every six-digit figure
 * (1043 / 67) in 小四; GB/T 15835 keeps a figure on one line.
 */
export function steppedSize(mins: number[], base: number, roomAt: (size: number) => number): number {
  const sum = mins.reduce((a, m) => a + m, 0);
  if (sum <= roomAt(base)) return base;
  for (const size of TABLE_STEP_SIZES) if (size < base && (sum * size) / base <= roomAt(size)) return size;
  return Math.min(base, TABLE_STEP_SIZES.at(-1)!);
}
