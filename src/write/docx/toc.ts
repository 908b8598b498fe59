/**
 * The DOCX table of contents: a Word TOC field with its entries written in, so that it is not
 * empty before Word updates it (LibreOffice and WPS show it as written; Word fills in the page
 * numbers when it opens the document, see `updateFields` in index.ts).
 *
 * Word's TOC field lists a paragraph in a heading style whole. A run-in heading
 * (1.加强政策解读。围绕……) shares its paragraph with its text, so it is written as a body
 * paragraph holding a TC field that names the heading alone at its level; the field lists heading
 * styles (\o) and TC fields (\l), in document order, as the PDF's table of contents does. Each
 * entry links to a bookmark on its heading, _Toc1, _Toc2 … in order (fixups.ts keeps them so).
 */
import { Bookmark, SimpleField, type ParagraphChild } from 'docx';
import { tocInlines, type Block, type HeadingBlock } from '../../model/types.js';
import { geometry } from '../../layout/gbt9704.js';
import { ptToTwip } from '../../layout/units.js';
import { estimatedWidthEm } from '../../layout/kinsoku.js';
import { escapeLikeDocx, RawXml } from './raw-xml.js';

/** Heading levels listed, as in the PDF. */
export const TOC_LEVELS = 4;

/**
 * A level's usual number, in em, that its entries' wrapped lines hang past in the style (一、
 * （一） 1. （1）); each entry written here hangs past its own (十一、 is wider).
 */
export const tocHang = (level: number): number => estimatedWidthEm(['一、', '（一）', '1.', '（1）'][level - 1] ?? '');

export interface TocEntry {
  /** The heading with its number, without any run-in text. */
  text: string;
  /** Its number (一、, （一）, 1., （1）), which a wrapped entry's lines hang past. */
  number: string;
  level: number;
  bookmark: string;
}

/** An entry for every heading the table lists, by block. */
export function tocEntries(blocks: Block[], levels = TOC_LEVELS): Map<Block, TocEntry> {
  const out = new Map<Block, TocEntry>();
  for (const b of blocks) {
    if (b.type !== 'heading' || b.level > levels) continue;
    out.set(b, { text: headingText(b), number: b.number ?? '', level: b.level, bookmark: `_Toc${out.size + 1}` });
  }
  return out;
}

const headingText = (b: HeadingBlock) => `${b.number ?? ''}${tocInlines(b).map((i) => i.text).join('')}`;

/** The heading's runs inside its bookmark, after a TC field for a run-in heading. */
export function tocTarget(entry: TocEntry, runs: ParagraphChild[], runIn: boolean): ParagraphChild[] {
  // a backslash or a quote inside a field argument is written \\ or \" (Word's field syntax)
  const tc = runIn ? [new SimpleField(` TC "${entry.text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}" \\l ${entry.level} `)] : [];
  return [...tc, new Bookmark({ id: entry.bookmark, children: runs })];
}

/**
 * The TOC field with an entry paragraph (style TOC1–TOC4, dot leader to the right margin) for each
 * heading, and each entry's page number as `pages` gives it (the PDF's, where it was built beside:
 * LibreOffice and WPS show the numbers as written, Word updates them); empty without.
 */
export function tocField(entries: TocEntry[], levels = TOC_LEVELS, pages?: readonly number[]): RawXml {
  // (page numbers only where there is one for every entry: never numbers shifted against their headings)
  const numbers = pages?.length === entries.length ? pages : undefined;
  const instruction = ` TOC \\o "1-${levels}" \\l "1-${levels}" \\h `;
  const tab = ptToTwip(geometry.textWidth);
  const begin = `<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/><w:instrText xml:space="preserve">${escapeLikeDocx(instruction)}</w:instrText><w:fldChar w:fldCharType="separate"/></w:r>`;
  const end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
  // (an entry's lines after its first hang under its text, past its number, as in the PDF: they
  // went back under the number; the style gives a level's usual number, tocHang, for Word's update)
  const indent = (e: TocEntry) => {
    const hang = ptToTwip(estimatedWidthEm(e.number) * geometry.charPitch);
    return `<w:ind w:left="${ptToTwip((e.level - 1) * geometry.charPitch) + hang}" w:hanging="${hang}" w:firstLineChars="0"/>`;
  };
  const paragraphs = entries.map((e, k) => `<w:p><w:pPr><w:pStyle w:val="TOC${e.level}"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${tab}"/></w:tabs>${indent(e)}</w:pPr>`
    + (k === 0 ? begin : '')
    + `<w:hyperlink w:anchor="${e.bookmark}" w:history="1"><w:r><w:t xml:space="preserve">${escapeLikeDocx(e.text)}</w:t></w:r><w:r><w:tab/></w:r>`
    + `<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/><w:instrText xml:space="preserve"> PAGEREF ${e.bookmark} \\h </w:instrText><w:fldChar w:fldCharType="separate"/></w:r>`
    + (numbers ? `<w:r><w:t>${numbers[k]}</w:t></w:r>` : '')
    + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>'
    // the field ends in its last entry, not in a paragraph of its own, which set one more line than the PDF
    + (k === entries.length - 1 ? end : '') + '</w:p>');
  // (a report without headings: the field begins and ends in an empty entry paragraph)
  const empty = entries.length ? '' : `<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>${begin}${end}</w:p>`;
  return new RawXml('<w:sdt><w:sdtPr><w:alias w:val="目录"/><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr>'
    + `<w:sdtContent>${paragraphs.join('')}${empty}</w:sdtContent></w:sdt>`);
}
