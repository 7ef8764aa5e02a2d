/** The stages of a turn the benchmark times (bench/turn-bench.ts). */
export type TurnStage = 'load' | 'restore' | 'parse' | 'transition' | 'profile' | 'render' | 'persist';

/**
 * Per-stage durations of one turn, in milliseconds. The service makes one only when asked to time turns
 * (compose option `timeTurns`), so an untimed turn pays for nothing but a null check per stage.
 */
export class TurnStages {
  private readonly times: Partial<Record<TurnStage, number>> = {};
  private last: number;

  constructor(startedAt: number) {
    this.last = startedAt;
  }

  /** Adds the time since the previous lap to `stage` (a turn re-run after a conflict adds up). */
  lap(stage: TurnStage): void {
    const now = performance.now();
    this.times[stage] = (this.times[stage] ?? 0) + (now - this.last);
    this.last = now;
  }

  /** For the turn's log line, in microsecond precision. */
  toJSON(): Partial<Record<TurnStage, number>> {
    const out: Partial<Record<TurnStage, number>> = {};
    for (const [stage, ms] of Object.entries(this.times) as Array<[TurnStage, number]>) out[stage] = Math.round(ms * 1000) / 1000;
    return out;
  }
}
