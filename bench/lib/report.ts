import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { multiProcessSection, type MultiProcessRow } from './multi-process-phase.js';
import { STAGES, type PhaseFigures, type StageSummary } from './stats.js';

/** One row of bench/results/latest.json (`phases`): one load phase of one path. */
export interface BenchRow extends PhaseFigures {
  path: string;
  /** max: as fast as the service answers; fixed-rate: target_rate turns/s, evenly spaced (the scale run). */
  mode: 'max' | 'fixed-rate';
  /** Stored sessions when the phase started. */
  sessions: number;
  target_rate: number | null;
  /** pgbench running the turn's commit (bench/pgbench/commit-turn.sql), same server, same connections. */
  pgbench_tps: number | null;
  /** p99 of pgbench's transactions (at the phase's own rate for a fixed-rate phase, pgbench -R): the database's floor. */
  pgbench_p99_ms: number | null;
  /** The database server's CPU seconds per 1,000 of those pgbench transactions (compare db_cpu_s_per_1000_turns). */
  pgbench_db_cpu_s_per_1000: number | null;
  /** turns_per_s / pgbench_tps. */
  ratio: number | null;
  /** pgbench running the turn's load query and commit (bench/pgbench/load-and-commit.sql), for reference. */
  pgbench_load_commit_tps: number | null;
  /** Resident set size of the service process after the warm-up, its highest sample during the phase, at the end. */
  rss_start_mb: number;
  rss_peak_mb: number;
  rss_end_mb: number;
  cpu_s_per_1000_turns: number;
  db_cpu_s_per_1000_turns: number;
  /** Service CPU per turn ÷ database CPU per turn (null when the database's was not measured). */
  service_db_cpu_ratio: number | null;
  loadgen_cpu_s_per_1000_turns: number;
  /** Cores busy with other processes during the phase (the machine is shared): how noisy the row is. */
  other_cpu_cores: number;
  /** Client-side p50 per step answered (birth_place includes the profile generation). */
  p50_ms_by_step: Record<string, number>;
  /** In-process stage timers from the service's turn log. */
  stages: StageSummary;
  /** Sessions stored during the phase to replace completed ones (new visitors). */
  refilled: number;
  /** Rows the measured run's turns added, counted in SQL before and after (group rows, profiles); {} where not counted. */
  rows_written: Record<string, number>;
  /** The pgbench script of pgbench_tps (the path's own transaction). */
  pgbench_script: string | null;
  measured_at: string;
}

const fmt = (value: number | null, digits = 1): string => (value === null || Number.isNaN(value) ? '–' : value.toFixed(digits));

/** The markdown table the README links to; the multi-process phases' section after it, when they ran. */
export function markdownTable(rows: readonly BenchRow[], notes: readonly string[], multiProcess: readonly MultiProcessRow[] = []): string {
  const lines = [
    '# Turn benchmark: latest run',
    '',
    `${new Date().toISOString()} · node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · written by \`npm run bench\``,
    '',
    '| path | mode | conns | sessions | turns/s | p50 ms | p99 ms | max ms | errors | pgbench TPS | pgbench p99 ms | ratio | pgbench load+commit TPS | RSS MB after warm-up / peak | service CPU s/1k turns | DB CPU s/1k turns | svc/db CPU | pgbench DB CPU s/1k tx | other cores |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.path} | ${r.mode === 'max' ? 'max' : `${r.target_rate}/s`} | ${r.connections} | ${r.sessions.toLocaleString('en')} | ${fmt(r.turns_per_s, 0)} | ` +
        `${fmt(r.p50_ms)} | ${fmt(r.p99_ms)} | ${fmt(r.max_ms)} | ${r.errors} | ${fmt(r.pgbench_tps, 0)} | ${fmt(r.pgbench_p99_ms)} | ${fmt(r.ratio, 2)} | ` +
        `${fmt(r.pgbench_load_commit_tps, 0)} | ${fmt(r.rss_start_mb, 0)} / ${fmt(r.rss_peak_mb, 0)} | ${fmt(r.cpu_s_per_1000_turns, 2)} | ${fmt(r.db_cpu_s_per_1000_turns, 2)} | ${fmt(r.service_db_cpu_ratio, 2)} | ${fmt(r.pgbench_db_cpu_s_per_1000, 2)} | ${fmt(r.other_cpu_cores, 2)} |`,
    ),
    '',
    '## Stages of a turn inside the service (mean / p99 ms)',
    '',
    '| phase | load | restore | parse | transition | profile (last answer) | render | persist | in service | client p50 by step |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows.map((r) => {
      const stage = (name: string) => {
        const s = r.stages[name];
        return s ? `${s.mean_ms.toFixed(2)} / ${s.p99_ms.toFixed(1)}` : '–';
      };
      const steps = Object.entries(r.p50_ms_by_step).map(([step, ms]) => `${step} ${ms.toFixed(1)}`).join(', ');
      return `| ${r.path} ${r.mode === 'max' ? 'max' : `${r.target_rate}/s`} ×${r.connections}, ${r.sessions.toLocaleString('en')} | ${[...STAGES, 'in_service'].map(stage).join(' | ')} | ${steps} |`;
    }),
    '',
    ...rowsWrittenSection(rows),
    ...notes.map((n) => `- ${n}`),
    '',
    ...multiProcessSection(multiProcess),
  ];
  return lines.join('\n');
}

/** The rows each phase's measured turns wrote (paths that count them), next to its turns. */
function rowsWrittenSection(rows: readonly BenchRow[]): string[] {
  const counted = rows.filter((r) => Object.keys(r.rows_written ?? {}).length > 0);
  if (counted.length === 0) return [];
  return [
    '## Rows written by the measured turns (counted in SQL) and each path\'s pgbench transaction',
    '',
    '| phase | turns | rows written | pgbench script |',
    '|---|--:|---|---|',
    ...counted.map(
      (r) =>
        `| ${r.path} ${r.mode === 'max' ? 'max' : `${r.target_rate}/s`} ×${r.connections} | ${r.turns} | ` +
        `${Object.entries(r.rows_written).map(([name, n]) => `${name} ${n}`).join(', ')} | ${r.pgbench_script ?? '–'} |`,
    ),
    '',
  ];
}

/**
 * Writes both files and returns the markdown, for the console. The JSON holds the phases (`phases`, one BenchRow
 * each) and the multi-process phases (`multi_process`, empty when they did not run).
 */
export function writeResults(jsonPath: string, mdPath: string, rows: readonly BenchRow[], notes: readonly string[], multiProcess: readonly MultiProcessRow[] = []): string {
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify({ phases: rows, multi_process: multiProcess }, null, 2)}\n`);
  const markdown = markdownTable(rows, notes, multiProcess);
  writeFileSync(mdPath, markdown);
  return markdown;
}
