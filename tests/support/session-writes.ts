import { randomUUID } from 'node:crypto';
import type { TurnWrite } from '../../src/store/session-store.js';

/** The session columns of a session asking its first question. */
export const collectingSession = { status: 'collecting_data' as const, currentStep: 'name', collectedData: {}, snapshot: { format: 1 } };

/** The write that creates a web session of the instant flow (key hash `hash-<id>`). */
export function newSession(id = randomUUID()): TurnWrite {
  return {
    sessionId: id,
    create: { keyHash: `hash-${id}`, channel: 'web', language: 'en', flowId: 'instant-birth-chart' },
    session: collectingSession,
    events: [{ kind: 'session_started', channel: 'web' }],
  };
}
