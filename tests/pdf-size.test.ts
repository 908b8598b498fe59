/**
 * Issue 6's size target: the sample PDF at most 400 KB with every font subset — held under both
 * readings of "KB" (400,000 bytes, below 400 KiB), so that a change that grows it is seen here.
 */
import { describe, expect, it } from 'vitest';
import { buildPdf } from './helpers/build.js';

describe('sample PDF size', () => {
  it('is at most 400,000 bytes, every embedded font a subset', async () => {
    const pdf = await buildPdf();
    expect(pdf.length).toBeLessThanOrEqual(400_000);
    const text = pdf.toString('latin1');
    const fonts = [...text.matchAll(/\/FontName \/(\S+)/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThanOrEqual(5);
    for (const name of fonts) expect(name, name).toMatch(/^[A-Z]{6}\+/);
  });
});
