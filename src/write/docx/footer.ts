/** Footers "— PAGE —": 四号宋体, odd pages right and even pages left, inset 1 字 (§7.5). */
import { AlignmentType, Footer, PageNumber, TextRun, Paragraph } from 'docx';
import { PAGE_NUMBER } from '../../layout/gbt9704.js';
import { ptToTwip } from '../../layout/units.js';
import { STYLE } from './styles.js';

const footer = (odd: boolean) => new Footer({
  children: [new Paragraph({
    style: STYLE.pageNumber.id,
    alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: odd ? { right: ptToTwip(PAGE_NUMBER.insetPt) } : { left: ptToTwip(PAGE_NUMBER.insetPt) },
    children: [new TextRun({ children: ['\u2014 ', PageNumber.CURRENT, ' \u2014'] })],
  })],
});

export const pageNumberFooters = () => ({ default: footer(true), even: footer(false) });
