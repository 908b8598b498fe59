/**
 * Content files are UTF-8. A file saved in GBK (the default "ANSI" of Chinese Windows, and of
 * WPS and Notepad before 2019) read as UTF-8 turns into U+FFFD and stray characters, which
 * used to surface as a score of "character … is in no configured font" errors. It is refused
 * here, once, at the line of its first undecodable byte.
 *
 * A file saved as UTF-16 (Notepad's "Unicode", 另存为 → 编码 Unicode) is refused too, with its
 * own advice: the GBK advice (iconv -f GBK) would garble it for good. So is a file that is not
 * text at all (a Word document named report.md).
 */
import { accessSync, closeSync, constants as fsConstants, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../model/errors.js';

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-16's byte order when `bytes` look like UTF-16 text: a byte order mark (FF FE, FE FF: never
 * in UTF-8), or, without one, line ends as UTF-16 writes them (0A 00 little-endian, 00 0A
 * big-endian, at even offsets), of one byte order only, and no U+0000 (00 00 at an even offset),
 * which no text holds and binary files are full of. (The offsets of the NUL bytes alone do not
 * tell the byte order: ASCII characters have a NUL high byte, but 一 U+4E00, 开 U+5F00 and
 * 最 U+6700 a NUL low byte, and a Chinese paragraph may hold more of them than it has line
 * ends.) Other NUL bytes: `binary`, with the offset of the first. Else undefined; a file without
 * a NUL costs one native indexOf.
 */
function notUtf8Kind(bytes: Uint8Array): { utf16: 'LE' | 'BE'; bom: boolean } | { binary: number } | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { utf16: 'LE', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { utf16: 'BE', bom: true };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = buf.indexOf(0);
  if (first < 0) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i + 1 < buf.length; i += 2) {
    const a = buf[i];
    const b = buf[i + 1];
    if (a === 0 && b === 0) return { binary: first };
    if (a === 0x0a && b === 0) le++;
    else if (a === 0 && b === 0x0a) be++;
  }
  // (two line ends at least: a stray NUL after a line end in a UTF-8 file is not UTF-16)
  if (le >= 2 && !be) return { utf16: 'LE', bom: false };
  if (be >= 2 && !le) return { utf16: 'BE', bom: false };
  return { binary: first };
}

