import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../../src/compose.js';
import type { Service } from '../../src/compose-types.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { LATE_CORRECTION_WINDOW_MS } from '../../src/sessions/late-correction.js';
import { SessionStateError } from '../../src/errors.js';

/** A correction after completion (issue 19): within the window it reopens the session, after it the bot says so. */
describe('a correction sent after the onboarding completed', () => {
  let service: Service;
  let now = new Date('2026-11-21T12:00:00Z');
  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', RECOVER_ON_BOOT: 'false', CLEANUP_INTERVAL_MINUTES: '0' });
    service = await composeService(config, createLogger('silent'), { storeTarget: { kind: 'embedded', dataDir: null }, clock: () => now });
  });
  afterAll(async () => {
    await service?.close();
  });

  async function completed(language: string, text: string) {
    // The database stamps completed_at with its own clock: the service's starts from the same time.
    now = new Date();
    const started = await service.service.start({ flow: 'instant-birth-chart', language, channel: 'web' });
    const reply = await service.service.reply({ sessionId: started.reply.session_id, key: started.sessionKey, text, messageKey: null });
    expect(reply.status).toBe('completed');
    return { id: started.reply.session_id, key: started.sessionKey };
  }

  it('is applied within the window, and refused with an explanation after it, leaving the answers as they were', async () => {
    const session = await completed('en', "I'm Maria, born 5 March 1990 at 7:30 in Madrid");
    now = new Date(now.getTime() + LATE_CORRECTION_WINDOW_MS - 60_000);
    const inside = await service.service.reply({ sessionId: session.id, key: session.key, text: 'actually my birth time is 8:15', messageKey: null });
    expect(inside.status).toBe('completed');
    expect(inside.messages.map((m) => m.text)).toContain('Got it, your birth time is now 08:15.');
    now = new Date(now.getTime() + 120_000);
    const late = await service.service.reply({ sessionId: session.id, key: session.key, text: 'actually my birth time is 9:00', messageKey: null });
    expect(late.messages.map((m) => m.text).join(' ')).toContain('can no longer be changed here');
    const view = await service.service.view(session.id, session.key);
    expect(view.collected_data).toMatchObject({ birth_time: '08:15' });
  });

  it('still answers anything that is not a correction with the completed-session error', async () => {
    const session = await completed('es', 'Soy María, nací el 5 de marzo de 1990 a las 7:30 en Madrid');
    await expect(service.service.reply({ sessionId: session.id, key: session.key, text: 'gracias', messageKey: null })).rejects.toBeInstanceOf(SessionStateError);
    const fixed = await service.service.reply({ sessionId: session.id, key: session.key, text: 'en realidad mi fecha de nacimiento es 6 de marzo de 1990', messageKey: null });
    expect(fixed.messages.map((m) => m.text)).toContain('Entendido: fecha de nacimiento, ahora 6 de marzo de 1990.');
  });
});
