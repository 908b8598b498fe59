/**
 * Characters the role face lacks, set in the fallback face in the DOCX too.
 *
 * The PDF draws a character its role face lacks (埇 堃 喆 in the Fandol faces) from the fallback
 * face (write/pdf/text.ts). The DOCX named only the role fonts, so Word and LibreOffice drew
 * such a character from whatever face the system offered, or as a box. Now each text run of
 * word/document.xml that holds one is split, and the pieces with those characters name the
 * fallback font (`w:rFonts`, all four scripts) — for every piece of text, whoever wrote it
 * (paragraphs, titles, the information block, table cells, the table of contents).
 *
 * Which characters: in each run, those the fallback face has and the run's own font lacks (the
 * font it names, else its paragraph style's: transform/glyph-check.ts fallbackCharSets byRole), so
 * that the DOCX sets them in the fallback face wherever the PDF does — but for the Chinese
 * characters Windows' 宋体 黑体 仿宋 楷体 have (layout/word-faces.ts), which the DOCX leaves in
 * those faces where its roles are named so. In a run whose font cannot be told, those no role face
 * they are set in has (fallbackChars).
 * Runs of other shapes (with a tab, a field, attributes) are left as they are.
 */
import { ENTITY_CHARS, escapeLikeDocx } from './raw-xml.js';
import type { FallbackFont } from './styles.js';

/** A run of plain text as docx and gongwen's raw XML write it: properties, an optional line break, one w:t. */
const RUN = /<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?(<w:br\/>)?<w:t( xml:space="preserve")?>([^<]*)<\/w:t><\/w:r>/g;

/** Run properties naming `font`: rFonts replaced, or placed where CT_RPr wants it (after rStyle). */
function withFont(rPr: string | undefined, font: string): string {
  const rFonts = `<w:rFonts w:ascii="${font}" w:eastAsia="${font}" w:hAnsi="${font}" w:cs="${font}"/>`;
  if (!rPr) return `<w:rPr>${rFonts}</w:rPr>`;
  if (/<w:rFonts\b[^>]*\/>/.test(rPr)) return rPr.replace(/<w:rFonts\b[^>]*\/>/, rFonts);
  const afterStyle = /^<w:rPr>(<w:rStyle\b[^>]*\/>)?/.exec(rPr)![0].length;
  return rPr.slice(0, afterStyle) + rFonts + rPr.slice(afterStyle);
}

