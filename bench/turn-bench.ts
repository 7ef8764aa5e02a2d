/**
 * The turn benchmark (issue 9): real HTTP turns against the service in its own process, side by side with
 * pgbench running the same commit on the same PostgreSQL server. Prints figures and writes
 * bench/results/latest.{json,md}; asserts nothing.
 *
 *   npm run bench                            # 20 s per load phase, with the 1,000,000-session scale run
 *   BENCH_SECONDS=5 BENCH_SCALE=0 npm run bench
 *
 * BENCH_SCALE_ROUNDS (default 2): the scale run alternates the 10,000- and 1,000,000-session tables this many
 * times, so a burst of other work on the machine does not land on one table only.
 * Paths (BENCH_PATHS picks them by name, comma-separated): web and twilio-sms (the instant flow's whole
 * conversation), last-turn (only its last answer, which makes the profile), user-chat and user-patch (a signed-in
 * user's chat turn and form PATCH), practitioner (SMS turns that each write a step group into its facilitator_*
 * table); each with pgbench running its own turn's transaction (bench/pgbench/) right after its phases.
 * For experiments: BENCH_RESULTS=bench/results/web-run (where the results go, default bench/results/latest), BENCH_PATHS=web (only those paths), BENCH_CONNECTIONS=32 (only those connection counts),
 * BENCH_STATEMENTS=1 (print the database's statements per phase, from pg_stat_statements), BENCH_POOL_SIZE (the
 * service's DATABASE_POOL_SIZE, default 1),
 * BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (profile the service).
 * BENCH_MULTI (default 1; 0 skips it): at the end, two service processes on the bench database (issue 21), web at
 * the largest BENCH_CONNECTIONS: two instances with each session's turns alternating between them, then
 * SERVICE_PROCESSES=2 behind one port; errors, conflicts, and every acknowledged turn checked in SQL
 * (bench/lib/multi-process-phase.ts).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { measurePhase, type BenchTable } from './lib/measure-phase.js';
import { findPgbench, runPgbench, type PgbenchResult } from './lib/pgbench.js';
import { startBenchPostgres, type BenchPostgres } from './lib/postgres-server.js';
import type { BenchPath, PathTemplate } from './lib/path-template.js';
import { writeResults, type BenchRow } from './lib/report.js';
import { runMultiProcessPhases, type MultiProcessRow } from './lib/multi-process-phase.js';
import { SERVICE_POOL_SIZE, startService, type ServiceProcess } from './lib/service-process.js';
import { buildSessionTemplates, type SessionTemplates } from './lib/session-templates.js';
import { SessionNumbers, SessionPool } from './lib/session-pool.js';
import { statementStatsSettings } from './lib/statement-stats.js';
import { converseInEveryLanguage } from './lib/every-language.js';
import { rssMb } from './lib/proc-stats.js';
import { quantile, round } from './lib/stats.js';
import { turnPaths, type TurnPath } from './lib/turn-paths.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** Where the results go, without the extension (BENCH_RESULTS; a partial run can keep the full run's latest). */
const RESULTS = process.env.BENCH_RESULTS ?? 'bench/results/latest';
const SCALE = process.env.BENCH_SCALE !== '0';
const SCALE_ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 2);
const MULTI = process.env.BENCH_MULTI !== '0';
const SESSIONS = 10_000;
const SCALE_SESSIONS = 1_000_000;
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '8,32').split(',').map(Number);
const SCALE_CONNECTIONS = 32;
/** The scale run's fixed rate, as a share of the 32-connection maximum measured just before. */
const SCALE_RATE_SHARE = 0.5;
const WARMUP_SECONDS = 3;
/** After a service (re)start: JIT, lazily loaded data (time zones, ephemeris) and the pool's connections. */
const FIRST_WARMUP_SECONDS = 8;
/** Sessions in play at a time (in a FIFO); far more than connections, so a session waits between its turns. */
const IN_PLAY = 1000;

