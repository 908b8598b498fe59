import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { crc32, tableCrc32, zipFiles } from '../src/io/zip.js';

describe('io/zip', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(tableCrc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const bytes = Buffer.from('政府信息公开工作年度报告'.repeat(100));
    expect(tableCrc32(bytes)).toBe(crc32(bytes));
  });

  it('writes an archive another unzipper reads back, entries in order, 1980-01-01 timestamps', () => {
    const big = '政府信息公开'.repeat(5000);
    const zip = zipFiles([['[Content_Types].xml', '<Types/>'], ['word/document.xml', big], ['media/x.bin', new Uint8Array([0, 1, 2, 255])]]);
    const back = unzipSync(new Uint8Array(zip));
    expect(Object.keys(back)).toEqual(['[Content_Types].xml', 'word/document.xml', 'media/x.bin']);
    expect(strFromU8(back['word/document.xml']!)).toBe(big);
    expect([...back['media/x.bin']!]).toEqual([0, 1, 2, 255]);
    expect(zip.length).toBeLessThan(Buffer.byteLength(big) / 20); // really compressed
    expect(zip.readUInt16LE(10)).toBe(0); // DOS time 00:00
    expect(zip.readUInt16LE(12)).toBe(33); // DOS date 1980-01-01
  });

  it('gives the same bytes for the same parts, whether or not they were compressed before', () => {
    const parts: [string, string][] = [['a.xml', '<a>一</a>'], ['b.xml', '<b>二</b>']];
    const first = zipFiles(parts);
    expect(zipFiles(parts).equals(first)).toBe(true);
    expect(zipFiles([['a.xml', '<a>一</a>'], ['b.xml', '<b>三</b>']]).equals(first)).toBe(false);
  });
});
