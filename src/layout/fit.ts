/**
 * Text set smaller to fit a width: the size, at most `size` pt and in tenths of a point, at which
 * text `width` pt wide at `size` fits `room` pt. For the figures of the statistics tables (both
 * writers): a figure broken over two lines reads as two numbers.
 */
export const fittedSize = (width: number, room: number, size: number): number =>
  width <= room ? size : Math.floor((size * room) / width * 10) / 10;
