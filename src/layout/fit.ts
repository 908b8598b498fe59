/** A figure as the statistics files give it: a sign, digits, a decimal point, separators. */
export const FIGURE = /^[-−+]?\d[\d.,]*$/;

/**
 * Text set smaller to fit a width: the size, at most `size` pt and in tenths of a point, at which
 * text `width` pt wide at `size` fits `room` pt. For the figures of the statistics tables (both
 * writers): a figure broken over two lines reads as two numbers.
 */
export const fittedSize = (width: number, room: number, size: number): number =>
  width <= room ? size : Math.floor((size * room) / width * 10) / 10;

/**
 * A figure's width estimated in em, where no font measures it (the DOCX): digits, a decimal point
 * and separators half an em, a sign a whole one (the bundled 仿宋's − is an em wide, its + 0.78).
 */
export const figureEm = (text: string): number => [...text].reduce((w, c) => w + (/[\d.,]/.test(c) ? 0.5 : 1), 0);
