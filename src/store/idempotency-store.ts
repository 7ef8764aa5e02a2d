import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { CommitOutcome, TurnWrite } from './session-store.js';
import type { SqlClient } from './sql-client.js';
import { toCommitPayload } from './sql-session-store.js';
import { callRpc } from './supabase-client.js';

/** An idempotency key as stored: hashes only (public.onboarding_idempotency_keys). */
export interface IdempotentStart {
  /** SHA-256 of the client's scope and key. */
  keyHash: string;
  /** SHA-256 of the request body: the same key with another body is refused. */
  requestHash: string;
  ttlSeconds: number;
}

/** What the key's first request made, for a retry to answer with. */
export interface StartReplay {
  outcome: 'replay';
  sessionId: string;
  requestHash: string;
  reply: unknown;
}

/** Starts under an idempotency key (public.onboarding_start_idempotent): one session per live key. */
export interface IdempotencyStore {
  /** Commits `turn` (a create) unless the key is held: then the first request's session and reply. */
  startOnce(turn: TurnWrite, key: IdempotentStart): Promise<Extract<CommitOutcome, { outcome: 'committed' }> | StartReplay>;
}

const outcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('committed'), version: z.number().int() }),
  z.object({ outcome: z.literal('replay'), session_id: z.string(), request_hash: z.string(), reply: z.unknown() }),
]);

function parse(raw: unknown): Awaited<ReturnType<IdempotencyStore['startOnce']>> {
  const o = outcome.parse(raw);
  return o.outcome === 'committed' ? o : { outcome: 'replay', sessionId: o.session_id, requestHash: o.request_hash, reply: o.reply };
}

export function createSqlIdempotencyStore(client: SqlClient): IdempotencyStore {
  return {
    async startOnce(turn, key) {
      const [row] = await client.query<{ result: unknown }>(
        'select public.onboarding_start_idempotent($1, $2, $3, $4::jsonb, $5::jsonb) as result',
        [key.keyHash, key.requestHash, key.ttlSeconds, turn.reply ?? null, toCommitPayload(turn)],
      );
      return parse(row?.result);
    },
  };
}

export function createSupabaseIdempotencyStore(client: SupabaseClient): IdempotencyStore {
  return {
    async startOnce(turn, key) {
      return parse(
        await callRpc(client, 'onboarding_start_idempotent', {
          p_key_hash: key.keyHash,
          p_request_hash: key.requestHash,
          p_ttl_seconds: key.ttlSeconds,
          p_reply: turn.reply ?? null,
          p_turn: toCommitPayload(turn),
        }),
      );
    },
  };
}
