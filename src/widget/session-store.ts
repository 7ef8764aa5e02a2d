import type { TranscriptEntry } from './transcript.js';

/** What the widget remembers between page loads, per flow. */
export interface StoredSession {
  id: string;
  key: string;
  language: string;
  transcript: TranscriptEntry[];
}

/** Reads and writes the remembered session; storage may be missing or full, so nothing here throws. */
export interface SessionStore {
  load(): StoredSession | null;
  save(session: StoredSession): void;
  clear(): void;
}

// Enough lines to redraw a whole conversation without letting storage grow without bound.
const MAX_ENTRIES = 120;

const isStored = (value: unknown): value is StoredSession => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredSession>;
  return typeof v.id === 'string' && typeof v.key === 'string' && Array.isArray(v.transcript);
};

/** A store in localStorage under a key scoped to the widget and the flow. */
export function createSessionStore(flow: string, storage: Storage | null = safeLocalStorage()): SessionStore {
  const key = `onboarding-widget:v1:${flow}`;
  return {
    load() {
      try {
        const raw = storage?.getItem(key);
        const parsed: unknown = raw ? JSON.parse(raw) : null;
        return isStored(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
    save(session) {
      try {
        const trimmed = { ...session, transcript: session.transcript.slice(-MAX_ENTRIES) };
        storage?.setItem(key, JSON.stringify(trimmed));
      } catch {
        // Private mode or quota: the conversation still works, it just will not survive a reload.
      }
    },
    clear() {
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing to clear.
      }
    },
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
