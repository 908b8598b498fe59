/**
 * Reading the fonts ahead. A cold build spends ≈ 100 ms of its main thread reading ≈ 31 MB of
 * font files while it could be loading code. bin/gongwen.mjs imports this module first (it has
 * no heavy imports) and starts reading the bundled faces on libuv's thread pool; io/fonts.ts
 * takes a file's bytes from here when they have arrived and reads the file itself otherwise, so
 * nothing depends on the read finishing in time. Batches build on worker threads, which read
 * their own fonts: they drop what was read here.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
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

const arrived = new Map<string, Buffer>();
const reading = new Map<string, Promise<void>>();

/** Start reading `files` in the background (errors are left for the real read to report). */
export function prefetch(files: string[]): void {
  for (const file of files) {
    if (arrived.has(file) || reading.has(file)) continue;
    reading.set(file, readFile(file).then((data) => { if (reading.delete(file)) arrived.set(file, data); }, () => { reading.delete(file); }));
  }
}

/** The role faces every report uses, from the bundled font folder. */
export function prefetchBundledFonts(): void {
  prefetch(Object.entries(BUNDLED_FACES).filter(([role]) => role !== 'fallback').map(([, file]) => path.join(BUNDLED_FONT_DIR, file)));
}

/** A file's bytes if they have arrived (each is handed out once: the caller owns and may change them). */
export function takePrefetched(file: string): Buffer | undefined {
  const data = arrived.get(file);
  arrived.delete(file);
  return data;
}

/** Wait for reads still under way. */
export async function prefetched(): Promise<void> {
  await Promise.all(reading.values());
}

/** Forget everything read or being read here. */
export function dropPrefetched(): void {
  arrived.clear();
  reading.clear();
}
