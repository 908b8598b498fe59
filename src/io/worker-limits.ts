/**
 * The V8 old-generation limit of every worker thread gongwen starts (batch workers, the DOCX
 * thread). A report needs far less (≈ 65 MiB live between documents, ≈ 150 MiB at most while one
 * is built), and V8 scales how far it lets the heap grow between collections with the limit:
 * under the default limit (≈ 4 GiB here) a batch's process peaked at ≈ 430 MiB, with 1 GiB at
 * ≈ 280 MiB, in the same time (README "Speed").
 */
export const WORKER_HEAP_MB = 1024;
