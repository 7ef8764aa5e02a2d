import type { SupabaseClient } from '@supabase/supabase-js';
import type { Config } from '../config.js';
import type { SessionCleanup } from './cleanup-scheduler.js';
import { createSqlCleanup } from './cleanup-sql.js';
import { createSqlIdempotencyStore, type IdempotencyStore } from './idempotency-store.js';
import type { MessagingStore } from './messaging-store.js';
import { createSqlPractitionerStore, type PractitionerStore } from '../practitioners/practitioner-store.js';
import { createSqlPrivacyStore, type PrivacyStore } from './privacy-store.js';
import { migrate, type MigrationResult } from './migrate.js';
import { createSqlOpsStore, createSupabaseOpsStore, type OpsStore } from './ops-store.js';
import { openPgliteClient } from './pglite-client.js';
import { openPostgresClient } from './postgres-client.js';
import type { SessionStore } from './session-store.js';
import type { SqlClient } from './sql-client.js';
import { createSqlMessagingStore } from './sql-messaging-store.js';
import type { ReminderStore } from './reminder-store.js';
import { createSqlReminderStore } from './sql-reminder-store.js';
import type { WorkspaceStore } from './workspace-store.js';
import { createSqlWorkspaceStore } from './sql-workspace-store.js';
import type { PGlite } from '@electric-sql/pglite';
import { createSqlSessionStore } from './sql-session-store.js';
import { openSupabaseStore } from './supabase-open.js';

/**
 * Where the store keeps its data: a Postgres server, the embedded database in a directory (or memory), or a
 * Supabase project reached through its HTTP API with the service-role key.
 */
export type StoreTarget =
  | { kind: 'postgres'; url: string; poolSize: number }
  | { kind: 'embedded'; dataDir: string | null }
  | { kind: 'supabase'; url: string; serviceRoleKey: string };

export function storeTargetFrom(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATA_DIR' | 'SUPABASE_URL' | 'SUPABASE_SERVICE_ROLE_KEY'>,
): StoreTarget {
  if (config.SUPABASE_URL && config.SUPABASE_SERVICE_ROLE_KEY) {
    return { kind: 'supabase', url: config.SUPABASE_URL, serviceRoleKey: config.SUPABASE_SERVICE_ROLE_KEY };
  }
  return config.DATABASE_URL
    ? { kind: 'postgres', url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }
    : { kind: 'embedded', dataDir: config.DATA_DIR };
}

/** An opened store: the port, the cleanup on the same database, and (SQL drivers) the connection under them. */
export interface OpenedStore {
  store: SessionStore;
  /** Opt-outs and the outbox of the SMS / WhatsApp channel, on the same database. */
  messaging: MessagingStore;
  /** The practitioner domain (import, sign-in, one-time codes), on the same database. */
  practitioners: PractitionerStore;
  cleanup: SessionCleanup;
  /** What /ready and /metrics ask of the database (applied migrations, outbox depth). */
  ops: OpsStore;
  /** Nudges, resume codes and abandoned sessions, on the same database. */
  reminders: ReminderStore;
  /** Workspaces (organizations, checklists, Stripe events), on the same database. */
  workspaces: WorkspaceStore;
  /** Starts under an Idempotency-Key, on the same database. */
  idempotency: IdempotencyStore;
  /** Erasing and exporting one person's data, on the same database. */
  privacy: PrivacyStore;
  /** Where the job queue (pg-boss) runs: the embedded database itself, or a server's URL; null: no SQL connection. */
  jobs: JobsDatabase | null;
  client: SqlClient;
  migrations: MigrationResult;
  /** The supabase driver's client (Storage for photo answers); absent on the SQL drivers. */
  supabase?: SupabaseClient;
}

/** The database the job queue uses (src/jobs). */
export type JobsDatabase = { kind: 'pglite'; db: PGlite } | { kind: 'postgres'; url: string };

/** Opens the database, brings its schema up to date (SQL drivers), and returns the session store on it. */
export async function openStore(target: StoreTarget, supabaseDir: string): Promise<OpenedStore> {
  if (target.kind === 'supabase') {
    const opened = await openSupabaseStore(target.url, target.serviceRoleKey);
    return { ...opened, ops: createSupabaseOpsStore(opened.supabase), migrations: { applied: [], bootstrapped: false }, jobs: null };
  }
  let client: SqlClient;
  let jobs: JobsDatabase;
  if (target.kind === 'embedded') {
    const embedded = await openPgliteClient(target.dataDir);
    client = embedded;
    jobs = { kind: 'pglite', db: embedded.pglite };
  } else {
    client = openPostgresClient(target.url, target.poolSize);
    jobs = { kind: 'postgres', url: target.url };
  }
  try {
    const migrations = await migrate(client, supabaseDir);
    // On a server, the cleanup (one delete that may take a while) gets a connection of its own, opened when it
    // first runs: turns pipelined behind it on a shared connection would wait for it.
    const background = target.kind === 'postgres' ? openPostgresClient(target.url, 1, 'onboarding-bot-cleanup') : null;
    const cleanup = background ? createSqlCleanup(background, () => background.close()) : createSqlCleanup(client);
    return {
      store: createSqlSessionStore(client),
      messaging: createSqlMessagingStore(client),
      reminders: createSqlReminderStore(client),
      ops: createSqlOpsStore(client),
      workspaces: createSqlWorkspaceStore(client),
      practitioners: createSqlPractitionerStore(client),
      idempotency: createSqlIdempotencyStore(client),
      privacy: createSqlPrivacyStore(client),
      cleanup,
      client,
      migrations,
      jobs,
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}
