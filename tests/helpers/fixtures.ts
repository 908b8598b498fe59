import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A minimal valid front matter (fictional test data). */
export const FRONT = `---
title: 测试县2020年政府信息公开工作年度报告
year: 2020
organ: 测试县人民政府
published: 2021-01-15
---
`;

/** A report on a year before the national forms (2014): no statistics expected, so none missing (for tests that want no warnings). */
export const FRONT_BEFORE_FORMS = FRONT.replace('测试县2020年', '测试县2013年').replace('year: 2020', 'year: 2013').replace('2021-01-15', '2014-01-15');

/** Write a throw-away report folder; returns its path. */
export function makeReport(files: Record<string, string>, name = 'report'): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gongwen-test-'));
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}
