/**
 * What a reviewer changed in a Word draft that a build keeps aside (io/files.ts keepEdited), for the
 * message that tells of it: its paragraphs that the new draft does not have (reworded, added), the
 * new draft's that it lacks (deleted), its comments (批注), and its tracked changes (修订), read as
 * accepted. An office's trial: the draft was kept and said to be, and the clerk had to compare the
 * two files by hand to find the edits to carry over into report.md; a review round found comments
 * never mentioned, deletions never named and a table's figure shown as "120", without its row.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

/** The entities Word and docx write in text. */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
const unescape = (t: string): string => t.replace(/&(?:amp|lt|gt|quot|apos);|&#(x?)([0-9a-fA-F]+);/g, (m, hex: string, n: string) =>
  (n === undefined ? ENTITIES[m]! : String.fromCodePoint(parseInt(n, hex ? 16 : 10))));

/** The text of a piece of WordprocessingML: its w:t, a tab or a line break a space, spaces folded. */
const textOf = (xml: string): string => {
  let text = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) text += m[1] !== undefined ? unescape(m[1]) : ' ';
  return text.replace(/\s+/g, ' ').trim();
};

/** A tracked deletion or a move's old place: its text is gone once the changes are accepted. */
const REMOVED = /<w:(del|moveFrom)\b[^>]*?(?<!\/)>[\s\S]*?<\/w:\1>/g;
/** Tracked changes: insertions, deletions, moves (a paragraph mark's too). */
const REVISION = /<w:(?:ins|del|moveFrom|moveTo|rPrChange|pPrChange)\b/g;

export interface DraftText {
  /** Each non-empty paragraph's text in order; a table cell's as 「row label」第N列：text. Not the table of contents' entries. */
  paragraphs: string[];
  /** Its text boxes' text (文本框: a reviewer's note in a box), each once. */
  boxes: string[];
  /** Its footnotes' and endnotes' text (脚注, 尾注). */
  notes: string[];
  /** Its comments: who, on what text, and what they say. */
  comments: { author: string; on: string; text: string }[];
  /** How many tracked changes it holds (read as accepted). */
  revisions: number;
}

const FIGURE = /^[-+−]?[\d,.]+$/;

/**
 * A table's rows: each cell's paragraphs named by the row's label and the cell's column. The label
 * is the row's last cell with text before its first figure (表三's 1.本机关不掌握相关政府信息, not
 * the group over it, （四）无法提供, whose merged cell starts in the same row: a review), its lines'
 * spaces between Chinese characters dropped (a narrow label cell's lines); the column is counted
 * on the table's grid (w:gridSpan), so that a column of the form has one number in every row.
 */
function tableParagraphs(table: string): string[] {
  const out: string[] = [];
  /** The column headers above each grid column, read from the rows without figures over the rows with them (表四's 行政复议/结果纠正). */
  const headers = new Map<number, string>();
  let figures = false;
  for (const row of table.match(/<w:tr\b[\s\S]*?<\/w:tr>/g) ?? []) {
    let column = 1;
    const cells = (row.match(/<w:tc\b[\s\S]*?<\/w:tc>/g) ?? []).map((c) => {
      const at = column;
      const span = Number(/<w:gridSpan w:val="(\d+)"/.exec(c)?.[1] ?? 1);
      column += span;
      return { at, span, texts: (c.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map(textOf).filter(Boolean) };
    });
    const joined = (texts: string[]) => texts.join(' ').replace(/(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])/gu, '');
    const firstFigure = cells.findIndex((c) => c.texts.length && FIGURE.test(c.texts.join(' ')));
    // (a row without figures after rows with them heads a block of its own: 表二's 第二十条第（五）项
    // and its 信息内容 | 本年处理决定数量, after the first block's 本年制发件数 …)
    if (firstFigure < 0 && figures) headers.clear();
    figures = firstFigure >= 0;
    if (!figures) {
      for (const c of cells) if (c.texts.length) for (let k = c.at; k < c.at + c.span; k++) headers.set(k, headers.has(k) ? `${headers.get(k)}/${joined(c.texts)}` : joined(c.texts));
    }
    const label = cells.slice(0, firstFigure < 0 ? cells.length : firstFigure).filter((c) => c.texts.length).map((c) => joined(c.texts)).at(firstFigure < 0 ? 0 : -1);
    // (a row of figures alone, 表四's: each named by its column's headers, "2" alone had been
    // reported, and moved among the row's other figures, a review)
    const name = (c: { at: number }) => label ?? headers.get(c.at);
    for (const c of cells) {
      // (with its column's own header where the row has its label: 第4列 had to be mapped by hand to
      // 自然人, the name statistics.yaml gives it, a review)
      const column = (c: { at: number }) => (label && headers.get(c.at) ? `第${c.at}列（${headers.get(c.at)!.split('/').at(-1)}）` : `第${c.at}列`);
      for (const t of c.texts) out.push(name(c) && joined(c.texts) !== name(c) ? `「${name(c)}」${column(c)}：${t}` : t);
    }
  }
  return out;
}

