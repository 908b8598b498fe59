/**
 * A stopped batch waits for a worker placing a report's outputs (io/placing.ts): it had ended the
 * worker between its renames, leaving a new PDF beside no DOCX until the next build.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { dropPlacementCell, Halted, haltPlacements, newPlacementCell, placing, usePlacementCell } from '../src/io/placing.js';

const IDLE = 0;
const PLACING = 1;
const HALTED = 2;

describe('placing a batch worker\'s outputs', () => {
  it('is waited for by a halt, which then keeps any other from starting', async () => {
    const buffer = newPlacementCell();
    const cell = new Int32Array(buffer);
    // a worker that places for 300 ms (as placing() marks it), then says so
    const worker = new Worker(`
      const { workerData, parentPort } = require('node:worker_threads');
      const cell = new Int32Array(workerData);
      Atomics.compareExchange(cell, 0, ${IDLE}, ${PLACING});
      parentPort.postMessage('placing');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      parentPort.postMessage('placed');
      Atomics.store(cell, 0, ${IDLE});
      Atomics.notify(cell, 0);
    `, { eval: true, workerData: buffer });
    const said: string[] = [];
    worker.on('message', (m: string) => said.push(m));
    await new Promise<void>((resolve) => worker.once('message', () => resolve()));
    const started = Date.now();
    haltPlacements(); // (this process's cells: the one above)
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(200);
    expect(Atomics.load(cell, 0)).toBe(HALTED);
    await new Promise((resolve) => worker.once('exit', resolve));
    expect(said).toEqual(['placing', 'placed']);
    // a halted thread places nothing more
    usePlacementCell(buffer);
    let placed = false;
    expect(() => placing(() => { placed = true; })).toThrow(Halted);
    expect(placed).toBe(false);
    dropPlacementCell(buffer);
  });

  it('places and leaves the cell idle where no halt came; a halt of an idle cell does not wait', () => {
    const buffer = newPlacementCell();
    const cell = new Int32Array(buffer);
    usePlacementCell(buffer);
    expect(placing(() => Atomics.load(cell, 0))).toBe(PLACING);
    expect(Atomics.load(cell, 0)).toBe(IDLE);
    // (also where the placement throws: its error is the build's, and the cell is idle again)
    expect(() => placing(() => { throw new Error('disk full'); })).toThrow('disk full');
    expect(Atomics.load(cell, 0)).toBe(IDLE);
    const started = Date.now();
    haltPlacements([cell], 5_000);
    expect(Date.now() - started).toBeLessThan(100);
    expect(Atomics.load(cell, 0)).toBe(HALTED);
    dropPlacementCell(buffer);
  });

  it('gives up waiting after its time, for a worker that never ends its placement', () => {
    const cell = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(cell, 0, PLACING);
    const started = Date.now();
    haltPlacements([cell], 150);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Atomics.load(cell, 0)).toBe(PLACING);
  });
});
