import { jsonOnce, jsonOnceSharing } from '../json-once.js';
import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { Channel, CommitOutcome, LoadedSession, SessionStatus, SessionStore, TurnWrite } from './session-store.js';
import type { SqlClient } from './sql-client.js';
import { stepMedians, userOnboardingRow } from './user-onboarding-record.js';

interface SessionRow {
  id: string;
  session_key: string;
  flow_id: string;
  flow_version: number | null;
  flow_hash: string | null;
  channel: Channel;
  language: string;
  status: SessionStatus;
  current_step: string | null;
  collected_data: Record<string, AnswerValue>;
  snapshot: unknown;
  version: number;
  phone_number: string | null;
  call_sid: string | null;
  resume_code: string | null;
  user_id: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  profile_kind: string | null;
  profile_data: Record<string, unknown> | null;
  profile_created_at: Date | null;
  duplicate_reply: unknown;
  has_duplicate: boolean;
}

const LOAD_SESSION = `
  select s.id, s.session_key, s.flow_id, s.flow_version, s.flow_hash, s.channel, s.language, s.status,
         s.current_step, s.collected_data, s.snapshot, s.version, s.phone_number, s.call_sid, s.resume_code, s.user_id,
         s.created_at, s.updated_at, s.completed_at,
         p.kind as profile_kind, p.profile_data, p.created_at as profile_created_at,
         i.reply as duplicate_reply, i.message_key is not null as has_duplicate
  from public.instant_onboarding_sessions s
  left join public.instant_onboarding_profiles p on p.session_id = s.id
  left join public.onboarding_inbox i on i.channel = s.channel and i.sender = coalesce(s.phone_number, '')
    and i.message_key = $2 and i.session_id = s.id
  where s.id = $1 and ($3::text is null or s.session_key = $3)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The session store over any SQL client; every write is one call of public.onboarding_commit_turn. */
export function createSqlSessionStore(client: SqlClient): SessionStore {
  return {
    description: client.description,

    async load(sessionId, messageKey = null, options = {}): Promise<LoadedSession | null> {
      if (!UUID.test(sessionId)) return null;
      const [row] = await client.query<SessionRow>(LOAD_SESSION, [sessionId, messageKey, options.keyHash ?? null]);
      if (!row) return null;
      const loaded: LoadedSession = {
        session: {
          id: row.id,
          keyHash: row.session_key,
          flowId: row.flow_id,
          flowVersion: row.flow_version,
          flowHash: row.flow_hash,
          channel: row.channel,
          language: row.language,
          status: row.status,
          currentStep: row.current_step,
          collectedData: row.collected_data,
          snapshot: row.snapshot,
          version: row.version,
          phoneNumber: row.phone_number,
          callSid: row.call_sid,
          resumeCode: row.resume_code,
          userId: row.user_id,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
          completedAt: row.completed_at,
        },
        profile:
          row.profile_kind && row.profile_data && row.profile_created_at
            ? { kind: row.profile_kind, data: row.profile_data, createdAt: row.profile_created_at }
            : null,
      };
      if (row.has_duplicate) loaded.duplicateReply = row.duplicate_reply;
      return loaded;
    },

    async commit(turn: TurnWrite): Promise<CommitOutcome> {
      // Text, cast in SQL: the JSON is made here (commitJson), not by the driver.
      const [row] = await client.query<{ result: CommitOutcome }>('select public.onboarding_commit_turn($1::text::jsonb) as result', [commitJson(turn)]);
      if (!row) throw new Error('onboarding_commit_turn returned no row');
      return row.result;
    },

    async listGenerating(limit) {
      const rows = await client.query<{ id: string }>(
        `select id from public.instant_onboarding_sessions where status = 'generating_chart' order by updated_at limit $1`,
        [limit],
      );
      return rows.map((r) => r.id);
    },

    async findOpenSession(phoneNumber, channel) {
      const [row] = await client.query<{ id: string | null }>('select public.onboarding_find_open_session($1, $2) as id', [phoneNumber, channel]);
      return row?.id ?? null;
    },

    async findFinishedSession(phoneNumber, channel, since) {
      const [row] = await client.query<{ id: string | null }>('select public.onboarding_find_finished_session($1, $2::public.onboarding_channel, $3::timestamptz) as id', [
        phoneNumber,
        channel,
        since.toISOString(),
      ]);
      return row?.id ?? null;
    },

    async ping() {
      await client.query('select 1');
    },

    async stepMedianSeconds(flowId) {
      const [row] = await client.query<{ medians: unknown }>('select public.onboarding_step_medians($1) as medians', [flowId]);
      return stepMedians.parse(row?.medians ?? {});
    },

    async findUserOnboarding(userId, flowId) {
      const [row] = await client.query<{ status: unknown }>('select public.onboarding_user_status($1, $2) as status', [userId, flowId]);
      return userOnboardingRow.parse(row?.status ?? null);
    },

    close: () => client.close(),
  };
}

/**
 * toCommitPayload as JSON text, with the reply's text from jsonOnce: the HTTP response sends the same text
 * (src/json-once.ts), so the reply is serialised once per turn, and a profile written with it once as well.
 */
export function commitJson(turn: TurnWrite): string {
  const { reply, profile: _profile, ...rest } = toCommitPayload(turn);
  // The rest always holds session_id, session and events: never "{}".
  let text = JSON.stringify(rest);
  if (turn.profile) {
    // The profile's data is also the reply's last member: serialised once, for both (jsonOnceSharing).
    text = `${text.slice(0, -1)},"profile":{"kind":${JSON.stringify(turn.profile.kind)},"data":${jsonOnce(turn.profile.data)}}}`;
  }
  if (reply === undefined) return text;
  const replyText = reply !== null && typeof reply === 'object' ? jsonOnceSharing(reply, 'profile') : JSON.stringify(reply);
  return `{"reply":${replyText},${text.slice(1)}`;
}

/** The JSON argument of public.onboarding_commit_turn (snake_case, as the SQL reads it). */
export function toCommitPayload(turn: TurnWrite): Record<string, unknown> {
  const session = {
    status: turn.session.status,
    current_step: turn.session.currentStep,
    collected_data: turn.session.collectedData,
    snapshot: turn.session.snapshot,
    language: turn.session.language ?? turn.create?.language,
    flow_version: turn.session.flowVersion,
    flow_hash: turn.session.flowHash,
    ...(turn.session.callSid ? { call_sid: turn.session.callSid } : {}),
    ...(turn.create
      ? {
          channel: turn.create.channel,
          flow_id: turn.create.flowId,
          phone_number: turn.create.phoneNumber ?? null,
          user_id: turn.create.userId ?? null,
          ...(turn.create.botNumber ? { bot_number: turn.create.botNumber } : {}),
        }
      : {}),
  };
  return {
    session_id: turn.sessionId,
    ...(turn.create ? { create: true, key_hash: turn.create.keyHash } : { expected_version: turn.expectedVersion }),
    ...(turn.messageKey ? { message_key: turn.messageKey, reply: turn.reply ?? null } : {}),
    session,
    events: turn.events.map((e) => ({ kind: e.kind, step: e.step ?? null, channel: e.channel ?? null, payload: e.payload ?? {} })),
    ...(turn.profile ? { profile: turn.profile } : {}),
    ...(turn.outbox?.length ? { outbox: turn.outbox.map((o) => ({ kind: o.kind, body: o.body, variables: o.variables ?? {} })) } : {}),
    ...(turn.replaceReply ? { replace_reply: { message_key: turn.replaceReply.messageKey, reply: turn.replaceReply.reply } } : {}),
    ...(turn.writes?.length ? { writes: turn.writes } : {}),
  };
}
