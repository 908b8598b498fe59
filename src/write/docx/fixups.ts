/**
 * What the docx library cannot say, applied to the packed XML parts.
 *
 * Table cells, the information block and the footer must not snap to the 22-line document grid
 * (their lines are smaller than a grid line); docx has no paragraph-level w:snapToGrid option.
 */
import { STYLE } from './styles.js';

const OFF_GRID = [STYLE.tableText.id, STYLE.tableHeader.id, STYLE.metaBlock.id, STYLE.pageNumber.id];

export function fixStylesXml(xml: string): string {
  let out = xml;
  for (const id of OFF_GRID) {
    out = out.replace(new RegExp(`(<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?<w:pPr>)`), '$1<w:snapToGrid w:val="0"/>');
  }
  return out;
}

export const DOCX_PART_FIXES: Record<string, (xml: string) => string> = { 'word/styles.xml': fixStylesXml };