/** The text of a DOCX as a reviewer left it (tracked changes accepted); undefined where it cannot be read. */
export function draftText(docx: Uint8Array): DraftText | undefined {
  try {
    const { unzipSync } = createRequire(import.meta.url)('fflate') as typeof import('fflate');
    const parts = unzipSync(docx, { filter: (f) => ['word/document.xml', 'word/comments.xml', 'word/footnotes.xml', 'word/endnotes.xml', 'word/styles.xml'].includes(f.name) });
    // (the contents entries' styles by their names, toc 1 …: Word in another language saves them under other ids, a review)
    const styles = parts['word/styles.xml'] ? Buffer.from(parts['word/styles.xml']).toString('utf8') : '';
    const tocIds = new Set([...styles.matchAll(/<w:style\b[^>]*\bw:styleId="([^"]*)"[^>]*>\s*<w:name w:val="(?:toc|TOC|Contents|contents)\s?\d"/g)].map((m) => m[1]!));
    const isToc = (p: string) => { const id = /<w:pStyle w:val="([^"]*)"/.exec(p)?.[1]; return id !== undefined && (tocIds.has(id) || /^(?:TOC|toc|Contents|contents)\s?\d$/.test(id)); };
    const part = parts['word/document.xml'];
    if (!part) return undefined;
    const raw = Buffer.from(part).toString('utf8');
    const revisions = raw.match(REVISION)?.length ?? 0;
    // (a text box's paragraphs sit inside the paragraph that anchors it, Word's copy of it twice,
    // as a drawing and as its fallback: read once, apart — the anchoring paragraph had been cut at
    // the box's first paragraph end and reported deleted, the box's text added twice, a review)
    const boxes: string[] = [];
    const xml = raw.replace(REMOVED, '').replace(/<mc:Fallback>[\s\S]*?<\/mc:Fallback>/g, '')
      .replace(/<w:txbxContent>([\s\S]*?)<\/w:txbxContent>/g, (_, inner: string) => {
        const t = textOf(inner.replace(/<\/w:p>/g, ' </w:p>'));
        if (t) boxes.push(t);
        return '';
      });
    const paragraphs: string[] = [];
    for (const m of xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>/g)) {
      if (m[0].startsWith('<w:tbl>')) paragraphs.push(...tableParagraphs(m[0]));
      // (not a contents entry: its page numbers change as a reviewer's Word updates the field, and
      // were reported as edits, headings as deleted, a review)
      else if (!isToc(m[0])) {
        const t = textOf(m[0]);
        if (t) paragraphs.push(t);
      }
    }
    const said = parts['word/comments.xml'] ? Buffer.from(parts['word/comments.xml']).toString('utf8') : '';
    const comments = [...said.matchAll(/<w:comment\b([^>]*)>([\s\S]*?)<\/w:comment>/g)].map((c) => {
      const id = /\bw:id="([^"]*)"/.exec(c[1]!)?.[1];
      const author = unescape(/\bw:author="([^"]*)"/.exec(c[1]!)?.[1] ?? '');
      const range = id === undefined ? undefined : new RegExp(`<w:commentRangeStart w:id="${id}"/>([\\s\\S]*?)<w:commentRangeEnd w:id="${id}"/>`).exec(xml);
      return { author, on: range ? textOf(range[1]!) : '', text: textOf(c[2]!) };
    });
    // (a footnote a reviewer added was never said, a review: not Word's separators)
    const notes = ['word/footnotes.xml', 'word/endnotes.xml'].flatMap((name) => [...(parts[name] ? Buffer.from(parts[name]).toString('utf8') : '').matchAll(/<w:(footnote|endnote)\b([^>]*)>([\s\S]*?)<\/w:\1>/g)]
      .filter((n) => !/w:type="(?:separator|continuationSeparator|continuationNotice)"/.test(n[2]!)).map((n) => textOf(n[3]!)).filter(Boolean));
    return { paragraphs, boxes, notes, comments, revisions };
  } catch {
    return undefined;
  }
}

