import type postgres from 'postgres';
import { repositoryContent } from '../../tests/support/session-service.js';
import { CommitLog } from './commit-capture.js';
import type { BenchPath, PathTemplate, PrepareContext } from './path-template.js';
import { readRows, RecordedSessions, type RecordedRows, type RecordedTable, type SessionIdentity } from './recorded-sessions.js';
import { practitionerPhone } from './seed.js';
import { smsWebhookRequest } from './sms-webhook.js';
import { fragmentOf, sendTurn, twimlOutcome, type PromptFragment } from './turn-replies.js';

/** The practitioner number of the bench service (TWILIO_FLOW_BY_NUMBER in service-process.ts). */
export const PRACTITIONER_NUMBER = '+15550002222';

/** The answer at the phone question: the session's own number (the load generator puts it in). */
const OWN_NUMBER = '<own number>';

/** The messages before the measured turn: a new practitioner (nobody imported them) answering group 1 by SMS. */
const BEFORE: ReadonlyArray<{ text: string; asks: string }> = [
  { text: 'Hi', asks: 'first_name' },
  { text: 'Maya', asks: 'last_name' },
  { text: 'Lin', asks: 'email' },
  { text: 'maya@studio.example', asks: 'location' },
  { text: 'Madrid', asks: 'phone_number' },
];
const MEASURED = { label: 'phone_number', step: 'phone_number', answer: OWN_NUMBER };
const AFTER = 'photo';

/** The measured turn's question and the next one, as the flow's English locale says them (the SMS is answered in English). */
function promptsOf(): PromptFragment[] {
  const translate = repositoryContent().localizer.translator('en');
  return [MEASURED.step, AFTER].map((step) => ({ step, fragment: fragmentOf(translate(`practitioner-onboarding:${step}.prompt`)) }));
}

/** Where a practitioner's turn leaves rows; the practitioner first (the sessions and group rows point at it). */
const PRACTITIONER_TABLES: readonly RecordedTable[] = [
  { table: 'practitioners', column: 'phone_number', by: 'phone', keepsId: true },
  { table: 'instant_onboarding_sessions', column: 'id', by: 'sessionId', keepsId: true },
  { table: 'practitioner_onboarding', column: 'practitioner_id', by: 'practitionerId' },
  { table: 'facilitator_basic_info', column: 'practitioner_id', by: 'practitionerId' },
];

async function sms(context: PrepareContext, from: string, text: string, messageId: string): Promise<string> {
  const request = smsWebhookRequest(from, PRACTITIONER_NUMBER, text, messageId);
  const { status, body } = await sendTurn(context.service.url, request);
  if (status !== 200) throw new Error(`the template practitioner's SMS "${text}" answered ${status}: ${body.slice(0, 300)}`);
  return body;
}

async function askedStep(sql: postgres.Sql, phone: string): Promise<string | null> {
  const [row] = await sql<Array<{ step: string | null }>>`
    select current_step as step from public.instant_onboarding_sessions where phone_number = ${phone} and channel = 'sms'`;
  return row?.step ?? null;
}

async function groupRows(sql: postgres.Sql): Promise<Record<string, number>> {
  const [row] = await sql<Array<Record<string, number>>>`
    select (select count(*)::int from public.facilitator_basic_info) as facilitator_basic_info,
           (select count(*)::int from public.practitioner_onboarding where 'basic_info' = any (completed_steps)) as basic_info_completed`;
  return row ?? {};
}

interface RecordedTurn {
  identity: SessionIdentity;
  state: RecordedRows;
  payload: Record<string, unknown>;
}

/**
 * A new practitioner texts the practitioner number and answers group 1 (basic_info) up to its last question, the
 * phone number; the rows are read then, and the answer to it is the measured turn: its commit (from the statement
 * log) writes facilitator_basic_info. The TwiML of the two turns must say the prompts that tell "asked again" from
 * "moved on to the photo".
 */
