/**
 * Every unit conversion of gongwen lives here, and only here.
 * pt is the PostScript point (1/72 in); twip = 1/20 pt; DOCX run sizes are half-points.
 */
export const PT_PER_MM = 72 / 25.4;

export const mmToPt = (mm: number): number => mm * PT_PER_MM;
export const ptToMm = (pt: number): number => pt / PT_PER_MM;
export const ptToTwip = (pt: number): number => Math.round(pt * 20);
export const twipToPt = (twip: number): number => twip / 20;
export const mmToTwip = (mm: number): number => ptToTwip(mmToPt(mm));
export const ptToHalfPoints = (pt: number): number => Math.round(pt * 2);

/** 字号 → pt (GB/T 9704 practice table; gbt9704.md §11). */
export const ZIHAO = {
  初号: 42, 小初: 36, 一号: 26, 小一: 24, 二号: 22, 小二: 18,
  三号: 16, 小三: 15, 四号: 14, 小四: 12, 五号: 10.5, 小五: 9,
} as const;
export type Zihao = keyof typeof ZIHAO;
