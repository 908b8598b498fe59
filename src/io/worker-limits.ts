/**
 * The V8 old-generation limit of every worker thread gongwen starts (batch workers, the DOCX
 * thread). A report needs far less (≈ 65 MiB live between documents, ≈ 150 MiB at most while one
 * is built; a 92-page report builds in a batch within 512), and V8 scales how far it lets the
 * heap grow between collections with the limit: under the default limit (≈ 4 GiB here) a
 * batch's process peaked at ≈ 430 MiB, with 1 GiB at 278–296 MiB, with 512 MiB at 271–273 MiB
 * (three alternating runs of 100 units), in the same time (docs/speed.md).
 */
export const WORKER_HEAP_MB = heapFromEnv(process.env.GONGWEN_WORKER_HEAP_MB) ?? 512;

/**
 * GONGWEN_WORKER_HEAP_MB: another limit, for a machine with little memory, or a test that makes a
 * worker run out of it (tests/batch.test.ts). Whole MiB from 64 up; anything else is not used.
 */
function heapFromEnv(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && /^\d+$/.test(value) && n >= 64 ? n : undefined;
}
