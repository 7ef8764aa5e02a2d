import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PrivacyService } from '../privacy/privacy-service.js';
import type { SessionService } from '../sessions/session-service.js';
import { channels } from '../store/session-store.js';
import { parseInput } from './parse-input.js';
import { limitBy, type RateLimits } from './rate-limits.js';
import { replyBody } from './reply-body.js';

const startBody = z.strictObject({
  channel: z.enum(channels).default('web'),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'use a language code such as "en" or "es"').optional(),
  flow: z.string().min(1).max(100).optional(),
});

const sessionParams = z.object({ id: z.string() });

/** An Idempotency-Key: printable ASCII, at most 255 characters (a UUID is usual). */
const idempotencyHeader = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'use 1-255 printable ASCII characters, e.g. a UUID');

export interface InstantOnboardingRoutesOptions {
  service: SessionService;
  defaultLanguage: string;
  limits: RateLimits | null;
  /** Erase and export of a session (DELETE /session/:id, GET /session/:id/export); absent, not served. */
  privacy?: PrivacyService;
}

/** The web chat API: start a session, reply to it, read it. Routes only translate HTTP; the service decides. */
export const instantOnboardingRoutes: FastifyPluginAsync<InstantOnboardingRoutesOptions> = async (app, { service, defaultLanguage, limits, privacy }) => {
  const keyOf = (headers: Record<string, unknown>): string => {
    const key = headers['x-session-key'];
    return typeof key === 'string' ? key : '';
  };

  app.post('/session/start', limitBy(limits, (l) => l.startsPerMinute, (request) => `start:${request.ip}`), async (request, reply) => {
    const body = parseInput(startBody, request.body, 'request body');
    const rawKey = request.headers['idempotency-key'];
    const idempotencyKey = rawKey === undefined ? undefined : parseInput(idempotencyHeader, rawKey, 'Idempotency-Key header');
    const start = { channel: body.channel, language: body.language ?? defaultLanguage, ...(body.flow ? { flow: body.flow } : {}) };
    const { sessionKey, reply: turn, duplicate } = await service.start({
      ...start,
      // The client is its address (as for the rate limit): a key presented from elsewhere is another client's.
      ...(idempotencyKey ? { idempotency: { key: idempotencyKey, scope: request.ip, request: JSON.stringify([start.channel, start.language, start.flow ?? null]) } } : {}),
    });
    if (duplicate) reply.header('idempotent-replayed', 'true');
    return reply.code(201).send({ ...turn, session_key: sessionKey });
  });

  const sessionOf = (request: FastifyRequest): string => `reply:${String((request.params as { id?: unknown }).id)}`;
  app.post('/session/:id/reply', limitBy(limits, (l) => l.repliesPerMinute, sessionOf), async (request) => {
    const { id } = parseInput(sessionParams, request.params, 'path');
    const key = keyOf(request.headers);
    const body = parseInput(replyBody, request.body, 'request body');
    return service.reply({
      sessionId: id,
      key,
      text: body.text,
      messageKey: body.message_id ? `web:${id}:${body.message_id}` : null,
    });
  });

  app.get('/session/:id', async (request) => {
    const { id } = parseInput(sessionParams, request.params, 'path');
    return service.view(id, keyOf(request.headers));
  });

  if (privacy) {
    app.get('/session/:id/export', limitBy(limits, (l) => l.repliesPerMinute, sessionOf), async (request) => {
      const { id } = parseInput(sessionParams, request.params, 'path');
      return privacy.exportSession(id, keyOf(request.headers));
    });
    app.delete('/session/:id', limitBy(limits, (l) => l.repliesPerMinute, sessionOf), async (request) => {
      const { id } = parseInput(sessionParams, request.params, 'path');
      const { erased } = await privacy.eraseSession(id, keyOf(request.headers));
      return { erased };
    });
  }
};
