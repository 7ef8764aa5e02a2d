import type postgres from 'postgres';
import { runLoad } from './http-load.js';
import { cpuSeconds, machineBusySeconds, rssMb, TreeCpu } from './proc-stats.js';
import type { BenchRow } from './report.js';
import type { PathTemplate } from './path-template.js';
import type { ServiceProcess } from './service-process.js';
import type { SessionPool } from './session-pool.js';
import { printStatementStats, resetStatementStats } from './statement-stats.js';
import { quantile, round, summarizeStages } from './stats.js';
import type { TurnPath } from './turn-paths.js';

/** A seeded database the load runs against; its pool keeps the bookkeeping from one phase to the next. */
export interface BenchTable {
  database: string;
  url: string;
  sql: postgres.Sql;
  /** Sessions stored when it was seeded. */
  sessions: number;
  /** The first of their numbers (seed.ts): they are first..first + sessions - 1. */
  first: number;
  path: TurnPath;
  /** The path's turns, seeding and pgbench transaction. */
  template: PathTemplate;
  pool: SessionPool;
}

export interface PhaseSetup {
  service: ServiceProcess;
  postmasterPid: number;
  table: BenchTable;
  connections: number;
  /** Turns per second, evenly spaced; null: as fast as the service answers. */
  rate: number | null;
  warmupSeconds: number;
  seconds: number;
  label: string;
}

async function rejectedAnswers(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<Array<{ n: number }>>`select count(*)::int as n from public.onboarding_events where kind = 'answer_rejected'`;
  return row?.n ?? 0;
}

/**
 * One load phase: a warm-up, then the measured run, with the service's RSS and CPU, the database's CPU and
 * the rest of the machine's CPU (other people's work: the row's noise) sampled, and the service's turn log
 * lines of the phase summarised into stage costs.
 */
export async function measurePhase(setup: PhaseSetup): Promise<BenchRow> {
  const { service, table } = setup;
  const { turns, after } = table.template;
  const load = {
    url: service.url,
    path: table.path,
    pool: table.pool,
    answers: turns.map((t) => t.answer),
    stepNames: turns.map((t) => t.step),
    labels: turns.map((t) => t.label),
    after,
    connections: setup.connections,
    ...(setup.rate ? { rate: setup.rate } : {}),
  };
  const rejectedBefore = await rejectedAnswers(table.sql);
  await runLoad({ ...load, seconds: setup.warmupSeconds, label: `${setup.label}w` });
  const refilledBefore = table.pool.refilled;
  await resetStatementStats(table.sql);
  const rowsBefore = (await table.template.countRows?.(table.sql)) ?? {};
  const rssStart = rssMb(service.pid);
  const logFrom = service.logSize();
  const serviceCpu = cpuSeconds(service.pid);
  const loadgenCpu = process.cpuUsage();
  const dbCpu = new TreeCpu(setup.postmasterPid);
  const machineBusy = machineBusySeconds();
  let rssPeak = rssStart;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMb(service.pid));
    dbCpu.sample();
  }, 250);
  const result = await runLoad({ ...load, seconds: setup.seconds, label: `${setup.label}m` });
  clearInterval(sampler);
  dbCpu.sample();
  const loadgen = process.cpuUsage(loadgenCpu);
  const serviceSeconds = cpuSeconds(service.pid) - serviceCpu;
  const loadgenSeconds = (loadgen.user + loadgen.system) / 1e6;
  const otherCores = (machineBusySeconds() - machineBusy - serviceSeconds - dbCpu.total() - loadgenSeconds) / result.seconds;
  const perThousand = (seconds: number) => round((seconds / Math.max(1, result.turns)) * 1000, 3);
  await new Promise((resolve) => setTimeout(resolve, 500)); // the last turns' log lines
  const lines = service.logLines(logFrom, service.logSize());
  // A check besides the responses: no answer of the phase (or its warm-up) may have been rejected.
  const rejected = (await rejectedAnswers(table.sql)) - rejectedBefore;
  const rowsAfter = (await table.template.countRows?.(table.sql)) ?? {};
  const rowsWritten = Object.fromEntries(Object.entries(rowsAfter).map(([name, n]) => [name, n - (rowsBefore[name] ?? 0)]));
  if (rejected > 0) result.errorReasons.set('answers rejected (event log)', rejected);
  await printStatementStats(table.sql, result.turns);
  if (result.errorReasons.size > 0) console.log(`  errors: ${JSON.stringify(Object.fromEntries(result.errorReasons))}`);
  return {
    path: table.path.name,
    mode: setup.rate ? 'fixed-rate' : 'max',
    connections: setup.connections,
    sessions: table.sessions,
    target_rate: setup.rate,
    seconds: round(result.seconds, 1),
    turns: result.turns,
    turns_per_s: round(result.turnsPerSecond, 1),
    p50_ms: round(quantile(result.latencies, 0.5)),
    p99_ms: round(quantile(result.latencies, 0.99)),
    max_ms: round(quantile(result.latencies, 1)),
    errors: result.errors + rejected,
    pgbench_tps: null,
    pgbench_p99_ms: null,
    pgbench_db_cpu_s_per_1000: null,
    ratio: null,
    pgbench_load_commit_tps: null,
    rss_start_mb: round(rssStart, 1),
    rss_peak_mb: round(rssPeak, 1),
    rss_end_mb: round(rssMb(service.pid), 1),
    cpu_s_per_1000_turns: perThousand(serviceSeconds),
    db_cpu_s_per_1000_turns: perThousand(dbCpu.total()),
    service_db_cpu_ratio: dbCpu.total() > 0 ? round(serviceSeconds / dbCpu.total(), 2) : null,
    loadgen_cpu_s_per_1000_turns: perThousand(loadgenSeconds),
    other_cpu_cores: round(Math.max(0, otherCores), 2),
    p50_ms_by_step: Object.fromEntries([...result.latencyByStep].map(([step, list]) => [step, round(quantile(list.sort((a, b) => a - b), 0.5))])),
    stages: summarizeStages(lines),
    refilled: table.pool.refilled - refilledBefore,
    rows_written: rowsWritten,
    pgbench_script: null,
    measured_at: new Date().toISOString(),
  };
}