export interface DraftChanges {
  /** Its paragraphs the new draft lacks (reworded, added), each with the one of the new draft's it most likely replaces (and the one after it, where the two were joined). */
  changed: { text: string; was?: string; joined?: string }[];
  /** The new draft's paragraphs it lacks and no changed one replaces (deleted there). */
  deleted: string[];
  /** Its paragraphs the new draft has too, in another order (moved there). */
  moved: string[];
  comments: DraftText['comments'];
  boxes: string[];
  notes: string[];
  revisions: number;
}

/** A table cell's paragraph's row and column, as draftText writes them. */
const TABLE_CELL = /^「[^」]*」第\d+列(?:（[^）]*）)?：/;

/** The share of two texts' character pairs they have in common (Dice). */
function likeness(a: string, b: string): number {
  const pairs = (t: string) => {
    const n = new Map<string, number>();
    for (let i = 0; i + 1 < t.length; i++) n.set(t.slice(i, i + 2), (n.get(t.slice(i, i + 2)) ?? 0) + 1);
    return n;
  };
  const [pa, pb] = [pairs(a), pairs(b)];
  let common = 0;
  for (const [p, k] of pa) common += Math.min(k, pb.get(p) ?? 0);
  const all = Math.max(1, a.length - 1 + b.length - 1);
  return (2 * common) / all;
}

/** How many characters two texts' starts share. */
const headOf = (a: string, b: string): number => {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  return head;
};

/** How much of two texts' starts and ends they share. */
const shared = (a: string, b: string): number => {
  const head = headOf(a, b);
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return head + tail;
};

/**
 * What the kept draft (`edited`, a file) says otherwise than the new one (`fresh`, its bytes):
 * paragraphs counted, not compared as sets (a table cell's 0 made 2 was no change where another
 * cell says 2, a review).
 */
