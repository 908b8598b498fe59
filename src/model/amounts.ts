/**
 * Amounts in 万元, kept to the yuan: four decimals (0.0012 万元 is 12 元). Two decimals, which
 * gongwen had called "to the cent", are 100 元: a fee of 12 元 (检索、复制、邮寄) had to be written
 * 0.00 and one of 56 元 0.01 (an edge audit). Read as binary floats (0.1 + 0.2 =
 * 0.30000000000000004): toPrecision(15) first takes off the float noise, so that an amount that is
 * really x.xxxx5 rounds the way a person would. Fifteen digits are the yuan's count of the largest
 * amount a cell takes (LARGEST_FIGURE).
 */
export const YUAN = 10_000;
export const roundYuan = (x: number): number => Math.round(Number((x * YUAN).toPrecision(15))) / YUAN;

/**
 * Whether an amount has four decimals at most, float noise aside: a doubles' noise is about 1e-16
 * of the figure, so a millionth of a millionth of the yuan's count passes it (a fixed 1e-6 let
 * 0.000000001 through; a billionth of the count let another decimal through from large amounts on).
 */
export const toTheYuan = (v: number): boolean => Math.abs(v * YUAN - Math.round(v * YUAN)) < 1e-12 * Math.max(1_000, Math.abs(v * YUAN));

/**
 * An amount in 万元 as printed: to two decimals where it is whole hundreds of 元 (12.30), else to
 * the yuan (0.0012); a whole one as it is (100). Decided on its count of yuan, rounded: an absolute
 * tolerance printed 262150.1 from some 260,000 万元 on (a review).
 */
export const formatAmount = (v: number): string => {
  if (Number.isInteger(v)) return String(v);
  const yuan = Math.round(Number((v * YUAN).toPrecision(15)));
  return yuan % 100 === 0 ? (yuan / YUAN).toFixed(2) : String(yuan / YUAN);
};

/**
 * The largest figure a statistics cell takes (a count; an amount in yuan): 15 digits, which every
 * number below 2^53 holds exactly (a longer one is not stored as typed). The round limit is the
 * one the message and README can state: 2^53 − 1 let some 16-digit figures through (audit).
 */
export const LARGEST_FIGURE = 999_999_999_999_999;
