import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlClient } from './sql-client.js';

/** Supabase CLI names migrations <timestamp>_<name>.sql; the timestamp is the version. */
const MIGRATION_NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export interface MigrationResult {
  applied: string[];
  bootstrapped: boolean;
}

/**
 * Applies supabase/migrations in name order, each once, recorded in supabase_migrations.schema_migrations
 * (the table the Supabase CLI uses, so the CLI and this runner agree on what has been applied).
 * On a database without Supabase's auth.uid() it first applies the local bootstrap (roles, auth functions).
 * Everything runs in one transaction under an advisory lock, so two instances booting at once are safe.
 */
export async function migrate(client: SqlClient, supabaseDir: string): Promise<MigrationResult> {
  const files = readdirSync(join(supabaseDir, 'migrations'))
    .filter((name) => name.endsWith('.sql'))
    .sort();
  for (const name of files) {
    if (!MIGRATION_NAME.test(name)) throw new Error(`migration ${name} is not named <14-digit timestamp>_<name>.sql`);
  }
  return client.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(7364529012)`);
    // Supabase projects have auth.uid(); a database without it is local and gets the bootstrap
    // (roles are per cluster but the auth schema is per database, so the function is what tells).
    const [auth] = await tx.query<{ present: boolean }>(`select to_regprocedure('auth.uid()') is not null as present`);
    const bootstrapped = !auth?.present;
    if (bootstrapped) await tx.exec(readFileSync(join(supabaseDir, 'bootstrap', 'local-roles.sql'), 'utf8'));
    await tx.exec(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, statements text[], name text
      );`);
    const done = new Set(
      (await tx.query<{ version: string }>(`select version from supabase_migrations.schema_migrations`)).map((r) => r.version),
    );
    const applied: string[] = [];
    for (const name of files) {
      const [, version = '', label = ''] = MIGRATION_NAME.exec(name) ?? [];
      if (done.has(version)) continue;
      const script = readFileSync(join(supabaseDir, 'migrations', name), 'utf8');
      await tx.exec(script);
      // The array is built in SQL: the drivers pass no array parameters (see postgres-client.ts, fetch_types).
      await tx.query(`insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, array[$3::text])`, [
        version,
        label,
        script,
      ]);
      applied.push(name);
    }
    return { applied, bootstrapped };
  });
}
