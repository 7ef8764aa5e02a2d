/** The q-quantile of sorted samples (nearest rank); NaN when there are none. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export const STAGES = ['load', 'restore', 'parse', 'transition', 'profile', 'render', 'persist'] as const;

/** Mean and p99 of each stage, and of the whole turn inside the service, over a phase's turn log lines. */
export type StageSummary = Record<string, { mean_ms: number; p99_ms: number }>;

export function summarizeStages(lines: ReadonlyArray<Record<string, unknown>>): StageSummary {
  const samples = new Map<string, number[]>();
  const add = (name: string, ms: number) => {
    const list = samples.get(name) ?? [];
    list.push(ms);
    samples.set(name, list);
  };
  for (const line of lines) {
    if (line.msg !== 'turn' || typeof line.stages !== 'object' || line.stages === null) continue;
    for (const [stage, ms] of Object.entries(line.stages as Record<string, number>)) add(stage, ms);
    if (typeof line.ms === 'number') add('in_service', line.ms);
  }
  const summary: StageSummary = {};
  for (const name of [...STAGES, 'in_service']) {
    const list = (samples.get(name) ?? []).sort((a, b) => a - b);
    if (list.length === 0) continue;
    summary[name] = { mean_ms: round(list.reduce((a, b) => a + b, 0) / list.length, 3), p99_ms: round(quantile(list, 0.99), 3) };
  }
  return summary;
}

/** What every measured phase reports, whatever its rows add: load, rate, latency and errors. */
export interface PhaseFigures {
  connections: number;
  seconds: number;
  turns: number;
  turns_per_s: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Requests not answered as accepted with the expected next step (any status but 200, timeouts, resets). */
  errors: number;
}
