import type { SupabaseClient } from '@supabase/supabase-js';
import { AppError } from '../errors.js';
import type { SessionCleanup } from './cleanup-scheduler.js';
import { createSupabaseIdempotencyStore, type IdempotencyStore } from './idempotency-store.js';
import type { MessagingStore } from './messaging-store.js';
import { createSupabasePractitionerStore, type PractitionerStore } from '../practitioners/practitioner-store.js';
import { createSupabasePrivacyStore, type PrivacyStore } from './privacy-store.js';
import type { SessionStore } from './session-store.js';
import type { SqlClient } from './sql-client.js';
import { callRpc, openSupabaseClient, SupabaseRpcError } from './supabase-client.js';
import { createSupabaseCleanup } from './supabase-cleanup.js';
import { createSupabaseMessagingStore } from './supabase-messaging-store.js';
import type { ReminderStore } from './reminder-store.js';
import { createSupabaseReminderStore } from './supabase-reminder-store.js';
import type { WorkspaceStore } from './workspace-store.js';
import { createSupabaseWorkspaceStore } from './supabase-workspace-store.js';
import { createSupabaseSessionStore } from './supabase-session-store.js';

/**
 * Opens the supabase driver. It applies no migrations: a Supabase project gets its schema from the Supabase CLI
 * (`supabase db push`), and PostgREST could not run DDL anyway. One call at open proves the URL, the key and
 * the schema, so a wrong one stops the boot instead of the first visitor's turn.
 */
export async function openSupabaseStore(
  url: string,
  serviceRoleKey: string,
): Promise<{ store: SessionStore; messaging: MessagingStore; reminders: ReminderStore; workspaces: WorkspaceStore; practitioners: PractitionerStore; idempotency: IdempotencyStore; privacy: PrivacyStore; cleanup: SessionCleanup; client: SqlClient; supabase: SupabaseClient }> {
  const description = `Supabase at ${new URL(url).host}`;
  const client = openSupabaseClient(url, serviceRoleKey);
  try {
    await callRpc(client, 'onboarding_list_generating', { p_limit: 0 });
  } catch (error) {
    await client.removeAllChannels();
    const missing = error instanceof SupabaseRpcError && error.postgrestCode === 'PGRST202';
    const hint = missing ? ' The project lacks this service\'s functions: apply supabase/migrations with `supabase db push`.' : '';
    throw new AppError('store_error', `${description}: ${error instanceof Error ? error.message : String(error)}.${hint}`, 500, { cause: error });
  }
  return {
    store: createSupabaseSessionStore(client, description),
    messaging: createSupabaseMessagingStore(client),
    reminders: createSupabaseReminderStore(client),
    workspaces: createSupabaseWorkspaceStore(client),
    practitioners: createSupabasePractitionerStore(client),
    idempotency: createSupabaseIdempotencyStore(client),
    privacy: createSupabasePrivacyStore(client),
    cleanup: createSupabaseCleanup(client),
    client: noSqlClient(description),
    supabase: client,
  };
}

/**
 * The SqlClient slot of an opened store (the service exposes it for tests and tooling) when there is no SQL
 * connection: this driver reaches the database only through PostgREST, so every use fails loudly.
 */
function noSqlClient(description: string): SqlClient {
  const refuse = (): Promise<never> =>
    Promise.reject(new AppError('store_error', `${description}: the supabase driver has no SQL connection; use rpc() functions`));
  return { description, query: refuse, exec: refuse, transaction: refuse, close: async () => {} };
}
