import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { accessToken } from '../../tests/support/access-token.js';
import { CommitLog } from './commit-capture.js';
import type { BenchPath, BenchTurn, PathTemplate, PrepareContext } from './path-template.js';
import { readRows, RecordedSessions, type RecordedRows, type RecordedTable, type SessionIdentity } from './recorded-sessions.js';
import { userId } from './seed.js';
import { benchJwtSecret } from './service-process.js';
import type { TurnOutcome } from './turn-replies.js';
import { chatReplyOutcome, sendTurn, statusBodyOutcome } from './turn-replies.js';
import type { TurnRequest } from './turn-paths.js';

const BASE = '/api/users/me/onboarding';

/** The signed-in chat (flows/user-profile.yaml), every answer valid; the experience step takes one entry in six turns. */
const CHAT_TURNS: readonly BenchTurn[] = [
  { label: 'full_name', step: 'full_name', answer: 'Maria Lopez' },
  { label: 'bio', step: 'bio', answer: 'I map mountains and teach people to read maps' },
  { label: 'avatar', step: 'avatar', answer: 'skip' },
  { label: 'skills', step: 'skills', answer: 'Python, SQL and public speaking' },
  { label: 'interests', step: 'interests', answer: 'music, travel and tech' },
  { label: 'experience.kind', step: 'experience', answer: 'work' },
  { label: 'experience.title', step: 'experience', answer: 'Software engineer' },
  { label: 'experience.organisation', step: 'experience', answer: 'Acme' },
  { label: 'experience.start_year', step: 'experience', answer: '2015' },
  { label: 'experience.end_year', step: 'experience', answer: 'still there' },
  { label: 'experience.more', step: 'experience', answer: 'no' },
  { label: 'notification_channel', step: 'notification_channel', answer: 'whatsapp' },
  { label: 'profile_visibility', step: 'profile_visibility', answer: 'members only' },
];

/** A product's forms: one PATCH per group with its data; the turn's answer is the group's id. */
const FORMS: Readonly<Record<string, Record<string, unknown>>> = {
  profile: { full_name: 'Maria Lopez', bio: 'I map mountains and teach people to read maps', avatar: null },
  skills: { skills: ['Python', 'SQL', 'public speaking'] },
  interests: { interests: ['technology', 'music', 'travel'] },
  experience: { experience: [{ kind: 'work', title: 'Software engineer', organisation: 'Acme', start_year: 2015, end_year: 'now' }] },
  preferences: { notification_channel: 'whatsapp', profile_visibility: 'members' },
};
const FORM_TURNS: readonly BenchTurn[] = Object.keys(FORMS).map((group) => ({ label: group, step: group, answer: group }));
const FORM_BODIES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(FORMS).map(([group, data]) => [group, JSON.stringify({ data })]));

/** Where a signed-in user's turn leaves rows: the session, the status row and the product's rows of each group. */
const USER_TABLES: readonly RecordedTable[] = [
  { table: 'instant_onboarding_sessions', column: 'id', by: 'sessionId', keepsId: true },
  { table: 'user_onboarding', column: 'user_id', by: 'userId' },
  { table: 'user_profiles', column: 'user_id', by: 'userId' },
  { table: 'user_skills', column: 'user_id', by: 'userId' },
  { table: 'user_interests', column: 'user_id', by: 'userId' },
  { table: 'user_experience', column: 'user_id', by: 'userId' },
  { table: 'user_preferences', column: 'user_id', by: 'userId' },
];

/**
 * Access tokens of the seeded users (HS256 with the bench service's secret, an hour long: longer than a run), signed
 * when their sessions are stored. Session numbers are never reused in a run (SessionNumbers), so each is signed once.
 */
class UserTokens {
  private readonly headers = new Map<number, string>();

  /** Signs the tokens of users first..last. */
  async sign(first: number, last: number): Promise<void> {
    for (let from = first; from <= last; from += 1000) {
      const to = Math.min(last, from + 999);
      await Promise.all(
        Array.from({ length: to - from + 1 }, async (_, i) => {
          this.headers.set(from + i, `Bearer ${await accessToken(userId(from + i), benchJwtSecret)}`);
        }),
      );
    }
  }

  authorization(n: number): string {
    const header = this.headers.get(n);
    if (!header) throw new Error(`no access token signed for user ${n}`);
    return header;
  }
}

const tokens = new UserTokens();

/** One recorded conversation: its identity, its rows before each turn, and each turn's commit as the service sent it. */
interface RecordedConversation {
  identity: SessionIdentity;
  states: RecordedRows[];
  payloads: Array<Record<string, unknown>>;
}

type Send = (authorization: string, turn: BenchTurn, messageId: string) => TurnRequest;

/**
 * Drives one user's onboarding through the running service: the start, then every turn, reading the user's rows
 * from the database before each turn and the turn's commit from the statement log.
 */
