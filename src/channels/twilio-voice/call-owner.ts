import type { SessionRecord, SessionStore } from '../../store/session-store.js';
import type { CallInfo } from './parse-call.js';

type CallFields = Pick<SessionRecord, 'channel' | 'phoneNumber' | 'callSid'>;

/**
 * Whether a webhook about `call` may reach `session`: a voice session of the caller's own number and, once the
 * session stores the call it is on, of this very call. A session id alone (it is in every turn's log line) opens
 * nothing: not a web or SMS session, not another number's call, not an earlier call of the same number. A
 * withheld number (null) matches only a session that stores its call.
 */
export function callReaches(session: CallFields, call: CallInfo): boolean {
  if (session.channel !== 'voice' || session.phoneNumber !== call.from) return false;
  if (session.callSid !== null) return session.callSid === call.callSid;
  return session.phoneNumber !== null;
}

/** Whether the call may reach the session a webhook names (callReaches), on the row as the database has it now. */
export async function callMayReach(store: SessionStore, sessionId: string, call: CallInfo): Promise<boolean> {
  const loaded = await store.load(sessionId);
  return loaded !== null && callReaches(loaded.session, call);
}

/**
 * Makes `callSid` the call the session is on (a later call resuming it), so the earlier call's webhooks no
 * longer reach it. A commit that changes nothing else; false when the session is gone or stays contended.
 */
export async function attachCall(store: SessionStore, session: SessionRecord, callSid: string): Promise<boolean> {
  let current: SessionRecord | undefined = session;
  for (let attempt = 1; attempt <= 8 && current; attempt++) {
    if (current.callSid === callSid) return true;
    const { status, currentStep, collectedData, snapshot } = current;
    const outcome = await store.commit({
      sessionId: current.id,
      expectedVersion: current.version,
      session: { status, currentStep, collectedData, snapshot, callSid },
      events: [],
    });
    if (outcome.outcome === 'committed') return true;
    current = (await store.load(current.id))?.session;
  }
  return false;
}
