import type { ServiceDeps } from '../sessions/service-deps.js';
import { loadAuthorized } from '../sessions/session-access.js';
import type { PrivacyErasure, PrivacyExport, PrivacyStore, PrivacySubject } from '../store/privacy-store.js';

/**
 * Erasing and exporting one person's data: a session its key opens, or a signed-in user's everything. Each is one
 * SQL function call (one transaction, src/store/privacy-store.ts); the log says how many rows, never whose.
 */
export class PrivacyService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly privacy: PrivacyStore,
  ) {}

  /** The session's data; the key must open it (404 otherwise, the same for an unknown id). */
  async exportSession(sessionId: string, key: string): Promise<PrivacyExport> {
    await this.authorize(sessionId, key);
    return this.privacy.exportData({ sessionId });
  }

  async eraseSession(sessionId: string, key: string): Promise<PrivacyErasure> {
    await this.authorize(sessionId, key);
    return this.erase({ sessionId });
  }

  exportUser(userId: string): Promise<PrivacyExport> {
    return this.privacy.exportData({ userId });
  }

  eraseUser(userId: string): Promise<PrivacyErasure> {
    return this.erase({ userId });
  }

  private async authorize(sessionId: string, key: string): Promise<void> {
    await loadAuthorized(this.deps, sessionId, key, null);
  }

  private async erase(subject: PrivacySubject): Promise<PrivacyErasure> {
    const result = await this.privacy.erase(subject);
    // Reading an erased session from the database also drops the row this process remembered (cached-session-store).
    for (const id of result.sessionIds) await this.deps.store.load(id);
    this.deps.logger.info({ outcome: 'erased', sessions: result.sessionIds.length, rows: result.erased }, 'privacy');
    return result;
  }
}
