/**
 * The documents' date. Never the clock: it is the report's own publication date-time, so the
 * same content always gives the same bytes. SOURCE_DATE_EPOCH (seconds, the reproducible-builds
 * convention) overrides it when set.
 */
import { toInstant } from '../layout/dates.js';
import { InputError } from '../model/errors.js';
import type { Report } from '../model/types.js';

export function documentDate(report: Report, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return toInstant(report.meta.published);
  if (!/^\d+$/.test(epoch)) throw new InputError({ file: 'SOURCE_DATE_EPOCH' }, `"${epoch}" is not a number of seconds`, 'unset it, or give whole seconds since 1970-01-01');
  const date = new Date(Number(epoch) * 1000);
  if (Number.isNaN(date.getTime())) throw new InputError({ file: 'SOURCE_DATE_EPOCH' }, `${epoch} seconds is outside the dates a document can carry`, 'unset it, or give seconds since 1970-01-01');
  return date;
}
