import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import { channels, sessionStatuses, type CommitOutcome, type LoadedSession, type SessionStore, type TurnWrite } from './session-store.js';
import { toCommitPayload } from './sql-session-store.js';
import { callRpc } from './supabase-client.js';
import { stepMedians, userOnboardingRow } from './user-onboarding-record.js';


const answerValue: z.ZodType<AnswerValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(answerValue), z.record(z.string(), answerValue)]),
);

// What public.onboarding_load_session returns. Over HTTP, timestamps arrive as ISO strings and jsonb as JSON;
// parsing here gives the same SessionRecord the SQL drivers build from typed rows.
const loadedJson = z.object({
  session: z.object({
    id: z.string(),
    session_key: z.string(),
    flow_id: z.string(),
    flow_version: z.number().int().nullable(),
    flow_hash: z.string().nullable(),
    channel: z.enum(channels),
    language: z.string(),
    status: z.enum(sessionStatuses),
    current_step: z.string().nullable(),
    collected_data: z.record(z.string(), answerValue),
    snapshot: z.unknown(),
    version: z.number().int(),
    phone_number: z.string().nullable(),
    call_sid: z.string().nullable(),
    resume_code: z.string().nullish(),
    user_id: z.string().nullable(),
    created_at: z.coerce.date(),
    updated_at: z.coerce.date(),
    completed_at: z.coerce.date().nullable(),
  }),
  profile: z.object({ kind: z.string(), data: z.record(z.string(), z.unknown()), created_at: z.coerce.date() }).nullable(),
  duplicate: z.boolean(),
  duplicate_reply: z.unknown(),
});

const commitOutcome: z.ZodType<CommitOutcome> = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('committed'), version: z.number().int() }),
  z.object({ outcome: z.literal('conflict') }),
  z.object({ outcome: z.literal('duplicate'), reply: z.unknown() }),
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The session store over supabase-js: one rpc() per load, commit and listing, nothing else over the wire. */
export function createSupabaseSessionStore(client: SupabaseClient, description: string): SessionStore {
  return {
    description,

    async load(sessionId, messageKey = null, options = {}): Promise<LoadedSession | null> {
      // PostgREST would answer a malformed uuid with an error (22P02); the port's answer is "no such session".
      if (!UUID.test(sessionId)) return null;
      const data = options.keyHash
        ? await callRpc(client, 'onboarding_load_session_by_key', { p_session_id: sessionId, p_key_hash: options.keyHash, p_message_key: messageKey })
        : await callRpc(client, 'onboarding_load_session', { p_session_id: sessionId, p_message_key: messageKey });
      if (data === null) return null;
      const { session: s, profile, duplicate, duplicate_reply } = loadedJson.parse(data);
      const loaded: LoadedSession = {
        session: {
          id: s.id,
          keyHash: s.session_key,
          flowId: s.flow_id,
          flowVersion: s.flow_version,
          flowHash: s.flow_hash,
          channel: s.channel,
          language: s.language,
          status: s.status,
          currentStep: s.current_step,
          collectedData: s.collected_data,
          snapshot: s.snapshot,
          version: s.version,
          phoneNumber: s.phone_number,
          callSid: s.call_sid,
          resumeCode: s.resume_code ?? null,
          userId: s.user_id,
          createdAt: s.created_at,
          updatedAt: s.updated_at,
          completedAt: s.completed_at,
        },
        profile: profile ? { kind: profile.kind, data: profile.data, createdAt: profile.created_at } : null,
      };
      if (duplicate) loaded.duplicateReply = duplicate_reply;
      return loaded;
    },

    async commit(turn: TurnWrite): Promise<CommitOutcome> {
      return commitOutcome.parse(await callRpc(client, 'onboarding_commit_turn', { turn: toCommitPayload(turn) }));
    },

    async listGenerating(limit) {
      return z.array(z.string()).parse(await callRpc(client, 'onboarding_list_generating', { p_limit: limit }));
    },

    async findOpenSession(phoneNumber, channel) {
      return z.string().nullable().parse(await callRpc(client, 'onboarding_find_open_session', { p_phone_number: phoneNumber, p_channel: channel }));
    },

    async findFinishedSession(phoneNumber, channel, since) {
      return z
        .string()
        .nullable()
        .parse(await callRpc(client, 'onboarding_find_finished_session', { p_phone_number: phoneNumber, p_channel: channel, p_since: since.toISOString() }));
    },

    async ping() {
      await callRpc(client, 'onboarding_list_generating', { p_limit: 0 });
    },

    async stepMedianSeconds(flowId) {
      return stepMedians.parse(await callRpc(client, 'onboarding_step_medians', { p_flow_id: flowId }));
    },

    async findUserOnboarding(userId, flowId) {
      return userOnboardingRow.parse(await callRpc(client, 'onboarding_user_status', { p_user_id: userId, p_flow_id: flowId }));
    },

    // supabase-js holds no connection between requests; realtime channels are the only thing to let go of.
    close: async () => {
      await client.removeAllChannels();
    },
  };
}