export function draftChanges(edited: string, fresh: Uint8Array): DraftChanges | undefined {
  let old: DraftText | undefined;
  try {
    old = draftText(readFileSync(edited));
  } catch {
    return undefined;
  }
  const built = draftText(fresh);
  const now = built?.paragraphs ?? [];
  const newBoxes = new Set(built?.boxes ?? []);
  const newNotes = new Set(built?.notes ?? []);
  if (!old?.paragraphs.length || !now.length) return undefined;
  const count = (texts: string[]) => {
    const n = new Map<string, number>();
    for (const t of texts) n.set(t, (n.get(t) ?? 0) + 1);
    return n;
  };
  const lacking = (texts: string[], other: string[]) => {
    const n = count(other);
    return texts.filter((t) => {
      const k = n.get(t) ?? 0;
      if (k > 0) n.set(t, k - 1);
      return k === 0;
    });
  };
  const added = lacking(old.paragraphs, now);
  const deleted = lacking(now, old.paragraphs);
  // each reworded paragraph with the new draft's it most likely was: a table cell's of its row and
  // column (two figures swapped between rows paired each with the other's row, a review), else the
  // one it shares most of its start and end with, at least four characters, else most of its
  // character pairs (a sentence moved from its end to its start)
  const cell = (t: string) => TABLE_CELL.exec(t)?.[0];
  const changed = added.map((text) => {
    let best: string | undefined;
    let most = 3;
    const own = cell(text);
    for (const d of deleted) {
      // (a fifth of the longer one at least: two paragraphs that only open alike, 2021年，…,
      // one deleted in 五 and one added in 六, had been paired as one reworded, a review)
      const common = shared(text, d);
      const s = (own !== undefined && cell(d) === own ? 1e6 : 0) + (common * 5 >= Math.max(text.length, d.length) ? common : 0);
      if (s > most) [best, most] = [d, s];
    }
    if (best === undefined) {
      let like = 0.5;
      for (const d of deleted) {
        const s = likeness(text, d);
        if (s >= like) [best, like] = [d, s];
      }
    }
    if (best !== undefined) deleted.splice(deleted.indexOf(best), 1);
    // (two paragraphs joined, Delete at the end of one: the other is in it, not deleted — it was
    // said to be, with the very text that is still there, a review)
    // (the pairing may take either of the two: the one it starts with, or the one it ends with)
    const after = best !== undefined && text.startsWith(best) ? text.slice(best.length).trim() : undefined;
    const before = best !== undefined && text.endsWith(best) ? text.slice(0, text.length - best.length).trim() : undefined;
    // (and the two side by side in the new draft: a paragraph extended with the words of one deleted
    // further on is no join, a review)
    const next = (a: string, b: string) => now.some((t, k) => t === a && now[k + 1] === b);
    const other = after && deleted.includes(after) && next(best!, after) ? after : before && deleted.includes(before) && next(before, best!) ? before : undefined;
    if (other !== undefined) {
      deleted.splice(deleted.indexOf(other), 1);
      return other === after ? { text, was: best!, joined: other } : { text, was: other, joined: best! };
    }
    return best === undefined ? { text } : { text, was: best };
  });
  return { changed, deleted, moved: movedOf(old.paragraphs, now), comments: old.comments, boxes: old.boxes.filter((b) => !newBoxes.has(b)), notes: old.notes.filter((n) => !newNotes.has(n)), revisions: old.revisions };
}

/**
 * The paragraphs of `old` that `now` has too but in another order: each taken at its place in
 * `now` (the next of the same text), those off the longest run in order are the moved ones (a
 * paragraph moved whole was not reported, a review).
 */
function movedOf(old: string[], now: string[]): string[] {
  const places = new Map<string, number[]>();
  now.forEach((t, k) => places.set(t, [...(places.get(t) ?? []), k]));
  const seq: { text: string; at: number }[] = [];
  for (const text of old) {
    const at = places.get(text)?.shift();
    if (at !== undefined) seq.push({ text, at });
  }
  // the longest increasing run of places (patience sorting), kept; the rest moved
  const tails: number[] = [];
  const before = new Array<number>(seq.length).fill(-1);
  seq.forEach((s, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]!.at < s.at) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) before[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = before[i]!) kept.add(i);
  return seq.filter((_, i) => !kept.has(i)).map((s) => s.text);
}

/** At most this many of each kind are quoted in the message. */
const SHOWN = 5;
const cut = (t: string, n = 30) => (t.length > n ? `${t.slice(0, n)}…` : t);

