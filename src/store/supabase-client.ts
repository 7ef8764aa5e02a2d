import { createClient, type SupabaseClient, type WebSocketLikeConstructor } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { AppError } from '../errors.js';

/**
 * `ws` as realtime-js's transport. Its event types are ws's own, not the DOM's that WebSocketLike names, though
 * they behave the same at runtime (supabase's Node guidance passes `ws` here); hence the one assertion.
 */
const nodeWebSocket = WebSocket as unknown as WebSocketLikeConstructor;

/**
 * A supabase-js client for the service: the service-role key, no user session to keep or refresh.
 * Node 20 has no global WebSocket, so realtime gets `ws` (the store never subscribes, but the client builds
 * its realtime part eagerly).
 */
export function openSupabaseClient(url: string, serviceRoleKey: string): SupabaseClient {
  return createClient(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: nodeWebSocket },
    global: { headers: { 'x-client-info': 'onboarding-bot' } },
  });
}

/** A failed PostgREST call, with PostgREST's error code (a Postgres SQLSTATE or PGRSTnnn). */
export class SupabaseRpcError extends AppError {
  constructor(
    readonly fn: string,
    readonly postgrestCode: string,
    message: string,
  ) {
    super('store_error', `supabase rpc ${fn} failed: ${postgrestCode || 'no code'} ${message}`);
  }
}

/**
 * Calls a Postgres function in the public schema through PostgREST (POST /rest/v1/rpc/<fn>). PostgREST has no
 * client transactions, so every multi-statement job is one such function, running in PostgREST's transaction.
 */
export async function callRpc(client: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<unknown> {
  const { data, error } = await client.rpc(fn, args);
  if (error) throw new SupabaseRpcError(fn, error.code, error.message);
  return data as unknown;
}
