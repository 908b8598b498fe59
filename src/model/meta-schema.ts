/**
 * The front matter of report.md: field names, what each accepts, and how it maps to ReportMeta.
 * Field names are English; each has its Chinese name in the README.
 */
import { z } from 'zod';
import type { ReportDateTime } from './types.js';

const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?$/;

export function parseDateTime(s: string): ReportDateTime | undefined {
  const m = DATE_RE.exec(s.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  const out: ReportDateTime = { year, month, day };
  if (m[4] !== undefined) {
    const hour = Number(m[4]);
    const minute = Number(m[5]);
    if (hour > 23 || minute > 59) return undefined;
    out.hour = hour;
    out.minute = minute;
  }
  return out;
}

/**
 * A text field. A bare number is refused: YAML reads 041000 as 41000 and 1.10 as 1.1, so
 * numbers-as-text (邮编, 索引号, 文号) must be quoted to survive.
 */
const text = (what: string) =>
  z.string({ error: (issue) => (typeof issue.input === 'number' ? `${what} is read as the number ${issue.input}: put the value in quotes as written (e.g. "041000"), or leading zeros are lost` : `${what} must be text`) })
    .transform((v) => v.trim())
    .refine((v) => v.length > 0, { message: `${what} must not be empty` });

export const frontMatterSchema = z.strictObject({
  title: text('title (标题)'),
  year: z.number({ error: 'year (报告年度) must be a number such as 2017' }).int().min(2008).max(2100),
  organ: text('organ (发布机构)'),
  source: text('source (来源)').optional(),
  published: z
    .union([z.string(), z.date()], { error: 'published (发布日期) must be a date such as 2018-03-27 or 2018-03-27 15:59' })
    .transform((v, ctx) => {
      const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
      const d = parseDateTime(s);
      if (!d) {
        ctx.addIssue({ code: 'custom', message: `published (发布日期) "${s}" is not a valid date such as 2018-03-27 or 2018-03-27 15:59` });
        return z.NEVER;
      }
      return d;
    }),
  site: text('site (网站名称)').optional(),
  index_no: text('index_no (索引号)').optional(),
  category: text('category (分类)').optional(),
  doc_no: text('doc_no (文号)').optional(),
  validity: text('validity (有效性)').optional(),
  keywords: z.array(text('each keyword'), { error: 'keywords must be a list, e.g. [政府信息公开, 年度报告]' }).default([]),
  editor: text('editor (责任编辑)').optional(),
  contact: z
    .strictObject({
      organ: text('contact.organ').optional(),
      address: text('contact.address').optional(),
      postcode: text('contact.postcode').optional(),
      phone: text('contact.phone').optional(),
      email: text('contact.email').optional(),
    })
    .optional(),
  url: z.url({ protocol: /^https?$/, error: 'url must be a full web address starting with http:// or https://' }).optional(),
  attachment: z
    .strictObject({
      title: text('attachment.title (附件名称)'),
    })
    .optional(),
  toc: z.boolean({ error: 'toc (目录) must be true or false' }).default(false),
  statistics: text('statistics (the statistics file, e.g. statistics.yaml)').optional(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;

/** The allowed fields of the mapping at `path` (e.g. ["contact"] → organ, address, …). */
export function fieldsAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = frontMatterSchema;
  for (const key of path) {
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    schema = shape?.[String(key)];
    while (schema && typeof (schema as { unwrap?: unknown }).unwrap === 'function') schema = (schema as { unwrap(): unknown }).unwrap();
  }
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}
