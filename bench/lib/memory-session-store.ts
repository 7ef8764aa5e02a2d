import type { CommitOutcome, LoadedSession, SessionRecord, SessionStore, TurnWrite } from '../../src/store/session-store.js';

/**
 * A session store in memory that keeps each session's row as the SQL stores would write it (status, step,
 * answers, snapshot, version), and every TurnWrite it was given. For running the real SessionService without a
 * database: the benchmark's templates and its in-process CPU figures (turn-cpu.ts).
 */
export interface MemorySessionStore extends SessionStore {
  readonly writes: TurnWrite[];
  row(sessionId: string): SessionRecord | null;
}

export function memorySessionStore(options: { keepWrites?: boolean } = {}): MemorySessionStore {
  const rows = new Map<string, SessionRecord>();
  const writes: TurnWrite[] = [];
  return {
    description: 'bench memory store',
    writes,
    row: (id) => rows.get(id) ?? null,
    async load(sessionId): Promise<LoadedSession | null> {
      const session = rows.get(sessionId);
      return session ? { session, profile: null } : null;
    },
    async commit(turn): Promise<CommitOutcome> {
      if (options.keepWrites) writes.push(turn);
      const record = rows.get(turn.sessionId) ?? null;
      if (record && turn.expectedVersion !== undefined && turn.expectedVersion !== record.version) return { outcome: 'conflict' };
      const now = new Date();
      const version = record ? record.version + 1 : 0;
      rows.set(turn.sessionId, {
        id: turn.sessionId,
        keyHash: turn.create?.keyHash ?? record?.keyHash ?? '',
        flowId: turn.create?.flowId ?? record?.flowId ?? '',
        flowVersion: turn.session.flowVersion ?? null,
        flowHash: turn.session.flowHash ?? null,
        channel: turn.create?.channel ?? record?.channel ?? 'web',
        language: turn.create?.language ?? record?.language ?? 'en',
        status: turn.session.status,
        currentStep: turn.session.currentStep,
        collectedData: turn.session.collectedData,
        snapshot: turn.session.snapshot,
        version,
        phoneNumber: turn.create?.phoneNumber ?? record?.phoneNumber ?? null,
        callSid: turn.session.callSid ?? record?.callSid ?? null,
        userId: turn.create?.userId ?? record?.userId ?? null,
        createdAt: record?.createdAt ?? now,
        updatedAt: now,
        completedAt: turn.session.status === 'completed' ? now : null,
      });
      return { outcome: 'committed', version };
    },
    listGenerating: async () => [],
    findOpenSession: async () => null,
    findFinishedSession: async () => null,
    findUserOnboarding: async () => null,
    stepMedianSeconds: async () => ({}),
    ping: async () => {},
    close: async () => {},
  };
}
