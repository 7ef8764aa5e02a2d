import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrivacyService } from '../privacy/privacy-service.js';
import type { OnboardingTarget, OnboardingUser, UserOnboardingService } from '../user-onboarding/user-onboarding-service.js';
import { BadRequestError } from '../errors.js';
import { parseInput } from './parse-input.js';
import { limitBy, type RateLimits } from './rate-limits.js';
import { replyBody } from './reply-body.js';

const flowQuery = z.object({
  flow: z.string().min(1).max(100).optional(),
  language: z.string().regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'use a language code such as "en" or "es"').optional(),
});

const startBody = z.strictObject({ channel: z.enum(['api', 'web']).default('api') });

const stepBody = z.strictObject({
  data: z.record(z.string().max(100), z.unknown()).refine((data) => Object.keys(data).length <= 50, 'at most 50 fields'),
});

const stepParams = z.object({ n: z.string().regex(/^(\d{1,3}|[a-z][a-z0-9_-]{0,99})$/, 'a 0-based step index or a step id') });

/** The OpenAPI description of a route here: every one needs the user's access token and takes ?flow= and ?language=. */
function described<Parts extends { body?: z.ZodType; params?: z.ZodType }>(summary: string, description: string, parts: Parts = {} as Parts) {
  return { schema: { tags: ['users'], summary, description, security: [{ bearer: [] }], querystring: flowQuery, ...parts } };
}

export interface UserOnboardingRoutesOptions {
  onboarding: UserOnboardingService;
  /** The largest photo upload (IMAGE_MAX_BYTES). */
  photoMaxBytes: number;
  limits: RateLimits | null;
  /** The verified user of a request; throws UnauthorizedError (401) without a valid access token. */
  authenticate(request: FastifyRequest): Promise<OnboardingUser>;
  /** Erase and export of everything of the user (DELETE /, GET /export); absent, not served. */
  privacy?: PrivacyService;
}

/**
 * A signed-in user's onboarding (prefix /api/users/me/onboarding): status, start or resume, answer a step
 * with a form's data, complete, skip, or talk to it. Every call needs `Authorization: Bearer <access token>`.
 */
export const userOnboardingRoutes: FastifyPluginAsync<UserOnboardingRoutesOptions> = async (app, { onboarding, authenticate, photoMaxBytes, limits, privacy }) => {
  // Starts per client address; answers per access token (one user's session), counted before the token is checked.
  const starts = limitBy(limits, (l) => l.startsPerMinute, (request) => `user-start:${request.ip}`);
  const answers = limitBy(limits, (l) => l.repliesPerMinute, (request) => `user:${createHash('sha256').update(String(request.headers.authorization)).digest('hex')}`);
  // The token is checked before the body is read: a request without a valid one gets 401 and nothing else.
  const users = new WeakMap<FastifyRequest, OnboardingUser>();
  app.addHook('onRequest', async (request) => {
    users.set(request, await authenticate(request));
  });
  const userOf = (request: FastifyRequest): OnboardingUser => {
    const user = users.get(request);
    if (!user) throw new Error('user onboarding route without a verified user');
    return user;
  };

  // A photo is sent as the raw body (Content-Type image/jpeg, image/png or image/webp); its bytes decide its type.
  app.addContentTypeParser(/^image\/[a-z0-9.+-]+$/, { parseAs: 'buffer', bodyLimit: photoMaxBytes }, (_request, body, done) => done(null, body));

  const targetOf = (request: FastifyRequest): OnboardingTarget => {
    const query = parseInput(flowQuery, request.query, 'query');
    const accepted = String(request.headers['accept-language'] ?? '')
      .split(',')
      .map((part) => part.split(';')[0]?.trim() ?? '')
      .filter((part) => part !== '');
    return { flow: query.flow, languages: [...(query.language ? [query.language] : []), ...accepted] };
  };

  app.get('/', described('Onboarding status', 'Where the user\'s onboarding of the flow stands: status, groups, answers, the next step.'), async (request) => onboarding.status(userOf(request), targetOf(request)));

  if (privacy) {
    // Every session of the user (any flow) and the product's rows: the user's data, not one onboarding's.
    const exportSchema = { schema: { tags: ['privacy'], summary: 'Export my data', description: 'Every session of the signed-in user and the product\'s rows, as JSON.', security: [{ bearer: [] }] } };
    const eraseSchema = { schema: { tags: ['privacy'], summary: 'Erase my data', description: 'Removes every session of the signed-in user and the product\'s rows, in one transaction.', security: [{ bearer: [] }] } };
    app.get('/export', { ...exportSchema, ...answers }, async (request) => privacy.exportUser(userOf(request).userId));
    app.delete('/', { ...eraseSchema, ...answers }, async (request) => {
      const { erased } = await privacy.eraseUser(userOf(request).userId);
      return { erased };
    });
  }

  app.post('/start', { ...described('Start or resume', 'Starts the user\'s session of the flow, or resumes it (one per user and flow).', { body: startBody.optional() }), ...starts }, async (request) => {
    const user = userOf(request);
    const body = parseInput(startBody, request.body, 'request body');
    return onboarding.start(user, targetOf(request), body.channel);
  });

  // The turns' routes are typed by their zod schemas: the validator already parsed params and body (not twice).
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.patch('/step/:n', { ...described('Answer a step with a form\'s data', 'The fields are read by the chat\'s own parsers into one turn.', { params: stepParams, body: stepBody }), ...answers }, async (request) => {
    const user = userOf(request);
    return onboarding.answerStep(user, targetOf(request), request.params.n, request.body.data);
  });

  app.post('/step/:n/photo', { ...described('Answer a photo step', 'The photo is the raw body, Content-Type image/jpeg, image/png or image/webp; its bytes decide its type. At most IMAGE_MAX_BYTES.', { params: stepParams }), ...answers }, async (request) => {
    const user = userOf(request);
    const { n } = parseInput(stepParams, request.params, 'path');
    if (!Buffer.isBuffer(request.body)) throw new BadRequestError('INVALID_REQUEST', 'Send the photo as the body, with Content-Type image/jpeg, image/png or image/webp.');
    return onboarding.uploadPhoto(user, targetOf(request), n, new Uint8Array(request.body));
  });

  app.post('/complete', described('Complete', 'Skips the optional answers left and finishes the onboarding.'), async (request) => onboarding.complete(userOf(request), targetOf(request)));

  app.post('/skip', described('Skip the onboarding', 'For flows that allow it; any later start or answer resumes it with every answer kept.'), async (request) => onboarding.skip(userOf(request), targetOf(request)));

  typed.post('/reply', { ...described('Talk to it', 'A chat turn on the user\'s session (the same session the forms answer).', { body: replyBody }), ...answers }, async (request) => {
    const user = userOf(request);
    return onboarding.reply(user, targetOf(request), request.body.text, request.body.message_id ?? null);
  });
};
