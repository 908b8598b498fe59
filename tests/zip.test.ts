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
    // the end record: 3 entries, and the central directory where it says, one header per entry
    const end = zip.length - 22;
    expect(zip.readUInt32LE(end)).toBe(0x06054b50);
    expect(zip.readUInt16LE(end + 10)).toBe(3);
    let at = zip.readUInt32LE(end + 16);
    expect(at + zip.readUInt32LE(end + 12)).toBe(end);
    const names: string[] = [];
    for (let k = 0; k < 3; k++) {
      expect(zip.readUInt32LE(at)).toBe(0x02014b50);
      expect(zip.readUInt16LE(at + 8) & 0x0800).toBe(0x0800); // UTF-8 names
      const local = zip.readUInt32LE(at + 42);
      expect(zip.readUInt32LE(local)).toBe(0x04034b50);
      expect(zip.readUInt32LE(at + 16)).toBe(zip.readUInt32LE(local + 14)); // same CRC in both headers
      const len = zip.readUInt16LE(at + 28);
      names.push(zip.toString('utf8', at + 46, at + 46 + len));
      at += 46 + len;
    }
    expect(names).toEqual(['[Content_Types].xml', 'word/document.xml', 'media/x.bin']);
  });

  it('gives the same bytes for the same parts, whether or not they were compressed before', () => {
    const parts: [string, string][] = [['a.xml', '<a>一</a>'], ['b.xml', '<b>二</b>']];
    const first = zipFiles(parts);
    expect(zipFiles(parts).equals(first)).toBe(true);
    expect(zipFiles([['a.xml', '<a>一</a>'], ['b.xml', '<b>三</b>']]).equals(first)).toBe(false);
  });
});
