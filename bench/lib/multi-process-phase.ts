import { rmSync } from 'node:fs';
import { checkStoredTurns, type LostUpdateCheck } from './lost-updates.js';
import type { BenchTable } from './measure-phase.js';
import { machineBusySeconds, TreeCpu } from './proc-stats.js';
import { runRoutedLoad, type RoutedLoadOptions, type RoutedLoadResult } from './routed-load.js';
import { sessionId } from './seed.js';
import { startService, type ServiceProcess } from './service-process.js';
import { ANSWERS, type SessionTemplates } from './session-templates.js';
import { quantile, round, type PhaseFigures } from './stats.js';
import { webPath } from './turn-paths.js';

/** What the multi-process phases need from the benchmark around them. */
export interface MultiProcessDeps {
  /** The bench database (migrated), which both processes share. */
  databaseUrl: string;
  postmasterPid: number;
  templates: SessionTemplates;
  /** Seeds the web path's sessions afresh on that database and returns them (turn-bench's own seeding). */
  seedWeb(): Promise<BenchTable>;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** A log file path for a service process of this run. */
  logFile(name: string): string;
}

/** How the two processes are reached. */
export type MultiProcessVariant = 'two-instances' | 'cluster';

/** One row of the multi-process section of bench/results/latest.{json,md}. */
export interface MultiProcessRow extends PhaseFigures {
  variant: MultiProcessVariant;
  /** In words: how turns reach the processes. */
  routing: string;
  processes: number;
  error_reasons: Record<string, number>;
  /** Reply attempts that found the session row changed by the other process and ran again (the turn lines' `conflicts`). */
  conflicts: number;
  /** conflicts per turn of the measured run. */
  conflict_rate: number;
  /** The measured run's turns as each process logged them. */
  turns_per_process: number[];
  /** Accepted turns of the warm-up and the measured run, checked in the database afterwards. */
  acknowledged: number;
  lost: number;
  doubled: number;
  lost_detail: Record<string, number>;
  /** CPU of all service processes (a cluster's primary included) and of the database, per 1,000 measured turns. */
  service_cpu_s_per_1000_turns: number;
  db_cpu_s_per_1000_turns: number;
  loadgen_cpu_s_per_1000_turns: number;
  other_cpu_cores: number;
  measured_at: string;
}

const PROCESSES = 2;

/** The processes of one variant, where to send turns, and the roots whose CPU is theirs. */
interface Deployment {
  services: ServiceProcess[];
  targets: string[];
  route: RoutedLoadOptions['route'];
  routing: string;
}