/** `bytes` as text, or an InputError naming `file` (as shown to the author) and the line. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  // (rich text, as WordPad and TextEdit save by default: "must start with YAML front matter" where the editor shows ---, an edge audit)
  if (bytes.length >= 5 && Buffer.from(bytes.buffer, bytes.byteOffset, 5).toString('latin1') === '{\\rtf') {
    throw new InputError({ file, line: 1 }, 'the file is rich text (RTF, as WordPad and TextEdit save it), not plain text: its first line is {\\rtf…, not what the editor shows',
      'save it as plain text in UTF-8: copy the text into Notepad and 另存为 → 编码 UTF-8; in TextEdit 格式 → 制作纯文本 first');
  }
  const kind = notUtf8Kind(bytes);
  if (kind && 'binary' in kind) {
    const line = Buffer.from(bytes.buffer, bytes.byteOffset, kind.binary).toString('latin1').split('\n').length;
    throw new InputError({ file, line }, 'the file is not text: it holds NUL bytes (a Word document, or another program\'s file?)',
      'write it as plain text in UTF-8: in Notepad, or in WPS or Word 另存为 纯文本 → UTF-8');
  }
  if (kind) {
    // iconv reads the byte order from a BOM; without one, glibc's UTF-16 would assume big-endian
    const from = kind.bom ? 'UTF-16' : `UTF-16${kind.utf16}`;
    throw new InputError({ file }, `the file is UTF-16 text (${kind.utf16 === 'LE' ? 'Notepad\'s "Unicode"' : '"Unicode big endian"'}), not UTF-8`,
      `save it as UTF-8: in Notepad 另存为 → 编码 UTF-8; in WPS or Word 另存为 纯文本 → UTF-8; or iconv -f ${from} -t UTF-8 (not -f GBK, which garbles it)`);
  }
  try {
    return strict.decode(bytes); // drops a BOM, as Notepad writes
  } catch {
    const loose = Buffer.from(bytes).toString('utf8');
    const at = loose.indexOf('\uFFFD');
    const line = loose.slice(0, at).split('\n').length;
    // the one bad character the start of a multi-byte one at the very end: the file was cut short
    // (a copy or a download that stopped), not saved in GBK
    const lead = [1, 2, 3].find((k) => bytes.length > k && bytes[bytes.length - k]! >= 0xc2 && bytes[bytes.length - k]! <= 0xf4 && (k === 1 || bytes.subarray(bytes.length - k + 1).every((b) => b >= 0x80 && b <= 0xbf)));
    if (lead && !loose.slice(0, loose.length - 1).includes('\uFFFD')) {
      try {
        strict.decode(bytes.subarray(0, bytes.length - lead));
        throw new InputError({ file, line }, 'the file ends inside a character: it was cut short (a copy or a download that stopped?)',
          'copy or save the file again, then check that its last line is whole');
      } catch (e) {
        if (e instanceof InputError) throw e;
      }
    }
    // a UTF-8 file with some lines in GBK (pasted from an older document): converting the whole
    // file would garble the lines that are right; those lines are to be typed or pasted again
    const lines = loose.split('\n');
    const bad = lines.flatMap((l, k) => (l.includes('\uFFFD') ? [k + 1] : []));
    // (GBK bytes read as UTF-8 may make a valid character by chance, seldom a Chinese one, and
    // seldom a whole line of them: a file saved in GBK has no such line, or one; two lines of good
    // Chinese text tell a mixed file, however much was pasted into it)
    const good = lines.filter((l) => !l.includes('\uFFFD') && /[\u3400-\u9fff]/u.test(l)).length;
    if (good >= 2) {
      const shown = bad.length > 6 ? `${bad.slice(0, 6).join(', ')} …` : bad.join(', ');
      throw new InputError({ file, line }, `the file is UTF-8, but ${bad.length > 1 ? `lines ${shown} are` : 'this line is'} not (text pasted from a file in another encoding, GBK?)`,
        `type or paste ${bad.length > 1 ? 'those lines' : 'the line'} again in this file (converting the whole file, iconv -f GBK, would garble the lines that are right)`);
    }
    throw new InputError({ file, line }, 'the file is not UTF-8 text (saved as GBK/ANSI?)',
      'save it as UTF-8: in Notepad 另存为 → 编码 UTF-8; in WPS or Word 另存为 纯文本 → UTF-8; or iconv -f GBK -t UTF-8');
  }
}

/**
 * Read a content file as UTF-8 text (see above). `shown` is the name used in messages. A folder
 * where a file was expected (`mkdir report.md`, a `--config` given a folder) is an input error,
 * not the internal error EISDIR would be.
 */
export function readText(path: string, shown: string = path, streams = false): string {
  return decodeUtf8(readInputBytes(path, shown, undefined, streams, TEXT_LIMIT), shown);
}

/**
 * The largest text file read (report.md, a statistics file, gongwen.yaml): 4 MiB, some 1.3
 * million Chinese characters, a thousand pages and more. A report is some 50 KB; a file of 200 MB
 * had the build run for half a minute into 2 GB and a stack overflow, and a batch stop at its
 * worker's memory (failure audit).
 */
export const TEXT_LIMIT = 4 * 1024 * 1024;
/** The largest workbook read (a unit's statistics.xlsx): 16 MiB, where a form's is some 20 KB (a 60 MB one was read whole: failure re-audit). */
export const WORKBOOK_LIMIT = 16 * 1024 * 1024;

/** How to save another program's workbook (.xls, .et, .ods) as the .xlsx gongwen reads. */
export const SAVE_AS_XLSX = 'save it from Excel or WPS as an Excel workbook, statistics.xlsx (另存为 → Excel 工作簿 *.xlsx; LibreOffice Calc: 另存为 → Excel 2007-365 *.xlsx)';

/** Whether `path` is a folder now: not where it is missing, a file, behind no permission or a loop of links. */
export function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

/**
 * A path that does not exist because its name is no UTF-8 text: a folder unpacked on Linux from a
 * Windows zip keeps its GBK bytes, which reach gongwen as U+FFFD and open nothing. Said as that,
 * not as "no such folder" (and, in a city's sum, not as a unit missing to leave out with
 * --partial: a newcomer's trial). Undefined for any other path.
 */
