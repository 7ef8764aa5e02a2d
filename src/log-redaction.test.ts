import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { redactDeep } from './log-redaction.js';
import { createLogger } from './logger.js';

describe('log redaction', () => {
  it('censors personal data and secrets at any depth, and leaves the rest as it was', () => {
    const line = { session: 's1', outcome: 'answer', turn: { collected_data: { name: 'Ana' }, events: [{ payload: { text: 'hi Ana' } }] }, phoneNumber: '+34600' };
    expect(redactDeep(line)).toEqual({
      session: 's1',
      outcome: 'answer',
      turn: { collected_data: '[redacted]', events: [{ payload: { text: '[redacted]' } }] },
      phoneNumber: '[redacted]',
    });
    const clean = { session: 's1', ms: 2 };
    expect(redactDeep(clean)).toBe(clean);
  });

  it('censors what an error object carries, but keeps its type and message', () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
    const error = Object.assign(new Error('the commit failed'), { params: { text: 'Ana Lima', key: 'secret-key' }, detail: 'Key (phone)=(+34600) exists' });
    logger.error({ err: error, session: 's1' }, 'turn failed');
    const logged = JSON.parse(lines[0] ?? '{}') as { err: Record<string, unknown> };
    expect(logged.err).toMatchObject({ type: 'Error', message: 'the commit failed', params: '[redacted]', detail: '[redacted]' });
    expect(lines[0]).not.toContain('Ana Lima');
    expect(lines[0]).not.toContain('+34600');
  });

  it('censors keys and headers in a logged request the same way, with no second redaction pass', () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
    const headers = { 'x-session-key': 'key-123', authorization: 'Bearer abc.def', cookie: 'sid=1', 'x-twilio-signature': 'sig', 'user-agent': 'vitest' };
    logger.child({ reqId: 'r1' }).info({ req: { method: 'POST', headers }, sessionKey: 'key-456', route: '/x' }, 'request');
    const logged = JSON.parse(lines[0] ?? '{}') as { req: { headers: Record<string, string> }; sessionKey: string; reqId: string };
    expect(logged.req.headers).toEqual({ 'x-session-key': '[redacted]', authorization: '[redacted]', cookie: '[redacted]', 'x-twilio-signature': '[redacted]', 'user-agent': 'vitest' });
    expect(logged.sessionKey).toBe('[redacted]');
    expect(logged.reqId).toBe('r1');
    for (const secret of ['key-123', 'abc.def', 'sid=1', 'key-456']) expect(lines[0]).not.toContain(secret);
  });
});
