import type { CalendarDate, ReportDateTime } from '../model/types.js';

/** GB/T 9704 §7.3.5.4: Arabic numerals, full year, no zero padding: 2018年3月5日. */
export const formatDate = (d: CalendarDate): string => `${d.year}年${d.month}月${d.day}日`;

export const formatTime = (d: ReportDateTime): string =>
  `${String(d.hour ?? 0).padStart(2, '0')}:${String(d.minute ?? 0).padStart(2, '0')}`;

/** The report's own date-time (Beijing time, UTC+8) as an instant: the documents' creation date. */
export const toInstant = (d: ReportDateTime): Date =>
  new Date(Date.UTC(d.year, d.month - 1, d.day, (d.hour ?? 0) - 8, d.minute ?? 0));