const logFile = join(tmpdir(), `onboarding-bench-service-${process.pid}.log`);

interface Bench {
  db: BenchPostgres;
  templates: SessionTemplates;
  /** Each path's template, made the first time the path is seeded (recorded ones on the running service). */
  prepared: Map<string, PathTemplate>;
  pgbench: string | null;
  service: ServiceProcess | null;
  serviceDatabase: string;
  /** Session numbers, each seeded once per run. */
  numbers: SessionNumbers;
  /** The service has not had a phase yet: the long warm-up. */
  fresh: boolean;
  phase: number;
}

/** The service on a database (it migrates it at boot); a new process when the database changes or on `restart`. */
async function serviceFor(bench: Bench, database: string, url: string, restart: boolean): Promise<ServiceProcess> {
  if (bench.service && !restart && bench.serviceDatabase === database) return bench.service;
  await bench.service?.stop();
  bench.service = await startService(url, logFile);
  bench.serviceDatabase = database;
  bench.fresh = true;
  return bench.service;
}

/** A path's template, made once: recorded paths drive a session through the service running on this table's database. */
async function templateOf(bench: Bench, table: Omit<BenchTable, 'pool' | 'template' | 'first'>): Promise<PathTemplate> {
  const known = bench.prepared.get(table.path.name);
  if (known) return known;
  const path = turnPaths(bench.templates).find((p) => p.name === table.path.name) as BenchPath | undefined;
  if (!path) throw new Error(`no path named ${table.path.name}`);
  const service = await serviceFor(bench, table.database, table.url, false);
  const template = await path.prepare({ sql: table.sql, service });
  bench.prepared.set(path.name, template);
  return template;
}

