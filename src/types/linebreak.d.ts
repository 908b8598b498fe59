/** The `linebreak` package (UAX #14), as pdfmake uses it; it ships no typings. */
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}
