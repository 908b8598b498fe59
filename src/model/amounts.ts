/**
 * Amounts in 万元, kept to the cent. Read as binary floats (0.1 + 0.2 = 0.30000000000000004):
 * toPrecision(15) first takes off the float noise, so that an amount that is really x.xx5
 * rounds the way a person would (1.005 → 1.01, where toFixed gives 1.00). Fifteen digits are the
 * cents' count of the largest amount a cell takes (LARGEST_FIGURE); toPrecision(12) lost the cents
 * of sums from 11 digits before the point on (12345678901.23 → 12345678901.2, an aggregation audit).
 */
export const roundCents = (x: number): number => Math.round(Number((x * 100).toPrecision(15))) / 100;

/**
 * Whether an amount has two decimals at most, float noise aside: a doubles' noise is about 1e-16
 * of the figure, so a millionth of a millionth of the cents' count (at least a billionth of a
 * cent) passes it. A fixed 1e-6 let 0.000000001 through; a billionth of the count let a third
 * decimal through from a million 万元 on (1234567.891).
 */
export const toTheCent = (v: number): boolean => Math.abs(v * 100 - Math.round(v * 100)) < 1e-12 * Math.max(1_000, Math.abs(v * 100));

/**
 * The largest figure a statistics cell takes (a count; an amount in cents): 15 digits, which every
 * number below 2^53 holds exactly (a longer one is not stored as typed). The round limit is the
 * one the message and README can state: 2^53 − 1 let some 16-digit figures through (audit).
 */
export const LARGEST_FIGURE = 999_999_999_999_999;
