import { Paragraph, type IParagraphOptions } from 'docx';

/**
 * Every paragraph of the DOCX. Widow/orphan control is off (docx cannot set it in a style), so
 * every page holds its 22 lines, as in the PDF; headings are kept with what follows by their style.
 */
export const paragraph = (options: IParagraphOptions): Paragraph => new Paragraph({ widowControl: false, ...options });
