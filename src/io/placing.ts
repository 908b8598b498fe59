/**
 * A report's outputs are placed (io/build-one.ts: edits kept aside, the new set renamed in, its
 * record written) in a few synchronous steps that must not be cut apart. A batch stopped between
 * them (a signal, its launcher killed, an internal error: the process ends, or its workers are
 * terminated, wherever they are) left a new PDF beside no DOCX, the earlier one aside under a
 * temporary name, until the next build put the set back.
 *
 * So each batch worker has a cell in shared memory: idle, placing, or halted. A worker places
 * only from idle; the batch process, before it ends its workers, halts every cell, waiting for a
 * placement under way to end (they take milliseconds); a halted worker places nothing more.
 * A build on the main thread needs none of this: a signal's listener runs between tasks, and a
 * placement is one synchronous task (io/cli.ts and io/watch.ts listen for that reason).
 */
const IDLE = 0;
const PLACING = 1;
const HALTED = 2;

/** The longest a halt waits for one worker's placement (a full disk, a slow network folder). */
const HALT_WAIT_MS = 10_000;

/**
 * The cells of this process's batch workers, on the global object: the batch may run from the
 * bundle's copy of this module and be halted from dist's (bin/gongwen.mjs, scripts/bundle.mjs).
 */
const CELLS = Symbol.for('gongwen.placementCells');
const cells = (): Set<Int32Array> => ((globalThis as Record<symbol, Set<Int32Array> | undefined>)[CELLS] ??= new Set());

/** This thread's cell, where it is a batch worker. */
let own: Int32Array | undefined;

/**
 * A new worker's cell: registered here, and sent to the worker (usePlacementCell). Its first
 * number is the state; its second counts the reports the worker has placed, which a stopped batch
 * says (placedCount): a report placed while the batch was stopping had not been told yet.
 */
export function newPlacementCell(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(8);
  cells().add(new Int32Array(buffer));
  return buffer;
}

/** The reports placed by workers that have ended (their cells dropped). */
let placedByEnded = 0;

/** A worker that has ended: its cell is not waited for (its count is kept). */
export function dropPlacementCell(buffer: SharedArrayBuffer): void {
  for (const c of cells()) {
    if (c.buffer !== buffer) continue;
    placedByEnded += Atomics.load(c, 1);
    cells().delete(c);
  }
}

/** The reports this process's batch workers have placed. */
export function placedCount(): number {
  let n = placedByEnded;
  for (const c of cells()) n += Atomics.load(c, 1);
  return n;
}

/** In a batch worker: the cell the batch sent it. */
export function usePlacementCell(buffer: SharedArrayBuffer): void {
  own = new Int32Array(buffer);
}

/** What a halted worker's build ends with: no report's failure, and not said (the batch process is ending). */
export class Halted extends Error {
  constructor() {
    super('the batch is stopping: nothing more is placed');
  }
}

/** Runs `place` unless the batch is halted (then throws Halted, having placed nothing); a halt waits for it to end. */
export function placing<T>(place: () => T): T {
  if (!own) return place();
  if (Atomics.compareExchange(own, 0, IDLE, PLACING) !== IDLE) throw new Halted();
  try {
    const placed = place();
    Atomics.add(own, 1, 1);
    return placed;
  } finally {
    Atomics.store(own, 0, IDLE);
    Atomics.notify(own, 0);
  }
}

/**
 * Halts every batch worker's placing (the given cells, or all of this process's): each placement
 * under way is waited for, up to HALT_WAIT_MS, and none starts after. Before the batch process
 * ends or terminates its workers.
 */
export function haltPlacements(of: Iterable<Int32Array> = cells(), waitMs = HALT_WAIT_MS): void {
  const until = Date.now() + waitMs;
  for (const c of of) {
    while (Atomics.compareExchange(c, 0, IDLE, HALTED) === PLACING) {
      const left = until - Date.now();
      if (left <= 0) break; // (it ends all the same: the next build puts the set back)
      Atomics.wait(c, 0, PLACING, left);
    }
  }
}

/**
 * Resolves once a signal that came during the synchronous work before it has reached its
 * listeners: Node runs them from the event loop's poll phase, which a build's layout and
 * placement, synchronous, never reach. Two turns of setImmediate take the loop through a poll
 * phase whichever phase it is in (from a poll callback, one turn runs before the next poll).
 * A one-folder build asks before it places its outputs (Ctrl-C during the layout placed them
 * all the same, and a signal taken after the build was lost with its listener: a bad-input audit).
 */
export const signalsHeard = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
