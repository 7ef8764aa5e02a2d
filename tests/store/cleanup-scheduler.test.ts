import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCleanupScheduler, type CleanupLogger, type SessionCleanup } from '../../src/store/cleanup-scheduler.js';

function fakeCleanup(schedule: string | null | Error, results: Array<number | Error> = []): SessionCleanup & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    removeExpired: async (days, completedDays) => {
      calls.push(completedDays === undefined ? days : days * 1000 + completedDays);
      const next = results.shift() ?? 0;
      if (next instanceof Error) throw next;
      return next;
    },
    databaseSchedule: async () => {
      if (schedule instanceof Error) throw schedule;
      return schedule;
    },
  };
}

function logger() {
  return { info: vi.fn<CleanupLogger['info']>(), error: vi.fn<CleanupLogger['error']>() };
}

describe('cleanup scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs after the first delay, then every interval, with the configured age', async () => {
    const cleanup = fakeCleanup(null, [2, 0]);
    const log = logger();
    const timer = startCleanupScheduler({ cleanup, maxAgeDays: 9, intervalMinutes: 30, logger: log, firstRunDelayMs: 1000 });
    await vi.advanceTimersByTimeAsync(999);
    expect(cleanup.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(cleanup.calls).toEqual([9]);
    expect(log.info).toHaveBeenCalledWith({ removed: 2, maxAgeDays: 9 }, 'removed 2 expired anonymous sessions');
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(cleanup.calls).toEqual([9, 9]);
    await timer.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(cleanup.calls).toEqual([9, 9]);
  });

  it('leaves the job to pg_cron when the database schedules it', async () => {
    const cleanup = fakeCleanup('17 3 * * *');
    const timer = startCleanupScheduler({ cleanup, maxAgeDays: 7, intervalMinutes: 1, logger: logger(), firstRunDelayMs: 0 });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(cleanup.calls).toEqual([]);
    await timer.stop();
  });

  it('runs with the completed-session retention, even where pg_cron runs the cleanup (its job does not know it)', async () => {
    const cleanup = fakeCleanup('17 3 * * *');
    const timer = startCleanupScheduler({ cleanup, maxAgeDays: 7, completedDays: 30, intervalMinutes: 60, logger: logger(), firstRunDelayMs: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(cleanup.calls).toEqual([7030]);
    await timer.stop();
  });

  it('logs a failed run and tries again at the next interval', async () => {
    const cleanup = fakeCleanup(null, [new Error('database away'), 1]);
    const log = logger();
    const timer = startCleanupScheduler({ cleanup, maxAgeDays: 7, intervalMinutes: 1, logger: log, firstRunDelayMs: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) as Error }), 'session cleanup failed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(cleanup.calls).toEqual([7, 7]);
    await timer.stop();
  });

  it('runs it itself when it cannot tell whether pg_cron does', async () => {
    const cleanup = fakeCleanup(new Error('rpc failed'));
    const timer = startCleanupScheduler({ cleanup, maxAgeDays: 7, intervalMinutes: 1, logger: logger(), firstRunDelayMs: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(cleanup.calls).toEqual([7]);
    await timer.stop();
  });

  it('does nothing with an interval of 0', async () => {
    const cleanup = fakeCleanup(null);
    const timer = startCleanupScheduler({ cleanup, maxAgeDays: 7, intervalMinutes: 0, logger: logger(), firstRunDelayMs: 0 });
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(cleanup.calls).toEqual([]);
    await timer.stop();
  });
});
