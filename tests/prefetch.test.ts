/** Fonts read ahead on the thread pool (io/prefetch.ts) are the file's bytes, handed out once. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FACES, BUNDLED_FONT_DIR, dropPrefetched, prefetch, prefetchBundledFonts, prefetched, takePrefetched } from '../src/io/prefetch.js';
import { defaultFontConfig } from '../src/io/fonts.js';

describe('io/prefetch', () => {
  it('reads the bundled role faces (not the fallback) and hands each out once', async () => {
    prefetchBundledFonts();
    await prefetched();
    const song = path.join(BUNDLED_FONT_DIR, BUNDLED_FACES.song);
    const data = takePrefetched(song);
    expect(data?.equals(readFileSync(song))).toBe(true);
    expect(takePrefetched(song)).toBeUndefined();
    expect(takePrefetched(path.join(BUNDLED_FONT_DIR, BUNDLED_FACES.fallback))).toBeUndefined();
    expect(takePrefetched(defaultFontConfig().hei.file)).toBeDefined(); // the same paths fonts.ts opens
    dropPrefetched();
    expect(takePrefetched(defaultFontConfig().fang.file)).toBeUndefined();
  });

  it('leaves a file it cannot read to the real read (no error, nothing handed out)', async () => {
    prefetch(['/nonexistent/font.otf']);
    await prefetched();
    expect(takePrefetched('/nonexistent/font.otf')).toBeUndefined();
  });
});