export function undecodableName(given: string, shown: string = given): InputError | undefined {
  if (!given.includes('\uFFFD') || existsSync(given)) return undefined;
  return new InputError({ file: shown }, 'the name is not UTF-8 text (shown with �), so it cannot be opened: a folder unpacked from a Windows zip keeps its GBK name',
    'rename it in UTF-8 (unpack the zip again with unzip -O GBK, or rename it with convmv -f gbk -t utf-8 -r --notest <folder>), then run again');
}

/**
 * An input error for a folder whose files cannot be listed (no read permission: chmod 000, a
 * share mounted for others), so that a batch, check, aggregate or --watch reports it as that
 * folder's failure and goes on, not as an internal error or as files that are missing.
 */
export function readableFolder(dir: string, shown: string = dir, files: readonly string[] = ['report.md']): void {
  try {
    readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // (a folder that can be entered but not listed, chmod 711: its files are read by name, review)
    const reachable = files.some((f) => {
      try {
        accessSync(join(dir, f), fsConstants.R_OK);
        return true;
      } catch {
        return false;
      }
    });
    if ((code === 'EACCES' || code === 'EPERM') && !reachable) throw new InputError({ file: shown }, `the folder cannot be read: no permission (${code})`, 'give the user who runs gongwen read access to the folder and its files, or copy it to a folder of your own');
  }
}

/** The first `most` bytes of a pipe or device, or all it holds where that is less. */
function readAtMost(path: string, most: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const out = Buffer.alloc(most);
    let got = 0;
    for (let n = -1; n !== 0 && got < most;) {
      n = readSync(fd, out, got, most - got, null);
      got += n;
    }
    return out.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** (MB rounded up: 4,194,305 bytes is 4.01 MB, not 4.00, beside a most of 4) */
const tooLarge = (shown: string, size: number, maxBytes: number, unread = false): InputError => new InputError({ file: shown },
  `${unread ? 'holds more' : `is ${size < 10 * 1024 * 1024 ? (Math.ceil(size / 1024 / 1024 * 100) / 100).toFixed(2) : Math.ceil(size / 1024 / 1024)} MB, more`} than gongwen reads from such a file (${maxBytes / 1024 / 1024} MB at most)`,
  'check that it is the right file: a report\'s text and figures take some 50 KB, a unit\'s workbook some 20 KB (a file made by a program, or several files joined?)');

/**
 * A content file's bytes, or an input error naming it: a folder, a device or a pipe where a file
 * was expected (`statistics: /dev/zero` read for ever), a file without read permission, a link
 * round in a circle or to nothing. A file that cannot be read is the input's fault, not gongwen's,
 * and a batch goes on without its folder. `notFound`: the error for a file that is not there;
 * `streams`: pipes and devices are read (a path given on the command line).
 */
export function readInputBytes(path: string, shown: string = path, notFound?: () => InputError, streams = false, maxBytes = Infinity): Buffer {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError({ file: shown }, 'is a folder, not a file', 'give the path of the file itself, not of a folder');
    // (`streams`: a path typed on the command line, which may be a pipe that ends: --config <(…))
    if (!stat.isFile() && !streams) throw new InputError({ file: shown }, 'is not a file but a device or a pipe, which may never end', 'give the path of the file itself');
    if (stat.size > maxBytes) throw tooLarge(shown, stat.size, maxBytes);
    // (a pipe's or a device's length is known only as it is read: read no more than the most, where
    // there is one; --config /dev/zero was read for ever: failure re-audit)
    const bounded = !stat.isFile() && maxBytes !== Infinity;
    const bytes = bounded ? readAtMost(path, maxBytes + 1) : readFileSync(path);
    if (bytes.length > maxBytes) throw tooLarge(shown, bytes.length, maxBytes, bounded);
    return bytes;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new InputError({ file: shown }, 'is a folder, not a file', 'give the path of the file itself, not of a folder');
    if (code === 'EACCES' || code === 'EPERM') throw new InputError({ file: shown }, `cannot be read: no permission (${code})`, 'give the user who runs gongwen read access to the file (and its folder), or copy it to a folder of your own');
    if (code === 'ELOOP') throw new InputError({ file: shown }, 'is a link that leads round in a circle (ELOOP)', 'replace the link with the file itself');
    if (code === 'ENOENT' || code === 'ENOTDIR') throw notFound?.() ?? new InputError({ file: shown }, 'does not exist, or is a link to nothing', 'give the path of an existing file');
    throw e;
  }
}
