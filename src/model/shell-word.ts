/**
 * A path or word as typed in a shell, for the commands messages suggest: quoted where it holds a
 * space or a character the shell reads (某某县 市场监管局) — in single quotes for a POSIX shell, in
 * double quotes on Windows, where cmd.exe keeps single quotes and a \ is a path's separator.
 */
export const shellWord = (word: string): string => {
  if (process.platform === 'win32') return /^[\p{L}\p{N}_./:@%+,=\\-]+$/u.test(word) ? word : `"${word}"`;
  return /^[\p{L}\p{N}_./:@%+,=-]+$/u.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
};