async function deploy(variant: MultiProcessVariant, deps: MultiProcessDeps): Promise<Deployment> {
  if (variant === 'two-instances') {
    const services: ServiceProcess[] = [];
    for (let i = 1; i <= PROCESSES; i++) services.push(await startService(deps.databaseUrl, deps.logFile(`instance-${i}`)));
    return {
      services,
      targets: services.map((s) => s.url),
      // Turn k of a session (its step) goes to process k % 2: every turn after a session's first hops.
      route: (session) => session.step % PROCESSES,
      routing: `two instances on two ports; a session's turn k goes to instance k % ${PROCESSES}`,
    };
  }
  const service = await startService(deps.databaseUrl, deps.logFile('cluster'), { SERVICE_PROCESSES: String(PROCESSES) });
  // /health answers once one worker listens; the phase waits for all of them.
  const deadline = Date.now() + 60_000;
  while (!service.logLines(0, service.logSize()).some((line) => line.msg === `all ${PROCESSES} service processes listening`)) {
    if (Date.now() > deadline) throw new Error(`the cluster's ${PROCESSES} service processes did not all listen within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    services: [service],
    targets: [service.url],
    route: () => 0,
    routing: `SERVICE_PROCESSES=${PROCESSES} behind one port (node:cluster hands out connections in turn; no affinity)`,
  };
}

/** The turn lines the services wrote in a window: turns per process (by the line's pid, else its service) and conflicts. */
function turnLines(services: ServiceProcess[], from: number[], to: number[]): { perProcess: number[]; turns: number; conflicts: number } {
  const counts = new Map<string, number>();
  let turns = 0;
  let conflicts = 0;
  services.forEach((service, i) => {
    for (const line of service.logLines(from[i] ?? 0, to[i] ?? 0)) {
      if (line.msg !== 'turn' || line.outcome === 'started') continue;
      turns++;
      conflicts += typeof line.conflicts === 'number' ? line.conflicts : 0;
      const process = typeof line.pid === 'number' ? `pid ${line.pid}` : `service ${i}`;
      counts.set(process, (counts.get(process) ?? 0) + 1);
    }
  });
  return { perProcess: [...counts.values()].sort((a, b) => b - a), turns, conflicts };
}

async function runVariant(variant: MultiProcessVariant, deps: MultiProcessDeps): Promise<MultiProcessRow> {
  const table = await deps.seedWeb();
  const deployment = await deploy(variant, deps);
  const { services } = deployment;
  try {
    const stepNames = deps.templates.steps.map((s) => s.step);
    const load = (seconds: number, label: string): Promise<RoutedLoadResult> =>
      runRoutedLoad({
        targets: deployment.targets,
        route: deployment.route,
        path: webPath,
        pool: table.pool,
        answers: stepNames.map((s) => ANSWERS[s] ?? ''),
        stepNames,
        connections: deps.connections,
        seconds,
        label: `${variant}.${label}`,
      });
    const warmup = await load(deps.warmupSeconds, 'w');
    const logFrom = services.map((s) => s.logSize());
    const serviceCpu = services.map((s) => new TreeCpu(s.pid));
    const dbCpu = new TreeCpu(deps.postmasterPid);
    const loadgenCpu = process.cpuUsage();
    const machineBusy = machineBusySeconds();
    const sampler = setInterval(() => {
      for (const cpu of [...serviceCpu, dbCpu]) cpu.sample();
    }, 250);
    const measured = await load(deps.seconds, 'm');
    clearInterval(sampler);
    for (const cpu of [...serviceCpu, dbCpu]) cpu.sample();
    const loadgen = process.cpuUsage(loadgenCpu);
    const serviceSeconds = serviceCpu.reduce((sum, cpu) => sum + cpu.total(), 0);
    const loadgenSeconds = (loadgen.user + loadgen.system) / 1e6;
    const otherCores = (machineBusySeconds() - machineBusy - serviceSeconds - dbCpu.total() - loadgenSeconds) / measured.seconds;
    await new Promise((resolve) => setTimeout(resolve, 500)); // the last turns' log lines
    const lines = turnLines(services, logFrom, services.map((s) => s.logSize()));
    const acknowledged = [...warmup.acknowledged, ...measured.acknowledged].map((turn) => {
      const id = sessionId(turn.n);
      return { sessionId: id, messageKey: `web:${id}:${turn.messageId}`, step: turn.step };
    });
    const stored: LostUpdateCheck = await checkStoredTurns(table.sql, acknowledged);
    const perThousand = (seconds: number) => round((seconds / Math.max(1, measured.turns)) * 1000, 3);
    const errorReasons = new Map(warmup.errorReasons);
    for (const [reason, n] of measured.errorReasons) errorReasons.set(reason, (errorReasons.get(reason) ?? 0) + n);
    return {
      variant,
      routing: deployment.routing,
      processes: PROCESSES,
      connections: deps.connections,
      seconds: round(measured.seconds, 1),
      turns: measured.turns,
      turns_per_s: round(measured.turns / measured.seconds, 1),
      p50_ms: round(quantile(measured.latencies, 0.5)),
      p99_ms: round(quantile(measured.latencies, 0.99)),
      max_ms: round(quantile(measured.latencies, 1)),
      errors: warmup.errors + measured.errors,
      error_reasons: Object.fromEntries(errorReasons),
      conflicts: lines.conflicts,
      conflict_rate: round(lines.conflicts / Math.max(1, lines.turns), 3),
      turns_per_process: lines.perProcess,
      acknowledged: stored.acknowledged,
      lost: stored.lost,
      doubled: stored.doubled,
      lost_detail: stored.detail,
      service_cpu_s_per_1000_turns: perThousand(serviceSeconds),
      db_cpu_s_per_1000_turns: perThousand(dbCpu.total()),
      loadgen_cpu_s_per_1000_turns: perThousand(loadgenSeconds),
      other_cpu_cores: round(Math.max(0, otherCores), 2),
      measured_at: new Date().toISOString(),
    };
  } finally {
    for (const service of services) await service.stop();
  }
}

/**
 * Issue 21, several processes: two service processes on the one bench database, web turns at `connections`,
 * first as two instances with each session's turns alternating between them (every turn after a session's first
 * finds the other process wrote the row last), then as SERVICE_PROCESSES=2 behind one port. Each variant counts
 * errors and conflicts, and afterwards checks every acknowledged turn in the database: stored exactly once.
 */
export async function runMultiProcessPhases(deps: MultiProcessDeps): Promise<MultiProcessRow[]> {
  const rows: MultiProcessRow[] = [];
  try {
    for (const variant of ['two-instances', 'cluster'] as const) {
      const row = await runVariant(variant, deps);
      rows.push(row);
      console.log(
        `  ${variant} (${row.routing}) ×${row.connections}: ${row.turns_per_s} turns/s, p50 ${row.p50_ms} ms, p99 ${row.p99_ms} ms, max ${row.max_ms} ms, ` +
          `errors ${row.errors}${row.errors ? ` ${JSON.stringify(row.error_reasons)}` : ''}; conflicts ${row.conflicts} (${row.conflict_rate} per turn), turns per process ${row.turns_per_process.join(' / ')}; ` +
          `acknowledged ${row.acknowledged}: lost ${row.lost}, doubled ${row.doubled}${row.lost || row.doubled ? ` ${JSON.stringify(row.lost_detail)}` : ''}; ` +
          `CPU s/1k turns: service ${row.service_cpu_s_per_1000_turns}, db ${row.db_cpu_s_per_1000_turns}; other processes ${row.other_cpu_cores} cores`,
      );
    }
  } finally {
    for (const name of ['instance-1', 'instance-2', 'cluster']) rmSync(deps.logFile(name), { force: true });
  }
  return rows;
}

const fmt = (value: number, digits = 1): string => (Number.isNaN(value) ? '–' : value.toFixed(digits));

/** The markdown section of latest.md; empty when the phases did not run. */
export function multiProcessSection(rows: readonly MultiProcessRow[]): string[] {
  if (rows.length === 0) return [];
  return [
    '## Two service processes on one database (web)',
    '',
    '| variant | conns | turns/s | p50 ms | p99 ms | max ms | errors | conflicts per turn | turns per process | acknowledged | lost | doubled | service CPU s/1k turns | DB CPU s/1k turns | other cores |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.routing} | ${r.connections} | ${fmt(r.turns_per_s, 0)} | ${fmt(r.p50_ms)} | ${fmt(r.p99_ms)} | ${fmt(r.max_ms)} | ${r.errors} | ${fmt(r.conflict_rate, 3)} | ` +
        `${r.turns_per_process.join(' / ')} | ${r.acknowledged} | ${r.lost} | ${r.doubled} | ${fmt(r.service_cpu_s_per_1000_turns, 2)} | ${fmt(r.db_cpu_s_per_1000_turns, 2)} | ${fmt(r.other_cpu_cores, 2)} |`,
    ),
    '',
    '- Lost: an acknowledged turn (answered 200 with the next step) whose inbox row, inbound event, answer_accepted event or answer in `collected_data` is missing; doubled: any of the first three stored twice. Checked in SQL after each variant, warm-up turns included.',
    "- Conflicts: reply attempts whose commit found the session row written by the other process since this one remembered it (the turn lines' `conflicts`); the turn then reads the row and runs again. Service CPU is both processes' (and the cluster's primary).",
    '',
  ];
}
