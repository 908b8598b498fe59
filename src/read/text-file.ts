/**
 * Content files are UTF-8. A file saved in GBK (the default "ANSI" of Chinese Windows, and of
 * WPS and Notepad before 2019) read as UTF-8 turns into U+FFFD and stray characters, which
 * used to surface as a score of "character … is in no configured font" errors. It is refused
 * here, once, at the line of its first undecodable byte.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../model/errors.js';

const strict = new TextDecoder('utf-8', { fatal: true });

/** `bytes` as text, or an InputError naming `file` (as shown to the author) and the line. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return strict.decode(bytes); // drops a BOM, as Notepad writes
  } catch {
    const loose = Buffer.from(bytes).toString('utf8');
    const at = loose.indexOf('\uFFFD');
    const line = loose.slice(0, at).split('\n').length;
    throw new InputError({ file, line }, 'the file is not UTF-8 text (saved as GBK/ANSI?)',
      'save it as UTF-8: in Notepad 另存为 → 编码 UTF-8; in WPS or Word 另存为 纯文本 → UTF-8; or iconv -f GBK -t UTF-8');
  }
}

/** Read a content file as UTF-8 text (see above). `shown` is the name used in messages. */
export const readText = (path: string, shown: string = path): string => decodeUtf8(readFileSync(path), shown);
