/** Fictional reporting units for the aggregation tests, generated from the sample statistics. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { readStatistics } from '../../src/read/statistics.js';
import type { StatisticsTable } from '../../src/model/types.js';
import { ROOT } from './build.js';

export const SAMPLE_2021 = path.join(ROOT, 'content/sample-2021/statistics.yaml');
export const SAMPLE_2014 = path.join(ROOT, 'content/shangqiu-2017/statistics.yaml');

export const sample2021 = (): StatisticsTable => readStatistics(SAMPLE_2021);
export const sample2014 = (): StatisticsTable => readStatistics(SAMPLE_2014);

/** The sample's values times `factor` (so the sums stay easy to check by hand), with overrides; undefined removes a cell. */
export function scaled(base: StatisticsTable, factor: number, overrides: Record<string, number | undefined> = {}): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [key, v] of Object.entries(base.values)) values[key] = base.template.cells.get(key)!.decimals ? v : v * factor;
  for (const [key, v] of Object.entries(overrides)) {
    if (v === undefined) delete values[key];
    else values[key] = v;
  }
  return values;
}

export const tempRoot = (): string => mkdtempSync(path.join(tmpdir(), 'gongwen-units-'));

/** A unit folder under root with the given files (text or bytes); returns its path. */
export function writeUnit(root: string, name: string, files: Record<string, string | Uint8Array> = {}): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), data);
  }
  return dir;
}

/** A stream that keeps what is written to it. */
export function capture(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  return Object.assign(w, { text: () => chunks.join('') });
}