async function recordGroupWrite(context: PrepareContext, prompts: readonly PromptFragment[]): Promise<RecordedTurn> {
  const { sql } = context;
  const phone = practitionerPhone(0);
  let asking = '';
  for (const [k, message] of BEFORE.entries()) {
    asking = await sms(context, phone, message.text, `template.practitioner.${k}`);
    const step = await askedStep(sql, phone);
    if (step !== message.asks) throw new Error(`the template practitioner's "${message.text}" left the session at ${step}, not ${message.asks}`);
  }
  const [ids] = await sql<Array<{ session: string; key: string; practitioner: string }>>`
    select s.id::text as session, s.session_key as key, p.id::text as practitioner
    from public.instant_onboarding_sessions s join public.practitioners p on p.phone_number = s.phone_number
    where s.phone_number = ${phone} and s.channel = 'sms'`;
  if (!ids) throw new Error('the template practitioner has no session');
  const identity: SessionIdentity = { sessionId: ids.session, keyHash: ids.key, phone, practitionerId: ids.practitioner };
  const state = await readRows(sql, PRACTITIONER_TABLES, identity);
  const log = await CommitLog.open(sql);
  let answered: string;
  let commits: Array<Record<string, unknown>>;
  try {
    const mark = log.mark();
    answered = await sms(context, phone, phone, 'template.practitioner.measured');
    commits = log.commitsSince(mark);
  } finally {
    await log.close();
  }
  const step = await askedStep(sql, phone);
  const [written] = await sql<Array<{ n: number }>>`select count(*)::int as n from public.facilitator_basic_info where practitioner_id = ${ids.practitioner}`;
  if (step !== AFTER || written?.n !== 1 || commits.length !== 1) {
    throw new Error(`the template practitioner's phone answer: session at ${step}, ${written?.n} basic_info rows, ${commits.length} commits`);
  }
  const asks = (twiml: string) => {
    const read = twimlOutcome(prompts, 200, twiml);
    return read.ok ? read.next : null;
  };
  if (asks(asking) !== MEASURED.step || asks(answered) !== AFTER) throw new Error(`the TwiML does not say the prompts the load checks: ${asking} / ${answered}`);
  return { identity, state, payload: commits[0] as Record<string, unknown> };
}

/**
 * A practitioner's turn that completes a step group, over SMS to the practitioner number (the bench service runs
 * in production mode, where the web sign-in's codes need Twilio Verify; SMS needs nothing: the provider vouches for
 * the sender). Every session waits at basic_info's last question, so every measured turn writes
 * facilitator_basic_info in its transaction; each practitioner is a row of its own (distinct phones).
 */
export function practitionerPath(): BenchPath {
  const prompts = promptsOf();
  return {
    name: 'practitioner',
    channel: 'sms',
    request: (n, text, messageId) => smsWebhookRequest(practitionerPhone(n), PRACTITIONER_NUMBER, text === OWN_NUMBER ? practitionerPhone(n) : text, messageId),
    outcome: (status, body) => twimlOutcome(prompts, status, body),
    prepare: async (context): Promise<PathTemplate> => {
      const recorded = await recordGroupWrite(context, prompts);
      const seeded = new RecordedSessions(PRACTITIONER_TABLES, recorded.identity, [recorded.state]);
      return {
        turns: [MEASURED],
        after: AFTER,
        pgbench: {
          key: 'practitioner-group-write',
          script: 'bench/pgbench/commit-group-write.sql',
          variables: { payload: JSON.stringify(recorded.payload), template_phone: recorded.identity.phone ?? '' },
        },
        reseed: (sql, first, last) => seeded.reseed(sql, first, last),
        refill: (sql, first, last) => seeded.refill(sql, first, last),
        countRows: groupRows,
        note:
          'practitioner: SMS to the practitioner number; recorded by driving one new practitioner through group 1 (basic_info) on the bench service; ' +
          'every session waits at the group\'s last question (the phone number, answered with its own), so every measured turn writes facilitator_basic_info ' +
          '(pgbench: that turn\'s commit, commit-group-write.sql). Each SMS turn also signs the phone in (practitioner_sign_in) and looks up the opt-out.',
      };
    },
  };
}