/** Seeds a table (the service must have migrated its database) under new session numbers and makes its session pool. */
async function seedTable(bench: Bench, table: Omit<BenchTable, 'pool' | 'template' | 'first'>): Promise<BenchTable> {
  const template = await templateOf(bench, table);
  const started = Date.now();
  const first = bench.numbers.take(table.sessions);
  const last = first + table.sessions - 1;
  await template.reseed(table.sql, first, last);
  console.log(`  seeded ${table.sessions} ${table.path.name} sessions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const pool = new SessionPool({ first, last }, template.turns.length, Math.min(table.sessions, IN_PLAY), bench.numbers, (from, to) =>
    template.refill(table.sql, from, to),
  );
  return { ...table, first, template, pool };
}

async function phase(bench: Bench, table: BenchTable, connections: number, rate: number | null, restart = false): Promise<BenchRow> {
  const service = await serviceFor(bench, table.database, table.url, restart);
  const fresh = bench.fresh;
  bench.fresh = false;
  return measurePhase({
    service,
    postmasterPid: bench.db.postmasterPid(),
    table,
    connections,
    rate,
    warmupSeconds: fresh ? FIRST_WARMUP_SECONDS : WARMUP_SECONDS,
    seconds: SECONDS,
    label: `p${++bench.phase}`,
  });
}

/** pgbench with the table's path's transaction (or `script`, with the same variables) on the table's sessions. */
async function pgbenchRun(
  bench: Bench,
  table: BenchTable,
  clients: number,
  script = table.template.pgbench.script,
  rate: number | null = null,
): Promise<PgbenchResult | null> {
  if (!bench.pgbench) return null;
  const result = await runPgbench(bench.pgbench, bench.db, script, {
    database: table.database,
    clients,
    ...(rate ? { rate } : {}),
    seconds: SECONDS,
    threads: cpus().length,
    variables: { ...table.template.pgbench.variables, first: String(table.first), last: String(table.first + table.sessions - 1) },
  });
  if (result.failed > 0) console.log(`  !! pgbench ${script}: ${result.failed} failed transactions`);
  return result;
}

/** `atRate`: pgbench at the phase's own fixed rate, whose p99 is the one to compare (else the maximum run's). */
function withPgbench(
  row: BenchRow,
  commit: PgbenchResult | null,
  loadCommit: PgbenchResult | null,
  script: string | null = null,
  atRate: PgbenchResult | null = null,
): BenchRow {
  row.pgbench_script = script;
  if (commit) {
    row.pgbench_tps = round(commit.tps, 1);
    row.pgbench_p99_ms = round(quantile((atRate ?? commit).latencies, 0.99));
    row.pgbench_db_cpu_s_per_1000 = round((commit.dbCpuSeconds / Math.max(1, commit.transactions)) * 1000, 3);
    row.ratio = round(row.turns_per_s / commit.tps, 3);
  }
  if (loadCommit) row.pgbench_load_commit_tps = round(loadCommit.tps, 1);
  return row;
}

function print(row: BenchRow, more = ''): void {
  const stages = Object.entries(row.stages).map(([name, s]) => `${name} ${s.mean_ms}`).join(', ');
  console.log(
    `  ${row.path} ${row.mode === 'max' ? 'max' : `${row.target_rate}/s`} ×${row.connections} on ${row.sessions} sessions: ` +
      `${row.turns_per_s} turns/s, p50 ${row.p50_ms} ms, p99 ${row.p99_ms} ms, max ${row.max_ms} ms, errors ${row.errors}; ` +
      `pgbench ${row.pgbench_tps ?? '–'} TPS (ratio ${row.ratio ?? '–'}), load+commit ${row.pgbench_load_commit_tps ?? '–'} TPS; ` +
      `RSS ${row.rss_start_mb} -> peak ${row.rss_peak_mb} MB; CPU s/1k turns: service ${row.cpu_s_per_1000_turns}, db ${row.db_cpu_s_per_1000_turns} (svc/db ${row.service_db_cpu_ratio ?? '–'}; pgbench ${row.pgbench_db_cpu_s_per_1000 ?? '–'} per 1k tx), ` +
      `load generator ${row.loadgen_cpu_s_per_1000_turns}; other processes ${row.other_cpu_cores} cores\n` +
      `    stages (mean ms): ${stages}\n    p50 by step: ${JSON.stringify(row.p50_ms_by_step)}` +
      (Object.keys(row.rows_written).length > 0 ? `\n    rows written: ${JSON.stringify(row.rows_written)}` : '') +
      more,
  );
}

/**
 * Each path at 8 and 32 connections as fast as the service answers, with pgbench running the path's own turn
 * transaction at the same connections right after the path's phase, on its table (paths with the same
 * transaction, web and twilio-sms, share the first one's run).
 */
async function maxRuns(bench: Bench, paths: readonly TurnPath[], sql: postgres.Sql, rows: BenchRow[]): Promise<void> {
  const reference = new Map<string, [PgbenchResult | null, PgbenchResult | null]>();
  for (const path of paths) {
    for (const connections of CONNECTIONS) {
      const table = await seedTable(bench, { database: 'bench', url: bench.db.url, sql, sessions: SESSIONS, path });
      const row = await phase(bench, table, connections, null);
      const transaction = table.template.pgbench;
      const key = `${transaction.key}×${connections}`;
      let pgbenchRows = '';
      if (!reference.has(key)) {
        const rowsBefore = await table.template.countRows?.(table.sql);
        const commit = await pgbenchRun(bench, table, connections);
        const rowsAfter = await table.template.countRows?.(table.sql);
        // What pgbench's commits wrote besides the session: the same kinds of rows as the service's turns.
        if (commit && rowsBefore && rowsAfter) {
          const added = Object.entries(rowsAfter).map(([name, n]) => `${name} ${n - (rowsBefore[name] ?? 0)}`).join(', ');
          pgbenchRows = `\n    pgbench (${transaction.script}): ${commit.transactions} transactions, rows added: ${added}`;
        }
        const loadCommit = transaction.loadAndCommitScript ? await pgbenchRun(bench, table, connections, transaction.loadAndCommitScript) : null;
        reference.set(key, [commit, loadCommit]);
      }
      const [commit, loadCommit] = reference.get(key) ?? [null, null];
      rows.push(withPgbench(row, commit, loadCommit, transaction.script));
      print(row, pgbenchRows);
    }
  }
}

/**
 * The scale run (web path): one even rate, half the 32-connection maximum, on 10,000 and on 1,000,000 stored
 * sessions (two databases), alternated; a new service process for each phase, so their RSS start alike.
 */
async function scaleRuns(bench: Bench, path: TurnPath, sql: postgres.Sql, rows: BenchRow[]): Promise<void> {
  const max = rows.find((r) => r.path === path.name && r.connections === SCALE_CONNECTIONS && r.mode === 'max');
  const rate = Math.max(10, Math.round(((max?.turns_per_s ?? 100) * SCALE_RATE_SHARE) / 10) * 10);
  const largeUrl = await bench.db.createDatabase('bench_large');
  const largeSql = postgres(largeUrl, { max: 2, onnotice: () => {} });
  try {
    const small = await seedTable(bench, { database: 'bench', url: bench.db.url, sql, sessions: SESSIONS, path });
    const largeBase = { database: 'bench_large', url: largeUrl, sql: largeSql, sessions: SCALE_SESSIONS, path };
    await serviceFor(bench, largeBase.database, largeBase.url, true); // migrates bench_large
    const large = await seedTable(bench, largeBase);
    const measured: Array<[BenchTable, BenchRow]> = [];
    for (let round = 1; round <= SCALE_ROUNDS; round++) {
      for (const table of [small, large]) {
        const row = await phase(bench, table, SCALE_CONNECTIONS, rate, true);
        measured.push([table, row]);
        print(row);
      }
    }
    // pgbench last: its commits move sessions on without the load generator's bookkeeping knowing.
    for (const table of [small, large]) {
      const commit = await pgbenchRun(bench, table, SCALE_CONNECTIONS);
      const atRate = await pgbenchRun(bench, table, SCALE_CONNECTIONS, table.template.pgbench.script, rate);
      for (const [t, row] of measured) if (t === table) withPgbench(row, commit, null, table.template.pgbench.script, atRate);
    }
    rows.push(...measured.map(([, row]) => row));
  } finally {
    await largeSql.end();
  }
}

/** Two service processes on the bench database (issue 21); the single service stops first, to leave them the cores. */
async function multiProcessRuns(bench: Bench, sql: postgres.Sql): Promise<MultiProcessRow[]> {
  await bench.service?.stop();
  bench.service = null;
  const path = turnPaths(bench.templates).find((p) => p.name === 'web') as TurnPath;
  console.log('two service processes on one database:');
  return runMultiProcessPhases({
    databaseUrl: bench.db.url,
    postmasterPid: bench.db.postmasterPid(),
    templates: bench.templates,
    seedWeb: () => seedTable(bench, { database: 'bench', url: bench.db.url, sql, sessions: SESSIONS, path }),
    connections: Math.max(...CONNECTIONS),
    seconds: SECONDS,
    warmupSeconds: FIRST_WARMUP_SECONDS,
    logFile: (name) => join(tmpdir(), `onboarding-bench-${name}-${process.pid}.log`),
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const notes: string[] = [
    `${SECONDS} s per load phase after ${WARMUP_SECONDS} s of warm-up (${FIRST_WARMUP_SECONDS} s after a service start); load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`,
  ];
  const templates = await buildSessionTemplates();
  const pgbench = findPgbench();
  if (pgbench) {
    notes.push(`${execFileSync(pgbench, ['--version'], { encoding: 'utf8' }).trim()} (${pgbench}).`);
  } else {
    console.log('!! pgbench not found (set PGBENCH, or install postgresql-client): the pgbench columns stay empty.');
    notes.push('pgbench was not found: no pgbench figures in this run.');
  }
  const db = await startBenchPostgres(statementStatsSettings);
  const sql = postgres(db.url, { max: 2, onnotice: () => {} });
  const bench: Bench = { db, templates, prepared: new Map(), numbers: new SessionNumbers(), pgbench, service: null, serviceDatabase: '', fresh: true, phase: 0 };
  const version = String((await sql<Array<{ version: string }>>`select version()`)[0]?.version).split(',')[0];
  notes.push(`${version} from the machine's server binaries (PG_BIN), started as the tests start it (fsync=off); service pool of ${SERVICE_POOL_SIZE} connection(s) (DATABASE_POOL_SIZE, set by BENCH_POOL_SIZE; the service's own default is 2).`);
  console.log(`${version}; ${SECONDS} s per phase`);
  const rows: BenchRow[] = [];
  let multiProcess: MultiProcessRow[] = [];
  try {
    const only = process.env.BENCH_PATHS?.split(',');
    const paths = turnPaths(templates).filter((p) => !only || only.includes(p.name));
    // The service migrates the database at boot; the tables must exist before seeding.
    const first = await serviceFor(bench, 'bench', db.url, true);
    const bootRss = rssMb(first.pid);
    // Every language's messages and parsers and the gazetteer, loaded before the load phases measure memory.
    await converseInEveryLanguage(first.url);
    const loadedRss = rssMb(first.pid);
    console.log(`service RSS: ${round(bootRss)} MB after boot, ${round(loadedRss)} MB with the gazetteer and six languages loaded`);
    notes.push(
      `Memory: the service's RSS was ${round(bootRss)} MB after boot and ${round(loadedRss)} MB once one conversation in each of the six languages had loaded their messages, parsers and the gazetteer (bench/lib/every-language.ts); the load phases below ran on that process, so their peak RSS is with all of them loaded.`,
    );
    await maxRuns(bench, paths, sql, rows);
    if (SCALE) await scaleRuns(bench, paths[0] as TurnPath, sql, rows);
    if (MULTI) multiProcess = await multiProcessRuns(bench, sql);
  } finally {
    await bench.service?.stop();
    await sql.end();
    await db.stop();
    rmSync(logFile, { force: true });
  }
  notes.push(
    'Service: the built service (dist/src/server.js, as `npm start` runs it) in its own process, with TURN_TIMINGS on and recovery at boot, cleanup and the job worker off; ' +
      'RSS and CPU read from /proc, database CPU summed over the postmaster and its backends; "other cores": CPU the rest of the machine used meanwhile (the noise of the row).',
    'Load: autocannon, one request in flight per connection, each a valid answer for its session; a completed session is replaced by an unused stored one; ' +
      "fixed-rate phases space requests evenly (autocannon's own limiter releases each second's quota at once).",
    "ratio = service turns/s ÷ pgbench TPS of the path's own turn transaction (bench/pgbench/commit-turn.sql for web and twilio-sms; each path's script in the rows-written table) at the same connection count on the same server; svc/db CPU = service CPU per turn ÷ database CPU per turn; pgbench p99: its transactions' p99 at the same connections as fast as the server goes (the maximum phases) or at the phase's own rate (pgbench -R, the fixed-rate phases; each transaction from its actual start, as autocannon counts a request): the database's own floor for the turn's latency.",
    'Stage timers are wall time inside the service: at saturation, load and persist include the wait for the event loop and for a pool connection.',
    "Sessions are seeded by the benchmark, not started through the service, so each session's first turn in a phase reads its row (the service's session cache has not seen it); its later turns are one round trip, the commit. About 40% of web turns are such first turns; on last-turn and practitioner every turn is (a session takes one turn there).",
    'twilio-sms: the SMS webhook in console mode (TWILIO_CONSOLE=true, no credentials: no signature check, nothing sent out); its turn also looks up the opt-out and the open session by phone number.',
    ...[...bench.prepared.values()].flatMap((t) => (t.note ? [t.note] : [])),
  );
  console.log(`\n${writeResults(`${RESULTS}.json`, `${RESULTS}.md`, rows, notes, multiProcess)}`);
  console.log(`wrote ${RESULTS}.json and .md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
