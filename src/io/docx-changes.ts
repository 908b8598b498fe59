/**
 * What a reviewer changed in a Word draft that a build keeps aside (io/files.ts keepEdited): its
 * paragraphs that the new draft does not have, for the message that tells of it. An office's trial:
 * the draft was kept and said to be, and the clerk had to compare the two files by hand to find
 * the edits to carry over into report.md.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

/** The entities Word and docx write in text. */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
const unescape = (t: string): string => t.replace(/&(?:amp|lt|gt|quot|apos);|&#(x?)([0-9a-fA-F]+);/g, (m, hex: string, n: string) =>
  (n === undefined ? ENTITIES[m]! : String.fromCodePoint(parseInt(n, hex ? 16 : 10))));

/** The text of each non-empty paragraph of a DOCX's body, in order; [] where it cannot be read. */
export function docxParagraphs(docx: Uint8Array): string[] {
  try {
    const { unzipSync } = createRequire(import.meta.url)('fflate') as typeof import('fflate');
    const part = unzipSync(docx, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml'];
    if (!part) return [];
    const xml = Buffer.from(part).toString('utf8');
    const out: string[] = [];
    for (const p of xml.split('</w:p>')) {
      const start = Math.max(p.lastIndexOf('<w:p>'), p.lastIndexOf('<w:p '));
      if (start < 0) continue;
      let text = '';
      for (const m of p.slice(start).matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) text += m[1] !== undefined ? unescape(m[1]) : ' ';
      text = text.replace(/\s+/g, ' ').trim();
      if (text) out.push(text);
    }
    return out;
  } catch {
    return [];
  }
}

/**
 * The paragraphs of the kept draft (`edited`, a file) that the new one (`fresh`, its bytes) does not
 * have — reworded, added — and how many of the new one's it lacks (deleted, or reworded).
 */
export function draftChanges(edited: string, fresh: Uint8Array): { changed: string[]; missing: number } | undefined {
  let old: string[];
  try {
    old = docxParagraphs(readFileSync(edited));
  } catch {
    return undefined;
  }
  const now = docxParagraphs(fresh);
  if (!old.length || !now.length) return undefined;
  // (counted, not as sets: a table cell's 0 made 2 was no change where another cell says 2, a review)
  const count = (texts: string[]) => {
    const n = new Map<string, number>();
    for (const t of texts) n.set(t, (n.get(t) ?? 0) + 1);
    return n;
  };
  const inNew = count(now);
  const changed = old.filter((t) => {
    const n = inNew.get(t) ?? 0;
    if (n > 0) inNew.set(t, n - 1);
    return n === 0;
  });
  const inOld = count(old);
  const missing = now.filter((t) => {
    const n = inOld.get(t) ?? 0;
    if (n > 0) inOld.set(t, n - 1);
    return n === 0;
  }).length;
  return { changed, missing };
}

/** One line saying what `draftChanges` found, or undefined where the texts are the same. */
export function draftChangesLine(changes: { changed: string[]; missing: number } | undefined): string | undefined {
  if (!changes || (!changes.changed.length && !changes.missing)) return undefined;
  const cut = (t: string) => (t.length > 24 ? `${t.slice(0, 24)}…` : t);
  const shown = changes.changed.slice(0, 3).map((t) => `"${cut(t)}"`).join(', ');
  const more = changes.changed.length > 3 ? ` and ${changes.changed.length - 3} more` : '';
  return changes.changed.length
    ? `its text differs from this build's in ${changes.changed.length} paragraph${changes.changed.length === 1 ? '' : 's'}: ${shown}${more}`
    : `${changes.missing} paragraph${changes.missing === 1 ? '' : 's'} of this build's ${changes.missing === 1 ? 'is' : 'are'} not in it (deleted there)`;
}