/** The character an escaped unit of w:t text stands for: itself, or an entity's character. */
function unescapeUnit(unit: string): string {
  if (unit[0] !== '&') return unit;
  if (unit[1] === '#') {
    const cp = unit[2] === 'x' ? parseInt(unit.slice(3, -1), 16) : parseInt(unit.slice(2, -1), 10);
    return Number.isInteger(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : unit;
  }
  return ENTITY_CHARS[unit] ?? unit;
}

/**
 * A test for escaped run text that may hold one of `chars`: the character itself, a numeric
 * reference, or an entity when one of the characters is one docx escapes. Text it fails holds
 * none of them.
 */
function mayHoldOneOf(chars: ReadonlySet<string>): RegExp {
  const literal = [...chars].map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const entities = [...chars].some((c) => Object.values(ENTITY_CHARS).includes(c)) ? ['&'] : ['&#'];
  return new RegExp([...literal, ...entities].join('|'), 'u');
}

/** Run properties marked bold (CT_RPr: b and bCs right after rStyle and rFonts), any bold setting they had replaced. */
function emboldened(rPr: string): string {
  const plain = rPr.replace(/<w:b(?:Cs)?\b[^>]*\/>/g, '');
  const at = /^<w:rPr>(<w:rStyle\b[^>]*\/>)?(<w:rFonts\b[^>]*\/>)?/.exec(plain)![0].length;
  return `${plain.slice(0, at)}<w:b/><w:bCs/>${plain.slice(at)}`;
}

/**
 * What sets a run in a heavy role (layout/faux-bold.ts): its paragraph's style, where the run
 * names no font of its own, or the font it names (**bold** text in 黑体).
 */
export interface HeavyRuns { styles: ReadonlySet<string>; fonts: ReadonlySet<string> }

const NONE: ReadonlySet<string> = new Set();

/** A paragraph's opening tag: the last one in a piece of the document that ends where a paragraph ends. */
const PARAGRAPH_START = /<w:p[ >]/g;

/**
 * `xml` (word/document.xml) with the fallback's characters in runs naming the fallback font; in a
 * heavy role (`heavy`), those runs are bold too, as the PDF draws them heavier. With
 * `fallback.byFont` and `styleFonts` (each paragraph style's font), a run's characters are those its
 * own font lacks — the font it names, else its paragraph's style's; a run whose font is not known
 * takes `fallback.chars`, those lacking wherever they are set.
 */
export function withFallbackFont(xml: string, fallback: FallbackFont | undefined, heavy?: HeavyRuns, styleFonts?: ReadonlyMap<string, string>): string {
  const byFont = new Map(Object.entries(fallback?.byFont ?? {}).map(([name, cs]) => [escapeLikeDocx(name), new Set(cs)]));
  if (!fallback || (!fallback.chars && !byFont.size)) return xml;
  const chars = new Set(fallback.chars);
  const font = escapeLikeDocx(fallback.name);
  const mayHold = mayHoldOneOf(new Set([...chars, ...[...byFont.values()].flatMap((s) => [...s])]));
  /** The characters to set in the fallback face in a run of font `name` (escaped), where it is known. */
  const lacking = (name: string | undefined): ReadonlySet<string> => (name === undefined || !styleFonts ? chars : byFont.get(name) ?? NONE);
  // (paragraphs do not nest: each piece up to a </w:p> ends with one whole paragraph, and runs stand only in paragraphs)
  return xml.split('</w:p>').map((piece) => (mayHold.test(piece) ? inParagraph(piece) : piece)).join('</w:p>');

  function inParagraph(piece: string): string {
    let start = 0;
    for (const m of piece.matchAll(PARAGRAPH_START)) start = m.index;
    const style = /^<w:p[ >](?:<w:pPr>)?<w:pStyle w:val="([^"]*)"\/>/.exec(piece.slice(start))?.[1];
    const heavyStyle = style !== undefined && !!heavy?.styles.has(style);
    const styleFont = styleFonts?.get(style ?? '');
    return piece.replace(RUN, (run: string, rPr: string | undefined, br: string | undefined, _space: string | undefined, text: string) =>
      split(run, rPr, br, text, heavyStyle, styleFont === undefined ? undefined : escapeLikeDocx(styleFont)));
  }

  function split(run: string, rPr: string | undefined, br: string | undefined, text: string, heavyStyle: boolean, styleFont: string | undefined): string {
    if (!mayHold.test(text)) return run; // most runs: nothing to split (≈ 2 ms of a report's DOCX)
    const named = rPr ? /<w:rFonts\b[^>]* w:eastAsia="([^"]*)"/.exec(rPr)?.[1] : undefined;
    const runChars = lacking(named ?? styleFont);
    // pieces of the (escaped) text: [inFallback, text]; an entity is one unit, never cut
    const pieces: [boolean, string][] = [];
    for (const [unit] of text.matchAll(/&[^;&]*;|[\s\S]/gu)) {
      const inFallback = runChars.has(unescapeUnit(unit));
      const last = pieces.at(-1);
      if (last && last[0] === inFallback) last[1] += unit;
      else pieces.push([inFallback, unit]);
    }
    if (!pieces.some(([f]) => f)) return run;
    const inHeavy = named ? !!heavy?.fonts.has(named) : heavyStyle;
    const fallbackRPr = inHeavy ? emboldened(withFont(rPr, font)) : withFont(rPr, font);
    return pieces.map(([inFallback, piece], k) =>
      `<w:r>${inFallback ? fallbackRPr : rPr ?? ''}${k === 0 ? br ?? '' : ''}<w:t xml:space="preserve">${piece}</w:t></w:r>`).join('');
  }
}
