import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../../src/compose.js';
import type { Service } from '../../src/compose-types.js';
import { loadConfig } from '../../src/config.js';
import { loadFlows } from '../../src/flows/load-flows.js';
import { createLogger } from '../../src/logger.js';
import type { TurnReply } from '../../src/sessions/session-views.js';
import { readConversationScript, type TurnExpectation } from './conversation-script.js';

/** Scripts run with this clock, so "today" and the no-future rule are the same on every run. */
const NOW = new Date('2026-11-21T12:00:00Z');
const ROOT = 'tests/conversations';
let phones = 0;

const flows = loadFlows('flows');
const flowIds = [...flows.keys()];
const scripts = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(ROOT, d.name)).filter((f) => f.endsWith('.yaml')).map((f) => join(ROOT, d.name, f)));

describe('scripted conversations', () => {
  let service: Service;
  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', RECOVER_ON_BOOT: 'false', CLEANUP_INTERVAL_MINUTES: '0' });
    service = await composeService(config, createLogger('silent'), { storeTarget: { kind: 'embedded', dataDir: null }, clock: () => NOW });
  });
  afterAll(async () => {
    await service?.close();
  });

  it.each(flowIds)('flow %s has at least one script', (flowId) => {
    expect(scripts.some((file) => file.startsWith(join(ROOT, flowId)))).toBe(true);
  });

  it.each(scripts)('%s', async (file) => {
    const script = readConversationScript(file);
    const [first, ...rest] = script.turns;
    if (!first || first.user !== undefined) throw new Error(`${file}: the first entry checks the greeting and has no "user"`);
    // A signed-in flow's session belongs to a user; the script's `user` is what their token says.
    const definition = flows.get(script.flow)?.definition;
    const signedIn = definition?.audience === 'user';
    const claims: Record<string, string | undefined> = { 'user.name': script.user?.name, 'user.email': script.user?.email };
    const known = Object.fromEntries(
      (definition?.steps ?? []).flatMap((step) => (step.prefill && claims[step.prefill] ? [[step.id, claims[step.prefill] as string]] : [])),
    );
    // A phone flow's number is a practitioner's: signed in first, as the practitioners' service does.
    const phoneNumber = definition?.audience === 'phone' ? `${script.phone ?? '+14155550000'}`.slice(0, -4) + String(1000 + ++phones).slice(-4) : undefined;
    if (phoneNumber) await service.sql.query('select public.practitioner_sign_in($1, $2::timestamptz)', [phoneNumber, NOW.toISOString()]);
    const started = await service.service.start({
      flow: script.flow,
      language: script.language,
      channel: 'web',
      ...(signedIn ? { userId: randomUUID(), known } : {}),
      ...(phoneNumber ? { phoneNumber } : {}),
    });
    const sessionId = started.reply.session_id;
    await check(first.expect, started.reply, sessionId, '(start)');
    for (const [index, turn] of rest.entries()) {
      if (turn.user === undefined) throw new Error(`${file}: entry ${index + 2} has no "user"`);
      const reply = await service.service.reply({ sessionId, key: started.sessionKey, text: turn.user, messageKey: null });
      await check(turn.expect, reply, sessionId, turn.user);
    }
  });

  async function check(want: TurnExpectation, reply: TurnReply, sessionId: string, said: string): Promise<void> {
    const view = await service.service.view(sessionId, null);
    const where = `after "${said}"`;
    const texts = reply.messages.map((m) => m.text).join('\n');
    if (want.status !== undefined) expect(reply.status, where).toBe(want.status);
    if (want.next_step !== undefined) expect(reply.next_step, where).toBe(want.next_step);
    if (want.answers) expect(view.collected_data, where).toMatchObject(want.answers);
    for (const step of want.unanswered ?? []) expect(Object.keys(view.collected_data), where).not.toContain(step);
    for (const text of [want.says ?? []].flat()) expect(texts, where).toContain(text);
    for (const text of [want.not_says ?? []].flat()) expect(texts, where).not.toContain(text);
    if (want.choices) expect(reply.messages.at(-1)?.choices?.map((c) => c.label), where).toEqual(want.choices);
    if (want.progress) expect(reply.progress, where).toMatchObject(want.progress);
    if (want.profile) expect(view.profile, where).toMatchObject(want.profile);
  }
});
