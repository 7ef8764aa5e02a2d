import { describe, expect, it } from 'vitest';
import { restartDelayMs } from './cluster.js';

describe('the wait before a dead worker is replaced', () => {
  it('is short after a worker that had run a while, doubles with each quick death in a row, and stops growing at 30 s', () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 7, 20].map(restartDelayMs);
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });
});
