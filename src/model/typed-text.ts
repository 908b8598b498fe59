/** Conventions of what authors type, shared by the reader, the checks and `gongwen new`. */

/** The mark of text still to be written, as `gongwen new` leaves it (write/skeleton.ts, transform/lint.ts). */
export const TO_WRITE = '【待填写';

/** Full-width digits and point (１５６．５, as a Chinese input method gives them) in ASCII. */
export const asciiDigits = (s: string): string =>
  s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
