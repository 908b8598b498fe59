/**
 * Imported first by a worker thread's entry (io/batch-worker.ts): this thread's library code is
 * compiled with the code cache (io/code-cache.ts) before any library loads.
 */
import { useCodeCache } from './code-cache.js';

useCodeCache();