async function recordConversation(context: PrepareContext, channel: 'web' | 'api', turns: readonly BenchTurn[], send: Send, outcome: typeof chatReplyOutcome): Promise<RecordedConversation> {
  const { sql, service } = context;
  const user = randomUUID();
  const authorization = `Bearer ${await accessToken(user, benchJwtSecret)}`;
  const started = await sendTurn(service.url, {
    method: 'POST',
    path: `${BASE}/start`,
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ channel }),
  });
  if (started.status !== 200) throw new Error(`the template user's start answered ${started.status}: ${started.body.slice(0, 300)}`);
  const [session] = await sql<Array<{ id: string; key: string }>>`
    select id::text, session_key as key from public.instant_onboarding_sessions where user_id = ${user}`;
  if (!session) throw new Error('the template user has no session after the start');
  const identity: SessionIdentity = { sessionId: session.id, keyHash: session.key, userId: user };
  const states: RecordedRows[] = [];
  const payloads: Array<Record<string, unknown>> = [];
  const log = await CommitLog.open(sql);
  try {
    for (const [k, turn] of turns.entries()) {
      states.push(await readRows(sql, USER_TABLES, identity));
      const mark = log.mark();
      const answered = await sendTurn(service.url, send(authorization, turn, `template.${k}`));
      const read = outcome(answered.status, answered.body);
      const expected = turns[k + 1]?.step ?? 'completed';
      if (!read.ok || read.next !== expected) {
        throw new Error(`template turn ${turn.label}: expected ${expected}, got ${JSON.stringify(read)}: ${answered.body.slice(0, 300)}`);
      }
      const commits = log.commitsSince(mark);
      if (commits.length !== 1) throw new Error(`template turn ${turn.label} made ${commits.length} commits, not 1`);
      payloads.push(commits[0] as Record<string, unknown>);
    }
  } finally {
    await log.close();
  }
  return { identity, states, payloads };
}

/** A turn whose commit writes a product row (a group completed), not only the user's status row. */
function writesGroup(payload: Record<string, unknown>): boolean {
  const writes = (payload.writes ?? []) as Array<{ kind?: string }>;
  return writes.some((w) => w.kind !== 'user_onboarding');
}

/** Users with a row in each product table, and completed onboardings: the group rows a run wrote, by difference. */
async function userRows(sql: postgres.Sql): Promise<Record<string, number>> {
  const [row] = await sql<Array<Record<string, number>>>`
    select (select count(*)::int from public.user_profiles) as user_profiles,
           (select count(distinct user_id)::int from public.user_skills) as user_skills,
           (select count(distinct user_id)::int from public.user_interests) as user_interests,
           (select count(distinct user_id)::int from public.user_experience) as user_experience,
           (select count(*)::int from public.user_preferences) as user_preferences,
           (select count(*)::int from public.user_onboarding where status = 'completed') as completed_onboardings`;
  return row ?? {};
}

const middle = <T>(list: readonly T[]): T | undefined => list[Math.floor((list.length - 1) / 2)];

/** The template of a user path from its recorded conversation; pgbench draws a plain turn and a group-writing one in the path's proportion. */
function userTemplate(name: string, turns: readonly BenchTurn[], recorded: RecordedConversation): PathTemplate {
  const seeded = new RecordedSessions(USER_TABLES, recorded.identity, recorded.states);
  const labelled = recorded.payloads.map((payload, k) => ({ payload, label: turns[k]?.label ?? '?' }));
  const group = labelled.filter((t) => writesGroup(t.payload));
  const plain = labelled.filter((t) => !writesGroup(t.payload));
  const groupPick = middle(group);
  const plainPick = middle(plain);
  if (!groupPick) throw new Error(`${name}: no recorded turn wrote a group`);
  return {
    turns,
    after: 'completed',
    pgbench: {
      key: name,
      script: 'bench/pgbench/commit-user-turn.sql',
      variables: {
        payload: JSON.stringify(plainPick?.payload ?? {}),
        group_payload: JSON.stringify(groupPick.payload),
        turns: String(turns.length),
        group_turns: String(group.length),
        template_user: recorded.identity.userId ?? '',
      },
    },
    reseed: async (sql, first, last) => {
      await seeded.reseed(sql, first, last);
      await tokens.sign(first, last);
    },
    refill: async (sql, first, last) => {
      await tokens.sign(first, last);
      await seeded.refill(sql, first, last);
    },
    countRows: userRows,
    note:
      `${name}: recorded by driving one user's onboarding through the bench service (rows read after each turn, commits from the statement log); ` +
      `${group.length} of ${turns.length} turns complete a group (${group.map((t) => t.label).join(', ')}); pgbench (commit-user-turn.sql) runs the commit of ` +
      `${groupPick.label} in ${group.length} of ${turns.length} transactions${plainPick ? `, else that of ${plainPick.label}` : ''}.`,
  };
}

/** A signed-in user's chat turn: POST /api/users/me/onboarding/reply with the user's access token. */
export function userChatPath(): BenchPath {
  const send = (authorization: string, text: string, messageId: string): TurnRequest => ({
    method: 'POST',
    path: `${BASE}/reply`,
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ text, message_id: messageId }),
  });
  return {
    name: 'user-chat',
    channel: 'web',
    request: (n, text, messageId) => send(tokens.authorization(n), text, messageId),
    outcome: (status, body): TurnOutcome => chatReplyOutcome(status, body),
    prepare: async (context) =>
      userTemplate('user-chat', CHAT_TURNS, await recordConversation(context, 'web', CHAT_TURNS, (auth, turn, id) => send(auth, turn.answer, id), chatReplyOutcome)),
  };
}

/** A product's form answering one group: PATCH /api/users/me/onboarding/step/:group with its data. */
export function userPatchPath(): BenchPath {
  const send = (authorization: string, group: string): TurnRequest => ({
    method: 'PATCH',
    path: `${BASE}/step/${group}`,
    headers: { 'content-type': 'application/json', authorization },
    body: FORM_BODIES[group] ?? '{}',
  });
  return {
    name: 'user-patch',
    channel: 'api',
    request: (n, group) => send(tokens.authorization(n), group),
    outcome: statusBodyOutcome,
    prepare: async (context) =>
      userTemplate('user-patch', FORM_TURNS, await recordConversation(context, 'api', FORM_TURNS, (auth, turn) => send(auth, turn.answer), statusBodyOutcome)),
  };
}