/** A reworded paragraph as what it says now where it differs, and what it said: "…已按审阅意见修改。" (was "…审阅时要改。"). */
function reworded(c: { text: string; was?: string; joined?: string }): string {
  if (c.was === undefined) return `"${cut(c.text)}" (added)`;
  if (c.joined !== undefined) return `"${cut(c.text)}" (two paragraphs joined: "${cut(c.was, 15)}" and "${cut(c.joined, 15)}")`;
  // (a row's label reworded, 危及"三安全一稳定" made …的: each cell shown with its own label, the was
  // had been cut at the new label's length and read as an empty cell filled in, a review)
  const [labelNow, labelWas] = [TABLE_CELL.exec(c.text)?.[0], TABLE_CELL.exec(c.was)?.[0]];
  // (the label cut, never the figure: a long label reworded hid the figure changed with it, a review)
  const shortLabel = (t: string) => t.replace(/^「([^」]*)」/, (_, l: string) => `「${cut(l, 16)}」`);
  if (labelNow !== undefined && labelWas !== undefined && labelNow !== labelWas) return `"${shortLabel(c.text)}" (was "${shortLabel(c.was)}")`;
  const head = headOf(c.text, c.was);
  // (a table cell's row and column stay in view; else six characters before the difference)
  const label = TABLE_CELL.exec(c.text)?.[0] ?? '';
  const from = Math.max(label.length, head - 6);
  const lead = label + (from > label.length ? '…' : '');
  return `"${lead}${cut(c.text.slice(from))}" (was "${lead}${cut(c.was.slice(from))}")`;
}

/** The lines saying what `draftChanges` found (none where the texts are the same and it has no comment); `all`: every item, not the first SHOWN of each kind. */
export function draftChangesLines(changes: DraftChanges | undefined, all = false): string[] {
  if (!changes) return [];
  const list = (items: string[]): string => (all ? items.join(', ') : `${items.slice(0, SHOWN).join(', ')}${items.length > SHOWN ? ` and ${items.length - SHOWN} more` : ''}`);
  const out: string[] = [];
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  if (changes.changed.length) out.push(`its text differs from this build's in ${plural(changes.changed.length, 'paragraph')}: ${list(changes.changed.map(reworded))}`);
  if (changes.deleted.length) out.push(`${plural(changes.deleted.length, 'paragraph')} of this build's ${changes.deleted.length === 1 ? 'is' : 'are'} not in it (deleted there): ${list(changes.deleted.map((t) => `"${cut(t)}"`))}`);
  if (changes.moved.length) out.push(`${plural(changes.moved.length, 'paragraph')} of this build's ${changes.moved.length === 1 ? 'stands' : 'stand'} elsewhere in it (moved there): ${list(changes.moved.map((t) => `"${cut(t)}"`))}`);
  if (changes.comments.length) {
    out.push(`it holds ${plural(changes.comments.length, 'comment')} (批注): ${list(changes.comments.map((c) => `${c.author || 'a reviewer'}${c.on ? ` on "${cut(c.on, 20)}"` : ''}: "${cut(c.text, 40)}"`))}`);
  }
  if (changes.boxes.length) out.push(`it holds ${plural(changes.boxes.length, 'text box', 'text boxes')} (文本框): ${list(changes.boxes.map((b) => `"${cut(b, 40)}"`))}`);
  if (changes.notes.length) out.push(`it holds ${plural(changes.notes.length, 'footnote')} (脚注): ${list(changes.notes.map((n) => `"${cut(n, 40)}"`))}`);
  if (changes.revisions && out.length) out.push(`(its ${plural(changes.revisions, 'tracked change')} (修订) read as accepted)`);
  return out;
}

/** Whether the message's lists leave some out (more than SHOWN of a kind): the whole list is then written beside the kept draft. */
export const draftChangesCut = (c: DraftChanges | undefined): boolean =>
  c !== undefined && [c.changed, c.deleted, c.moved, c.comments, c.boxes, c.notes].some((l) => l.length > SHOWN);
