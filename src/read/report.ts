/** A content folder (report.md [+ statistics.yaml]) → the report model. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import { FRONT_MATTER_FIELDS, frontMatterSchema } from '../model/meta-schema.js';
import type { Attachment, Report, ReportMeta } from '../model/types.js';
import { splitFrontMatter } from './front-matter.js';
import { parseMarkdown } from './markdown.js';
import { readStatistics } from './statistics.js';
import { validateLocated } from './validate.js';
import { parseLocatedYaml } from './yaml.js';

export const REPORT_FILE = 'report.md';

const display = (p: string): string => {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
};

export function readReport(dir: string): Report {
  const shown = display(dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError({ file: shown }, 'not a report folder', `give a folder that contains ${REPORT_FILE}`);
  }
  const abs = path.join(dir, REPORT_FILE);
  const file = display(abs);
  if (!existsSync(abs)) {
    throw new InputError({ file }, `${REPORT_FILE} not found`, `every report folder needs a ${REPORT_FILE} with front matter and the body`);
  }
  const split = splitFrontMatter(readFileSync(abs, 'utf8'), file);
  const yaml = parseLocatedYaml(split.yaml, file, split.yamlLine);
  const fm = validateLocated(frontMatterSchema, yaml, file, FRONT_MATTER_FIELDS);
  const meta: ReportMeta = {
    title: fm.title,
    year: fm.year,
    organ: fm.organ,
    source: fm.source ?? fm.organ,
    published: fm.published,
    site: fm.site,
    indexNo: fm.index_no,
    category: fm.category,
    docNo: fm.doc_no,
    validity: fm.validity,
    keywords: fm.keywords,
    editor: fm.editor,
    contact: fm.contact,
    url: fm.url,
  };
  const blocks = parseMarkdown(split.body, file, split.bodyLine);
  const attachments: Attachment[] = [];
  if (fm.attachment) {
    const loc = { file, line: yaml.lineOf(['attachment']) };
    const statistics = fm.attachment.statistics ? readStatistics(path.join(dir, fm.attachment.statistics)) : undefined;
    attachments.push({ title: fm.attachment.title, statistics, loc });
  }
  if (!blocks.some((b) => b.type === 'paragraph' || b.type === 'heading')) {
    throw new InputError({ file, line: split.bodyLine }, 'the report has no body text', 'write the report below the closing "---"');
  }
  return { dir, meta, blocks, attachments, source: { file, line: split.bodyLine } };
}
