import type postgres from 'postgres';
import type { ServiceProcess } from './service-process.js';
import type { TurnPath } from './turn-paths.js';

/** One turn the load generator sends on a path, in the order a session takes them. */
export interface BenchTurn {
  /** Its name in "p50 by step" (unique within the path; an entries step takes several turns). */
  label: string;
  /** What the service says it asks before this turn: next_step, or a group id for the status API's forms. */
  step: string;
  /** What the load generator sends (the path makes the request of it). */
  answer: string;
}

/** The transaction pgbench runs for a path: the turn's own commit, with a payload captured from a real turn. */
export interface PgbenchTransaction {
  /** Paths with the same transaction share one pgbench run per connection count (web and twilio-sms). */
  key: string;
  script: string;
  /** -D variables besides `first` and `last` (the payload, and what the script needs to make it the session's own). */
  variables: Record<string, string>;
  /** For reference: the service's load query plus the commit (bench/pgbench/load-and-commit.sql), where it applies. */
  loadAndCommitScript?: string;
}

/**
 * What the benchmark needs to drive one path: its turns, the rows its sessions are seeded from, and its
 * pgbench transaction. Sessions are numbered (seed.ts); session n of a fresh seed waits at turn n % turns.length,
 * a refilled one at the first turn. Numbers are never reused within a run (SessionNumbers, session-pool.ts).
 */
export interface PathTemplate {
  turns: readonly BenchTurn[];
  /** What the service names after the last turn: 'completed', or the step that follows (the session is then replaced). */
  after: string;
  pgbench: PgbenchTransaction;
  /** Empties the path's tables and stores sessions first..last spread over the turns. */
  reseed(sql: postgres.Sql, first: number, last: number): Promise<void>;
  /** Stores sessions first..last waiting at the first turn (the pool's refill, as new visitors would come). */
  refill(sql: postgres.Sql, first: number, last: number): Promise<void>;
  /** Rows the path's turns write, counted in SQL before and after a measured run (group rows, profiles). */
  countRows?(sql: postgres.Sql): Promise<Record<string, number>>;
  /** For the results' notes: how the template was made and what pgbench runs. */
  note?: string;
}

/** The running bench service and its database, for templates recorded by driving a real session. */
export interface PrepareContext {
  sql: postgres.Sql;
  service: ServiceProcess;
}

/** A path the benchmark can seed and drive. */
export interface BenchPath extends TurnPath {
  prepare(context: PrepareContext): Promise<PathTemplate>;
}
