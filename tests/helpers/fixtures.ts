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

/** Write a throw-away report folder; returns its path. */
export function makeReport(files: Record<string, string>, name = 'report'): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gongwen-test-'));
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}
