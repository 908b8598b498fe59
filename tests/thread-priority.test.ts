/**
 * The DOCX thread yields to the rest of the process (io/thread-priority.ts, io/docx-worker.ts):
 * on Linux its own task gets nice 10 while the thread that starts it keeps its priority.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../src/build.js';
import { DocxThread } from '../src/io/docx-thread.js';
import { lowerThreadPriority, threadId } from '../src/io/thread-priority.js';
import { SAMPLE } from './helpers/build.js';

const linux = existsSync('/proc/thread-self');

/** Nice value of each thread of this process, by thread id. */
function niceByThread(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), Number(fields[16])); // field 19 of stat: nice
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

describe('thread priority', () => {
  it('gives the DOCX thread nice 10 and leaves the thread that started it alone', async () => {
    if (!linux) {
      expect(lowerThreadPriority(10)).toBeUndefined(); // nothing to set elsewhere
      return;
    }
    const before = niceByThread();
    const thread = new DocxThread();
    try {
      const docx = await thread.build(loadReport(SAMPLE), new Date(0), { song: '宋体', songBold: '方正小标宋简体', hei: '黑体', fang: '仿宋', kai: '楷体' });
      expect(docx.length).toBeGreaterThan(10_000);
      const after = niceByThread();
      const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === 10);
      expect(lowered).toHaveLength(1);
      expect(after.get(threadId()!)).toBe(before.get(threadId()!));
    } finally {
      await thread.close();
    }
  });
});
