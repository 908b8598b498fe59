/**
 * Amounts in 万元, kept to the cent. Read as binary floats (0.1 + 0.2 = 0.30000000000000004):
 * toPrecision(12) first takes off the float noise, so that an amount that is really x.xx5
 * rounds the way a person would (1.005 → 1.01, where toFixed gives 1.00).
 */
export const roundCents = (x: number): number => Math.round(Number((x * 100).toPrecision(12))) / 100;

/**
 * Whether an amount has two decimals at most, float noise aside: a doubles' noise is about 1e-16
 * of the figure, so a millionth of a millionth of the cents' count (at least a billionth of a
 * cent) passes it. A fixed 1e-6 let 0.000000001 through; a billionth of the count let a third
 * decimal through from a million 万元 on (1234567.891).
 */
export const toTheCent = (v: number): boolean => Math.abs(v * 100 - Math.round(v * 100)) < 1e-12 * Math.max(1_000, Math.abs(v * 100));

/** The largest figure a statistics cell holds exactly (a count; an amount in cents): 2^53 − 1. */
export const LARGEST_FIGURE = Number.MAX_SAFE_INTEGER;
