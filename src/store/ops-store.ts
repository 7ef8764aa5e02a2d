import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { SqlExecutor } from './sql-client.js';
import { callRpc } from './supabase-client.js';

/** Outbox messages waiting and being sent (public.onboarding_outbox_depth). */
export interface OutboxDepth {
  pending: number;
  /** Pending after at least one failed attempt. */
  retrying: number;
  claimed: number;
}

/** What the readiness probe and the metrics ask of the database; every driver calls the same SQL functions. */
export interface OpsStore {
  /** The applied migration versions (supabase_migrations.schema_migrations). */
  appliedMigrations(): Promise<string[]>;
  outboxDepth(): Promise<OutboxDepth>;
}

const versions = z.array(z.string());
const depth = z.object({ pending: z.coerce.number(), retrying: z.coerce.number(), claimed: z.coerce.number() });

export function createSqlOpsStore(client: SqlExecutor): OpsStore {
  return {
    async appliedMigrations() {
      const [row] = await client.query<{ versions: unknown }>('select public.onboarding_applied_migrations() as versions');
      return versions.parse(row?.versions ?? []);
    },
    async outboxDepth() {
      const [row] = await client.query<{ depth: unknown }>('select public.onboarding_outbox_depth() as depth');
      return depth.parse(row?.depth);
    },
  };
}

export function createSupabaseOpsStore(client: SupabaseClient): OpsStore {
  return {
    appliedMigrations: async () => versions.parse(await callRpc(client, 'onboarding_applied_migrations', {})),
    outboxDepth: async () => depth.parse(await callRpc(client, 'onboarding_outbox_depth', {})),
  };
}

/**
 * The migration versions in supabase/migrations (the 14-digit prefix of each file name). A service on the
 * supabase driver deployed without the folder has none to expect: its readiness then checks the database only.
 */
export function migrationVersionsIn(supabaseDir: string): string[] {
  const dir = join(supabaseDir, 'migrations');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => /^(\d{14})_[a-z0-9_]+\.sql$/.exec(name)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort();
}

/** Migration versions on disk that the database has not applied (empty: up to date). */
export async function missingMigrations(ops: OpsStore, expected: readonly string[]): Promise<string[]> {
  const applied = new Set(await ops.appliedMigrations());
  return expected.filter((version) => !applied.has(version));
}
