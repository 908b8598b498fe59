/** The fonts gongwen ships in fonts/, by role (fonts/README.md has their sources and licences). */
import { fileURLToPath } from 'node:url';

export const BUNDLED_FONT_DIR = fileURLToPath(new URL('../../fonts/', import.meta.url));

/** The bundled faces by role (the fallback face is read only when a character needs it). */
export const BUNDLED_FACES = {
  song: 'FandolSong-Regular.otf',
  songBold: 'FandolSong-Bold.otf',
  hei: 'FandolHei-Regular.otf',
  fang: 'FandolFang-Regular.otf',
  kai: 'FandolKai-Regular.otf',
  fallback: 'NotoSerifCJKsc-Regular.otf',
} as const;
