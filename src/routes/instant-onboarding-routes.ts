import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BadRequestError } from '../errors.js';
import type { PrivacyService } from '../privacy/privacy-service.js';
import type { SessionService } from '../sessions/session-service.js';
import type { TurnReply } from '../sessions/session-views.js';
import { channels } from '../store/session-store.js';
import { parseInput } from './parse-input.js';
import { limitBy, type RateLimits } from './rate-limits.js';
import { replyBody } from './reply-body.js';

const startBody = z.strictObject({
  channel: z.enum(channels).default('web'),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'use a language code such as "en" or "es"').optional(),
  flow: z.string().min(1).max(100).optional(),
});

const sessionParams = z.object({ id: z.string().describe('The session_id the start answered') });


/** An Idempotency-Key: printable ASCII, at most 255 characters (a UUID is usual). */
const idempotencyHeader = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'use 1-255 printable ASCII characters, e.g. a UUID');

export interface InstantOnboardingRoutesOptions {
  service: SessionService;
  defaultLanguage: string;
  limits: RateLimits | null;
  /** A photo for the image step being asked (POST .../photo); absent: not served. */
  photos?: SessionPhotoRoute;
  /** Erase and export of a session (DELETE /session/:id, GET /session/:id/export); absent, not served. */
  privacy?: PrivacyService;
}

/** Answers the image step of a session with uploaded bytes. */
export interface SessionPhotoRoute {
  maxBytes: number;
  answer(input: { sessionId: string; key: string; bytes: Uint8Array }): Promise<TurnReply>;
}

/** The web chat API: start a session, reply to it, read it. Routes only translate HTTP; the service decides. */
export const instantOnboardingRoutes: FastifyPluginAsync<InstantOnboardingRoutesOptions> = async (app, { service, defaultLanguage, limits, photos, privacy }) => {
  // The session's secret key (x-session-key, documented as the sessionKey security scheme, src/routes/openapi.ts): read
  // here, not through a headers schema (a zod pass over every header of every turn); a missing or wrong key gets the
  // unknown-session 404.
  const keyOf = (headers: Record<string, unknown>): string => {
    const key = headers['x-session-key'];
    return typeof key === 'string' ? key : '';
  };

  const startSchema = {
    schema: {
      tags: ['chat'],
      summary: 'Start a session',
      description:
        'Answers 201 with the first turn plus session_id and session_key (shown once; only its SHA-256 is stored). With an Idempotency-Key, a retry within 24 hours answers the same session (Idempotent-Replayed: true); the key with another body is 409 IDEMPOTENCY_KEY_REUSED.',
      body: startBody.optional(),
      headers: z.looseObject({ 'idempotency-key': z.string().optional().describe('Makes a retried start answer the same session (1-255 printable characters)') }),
    },
  };
  app.post('/session/start', { ...startSchema, ...limitBy(limits, (l) => l.startsPerMinute, (request) => `start:${request.ip}`) }, async (request, reply) => {
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

  const typed = app.withTypeProvider<ZodTypeProvider>();
  const sessionOf = (request: FastifyRequest): string => `reply:${String((request.params as { id?: unknown }).id)}`;
  const replySchema = {
    schema: {
      tags: ['chat'],
      summary: 'Reply to a session',
      description: 'One turn: the answer is read, the session advances, and the bot\'s messages come back. The same message_id again returns the first answer and changes nothing.',
      security: [{ sessionKey: [] }],
      params: sessionParams,
      body: replyBody,
    },
  };
  // Typed by its zod schemas: the validator already parsed params and body (a turn's path; not parsed twice).
  typed.post('/session/:id/reply', { ...replySchema, ...limitBy(limits, (l) => l.repliesPerMinute, sessionOf) }, async (request) => {
    const { id } = request.params;
    const key = keyOf(request.headers);
    const { body } = request;
    return service.reply({
      sessionId: id,
      key,
      text: body.text,
      messageKey: body.message_id ? `web:${id}:${body.message_id}` : null,
    });
  });

  if (photos) {
    // A photo is the raw body (image/jpeg, image/png or image/webp); its bytes, not the header, decide its type.
    app.addContentTypeParser(/^image\/[a-z0-9.+-]+$/, { parseAs: 'buffer', bodyLimit: photos.maxBytes }, (_request, body, done) => done(null, body));
    const photoSchema = {
      schema: {
        tags: ['chat'],
        summary: 'Answer a photo question with an image',
        description: 'The raw image as the body (image/jpeg, image/png or image/webp); its bytes decide its type.',
        security: [{ sessionKey: [] }],
        params: sessionParams,
      },
    };
    app.post('/session/:id/photo', { ...photoSchema, ...limitBy(limits, (l) => l.repliesPerMinute, sessionOf) }, async (request) => {
      const { id } = parseInput(sessionParams, request.params, 'path');
      if (!Buffer.isBuffer(request.body)) throw new BadRequestError('INVALID_REQUEST', 'Send the photo as the body, with Content-Type image/jpeg, image/png or image/webp.');
      return photos.answer({ sessionId: id, key: keyOf(request.headers), bytes: new Uint8Array(request.body) });
    });
  }

  const viewSchema = {
    schema: {
      tags: ['chat'],
      summary: 'Read a session',
      description: 'Status, next step, the current question, the answers so far, progress, and the profile when there is one.',
      security: [{ sessionKey: [] }],
      params: sessionParams,
    },
  };
  app.get('/session/:id', viewSchema, async (request) => {
    const { id } = parseInput(sessionParams, request.params, 'path');
    return service.view(id, keyOf(request.headers));
  });

  if (privacy) {
    const privacySchema = (summary: string, description: string) => ({
      schema: { tags: ['privacy'], summary, description, security: [{ sessionKey: [] }], params: sessionParams },
    });
    const exportSchema = privacySchema('Export a session', 'Everything stored about the session, as JSON.');
    const eraseSchema = privacySchema('Erase a session', 'Removes the session and everything stored with it, in one transaction; answers the rows removed per table.');
    app.get('/session/:id/export', { ...exportSchema, ...limitBy(limits, (l) => l.repliesPerMinute, sessionOf) }, async (request) => {
      const { id } = parseInput(sessionParams, request.params, 'path');
      return privacy.exportSession(id, keyOf(request.headers));
    });
    app.delete('/session/:id', { ...eraseSchema, ...limitBy(limits, (l) => l.repliesPerMinute, sessionOf) }, async (request) => {
      const { id } = parseInput(sessionParams, request.params, 'path');
      const { erased } = await privacy.eraseSession(id, keyOf(request.headers));
      return { erased };
    });
  }
};
