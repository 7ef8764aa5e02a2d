import { describe, expect, it } from 'vitest';
import { SessionNumbers, SessionPool } from '../../bench/lib/session-pool.js';

describe('bench session numbers', () => {
  it('hands out each number once, across seeds and refills', async () => {
    const numbers = new SessionNumbers();
    const seeded = numbers.take(10);
    const refills: Array<[number, number]> = [];
    const pool = new SessionPool({ first: seeded, last: seeded + 9 }, 4, 10, numbers, async (first, last) => {
      refills.push([first, last]);
    });
    // Every seeded session drawn: the pool is low, so it refills under new numbers.
    const drawn = Array.from({ length: 10 }, () => pool.take());
    expect(drawn.map((s) => s.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => seeded + i));
    expect(drawn.every((s) => s.step === s.n % 4)).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    const next = numbers.take(3);
    expect(refills).toHaveLength(1);
    const [first, last] = refills[0] as [number, number];
    expect(first).toBe(seeded + 10);
    expect(next).toBe(last + 1);
  });

  it('refuses numbers a practitioner phone cannot hold', () => {
    const numbers = new SessionNumbers();
    numbers.take(9_999_000);
    expect(() => numbers.take(1000)).toThrow(/run out/);
    expect(numbers.take(999)).toBe(9_999_001);
  });
});
