import type { CommitOutcome, LoadedSession, LoadOptions, SessionRecord, SessionStatus, SessionStore, TurnWrite } from './session-store.js';

/**
 * The only statuses remembered: a turn on such a row always ends in a commit, whose version check confirms it.
 * A row that would refuse the turn (completed, failed, still generating) is not kept, so it is read again and a
 * refusal is never based on memory alone.
 */
const TAKES_TURNS: ReadonlySet<SessionStatus> = new Set<SessionStatus>(['started', 'collecting_data', 'paused', 'skipped']);

/**
 * A session store that remembers, per session, the row as this process last read or wrote it (a bounded LRU),
 * so a reply turn can skip the read and make one database round trip: its commit.
 *
 * Only loads that ask for it (`{ reuse: true }`) are answered from memory; the commit's version check makes
 * that safe: if another process (or a cleanup) changed the row meanwhile, the commit reports a conflict, the
 * entry is dropped and the turn's retry reads the database. Such loads skip the "seen this message?" lookup
 * too; the commit's inbox insert finds the duplicate and returns the stored reply, writing nothing.
 * Everything else (reads for display, channel lookups) goes to the database and refreshes the entry.
 * Entries are frozen: the conversation code may not change a row it was given.
 */
export function withSessionCache(inner: SessionStore, capacity: number, clock: () => Date = () => new Date()): SessionStore {
  if (capacity <= 0) return inner;
  const entries = new Map<string, LoadedSession>();

  const remember = (loaded: LoadedSession): void => {
    const id = loaded.session.id;
    // A finished session is not kept (TAKES_TURNS), nor its profile, which can be large.
    if (!TAKES_TURNS.has(loaded.session.status)) {
      entries.delete(id);
      return;
    }
    const known = entries.get(id);
    // A read that started before our own later commit must not bring back the older row.
    if (known && known.session.version > loaded.session.version) return;
    entries.delete(id);
    entries.set(id, deepFreeze({ session: loaded.session, profile: loaded.profile }));
    if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
  };

  return {
    description: `${inner.description}, with the last ${capacity} sessions kept in memory`,

    async load(sessionId: string, messageKey: string | null = null, options: LoadOptions = {}): Promise<LoadedSession | null> {
      if (options.reuse) {
        const known = entries.get(sessionId);
        if (known) {
          entries.delete(sessionId);
          entries.set(sessionId, known);
          return { ...known, remembered: true };
        }
      }
      const loaded = await inner.load(sessionId, messageKey, options.keyHash ? { keyHash: options.keyHash } : {});
      if (loaded) remember(loaded);
      else entries.delete(sessionId);
      return loaded;
    },

    async commit(turn: TurnWrite): Promise<CommitOutcome> {
      let outcome: CommitOutcome;
      try {
        outcome = await inner.commit(turn);
      } catch (error) {
        entries.delete(turn.sessionId);
        throw error;
      }
      if (outcome.outcome === 'committed') {
        const next = afterCommit(entries.get(turn.sessionId), turn, outcome.version, clock());
        if (next) remember(next);
        else entries.delete(turn.sessionId);
      } else if (outcome.outcome === 'conflict') {
        entries.delete(turn.sessionId);
      }
      return outcome;
    },

    listGenerating: (limit) => inner.listGenerating(limit),
    findOpenSession: (phoneNumber, channel) => inner.findOpenSession(phoneNumber, channel),
    findFinishedSession: (phoneNumber, channel, since) => inner.findFinishedSession(phoneNumber, channel, since),
    findUserOnboarding: (userId, flowId) => inner.findUserOnboarding(userId, flowId),
    stepMedianSeconds: (flowId) => inner.stepMedianSeconds(flowId),
    ping: () => inner.ping(),
    close: async () => {
      entries.clear();
      await inner.close();
    },
  };
}

/**
 * The row a committed turn leaves, as onboarding_commit_turn writes it; null when it cannot be known here (an
 * update of a row this process never saw). Timestamps are this process's clock, not the database's.
 */
function afterCommit(before: LoadedSession | undefined, turn: TurnWrite, version: number, now: Date): LoadedSession | null {
  const write = turn.session;
  // A commit that writes a profile finishes the session, which is not kept (TAKES_TURNS).
  if (turn.profile) return null;
  const profile = before?.profile ?? null;
  const changes = {
    status: write.status,
    currentStep: write.currentStep,
    collectedData: write.collectedData,
    snapshot: write.snapshot,
    version,
    updatedAt: now,
  };
  if (turn.create) {
    const session: SessionRecord = {
      id: turn.sessionId,
      keyHash: turn.create.keyHash,
      flowId: turn.create.flowId,
      flowVersion: write.flowVersion ?? null,
      flowHash: write.flowHash ?? null,
      channel: turn.create.channel,
      language: write.language ?? turn.create.language,
      phoneNumber: turn.create.phoneNumber ?? null,
      callSid: write.callSid ?? null,
      userId: turn.create.userId ?? null,
      createdAt: now,
      completedAt: write.status === 'completed' ? now : null,
      ...changes,
    };
    return { session, profile };
  }
  if (!before || before.session.version !== turn.expectedVersion) return null;
  const previous = before.session;
  const session: SessionRecord = {
    ...previous,
    ...changes,
    language: write.language ?? previous.language,
    flowVersion: write.flowVersion ?? previous.flowVersion,
    flowHash: write.flowHash ?? previous.flowHash,
    callSid: write.callSid ?? previous.callSid,
    completedAt: write.status === 'completed' ? (previous.completedAt ?? now) : previous.completedAt,
  };
  return { session, profile };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    // for...in rather than Object.values: no array made per object (rows are plain data: own keys only).
    const record = value as Record<string, unknown>;
    for (const key in record) deepFreeze(record[key]);
  }
  return value;
}
