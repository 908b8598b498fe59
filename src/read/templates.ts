/**
 * Statistics table templates: data files in templates/ (copied from the national formats).
 * A provincial variant is one more YAML file there, not code.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'yaml';
import type { TableTemplate, TemplateRow } from '../model/types.js';

export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

interface RawRow {
  id: string;
  label: string;
  unit?: string;
  level: number;
  kind?: string;
  children?: RawRow[];
}

const cache = new Map<string, TableTemplate>();

export function availableTemplates(): string[] {
  return ['gov-2014', 'gov-2019', 'gov-2021'].filter((id) => existsSync(path.join(TEMPLATE_DIR, `${id}.yaml`)));
}

/** Load an indicator-list template (统计指标 | 单位 | 统计数) and flatten its row tree in print order. */
export function loadTemplate(id: string): TableTemplate | undefined {
  const hit = cache.get(id);
  if (hit) return hit;
  const file = path.join(TEMPLATE_DIR, `${id}.yaml`);
  if (!existsSync(file)) return undefined;
  const raw = parse(readFileSync(file, 'utf8')) as {
    id: string; title: string;
    layout: { kind: string; columns: { id: string; header: string }[]; section_row_placeholder?: string };
    rows: RawRow[];
  };
  if (raw.layout?.kind !== 'indicator-list') return undefined;
  const rows: TemplateRow[] = [];
  const walk = (list: RawRow[]) => {
    for (const r of list) {
      const kind = (r.kind ?? 'value') as TemplateRow['kind'];
      rows.push({ id: r.id, label: r.label, unit: r.unit ?? '', level: r.level, kind });
      if (r.children) walk(r.children);
    }
  };
  walk(raw.rows);
  const template: TableTemplate = {
    id: raw.id,
    title: raw.title,
    columns: raw.layout.columns,
    placeholder: raw.layout.section_row_placeholder ?? '—',
    rows,
  };
  cache.set(id, template);
  return template;
}

/** Rows that carry a number (not section or group headers). */
export const valueRows = (t: TableTemplate): TemplateRow[] => t.rows.filter((r) => r.kind !== 'section' && r.kind !== 'group');
