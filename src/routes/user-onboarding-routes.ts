import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { OnboardingTarget, OnboardingUser, UserOnboardingService } from '../user-onboarding/user-onboarding-service.js';
import { parseInput } from './parse-input.js';

const flowQuery = z.object({
  flow: z.string().min(1).max(100).optional(),
  language: z.string().regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'use a language code such as "en" or "es"').optional(),
});

const startBody = z.strictObject({ channel: z.enum(['api', 'web']).default('api') });

const stepBody = z.strictObject({
  data: z.record(z.string().max(100), z.unknown()).refine((data) => Object.keys(data).length <= 50, 'at most 50 fields'),
});

const replyBody = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  message_id: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'use 1 to 100 letters, digits, "_", ".", ":" or "-"')
    .optional(),
});

const stepParams = z.object({ n: z.string().regex(/^(\d{1,3}|[a-z][a-z0-9_-]{0,99})$/, 'a 0-based step index or a step id') });

export interface UserOnboardingRoutesOptions {
  onboarding: UserOnboardingService;
  /** The verified user of a request; throws UnauthorizedError (401) without a valid access token. */
  authenticate(request: FastifyRequest): Promise<OnboardingUser>;
}

/**
 * A signed-in user's onboarding (prefix /api/users/me/onboarding): status, start or resume, answer a step
 * with a form's data, complete, skip, or talk to it. Every call needs `Authorization: Bearer <access token>`.
 */
export const userOnboardingRoutes: FastifyPluginAsync<UserOnboardingRoutesOptions> = async (app, { onboarding, authenticate }) => {
  const targetOf = (request: FastifyRequest): OnboardingTarget => {
    const query = parseInput(flowQuery, request.query, 'query');
    const accepted = String(request.headers['accept-language'] ?? '')
      .split(',')
      .map((part) => part.split(';')[0]?.trim() ?? '')
      .filter((part) => part !== '');
    return { flow: query.flow, languages: [...(query.language ? [query.language] : []), ...accepted] };
  };

  app.get('/', async (request) => onboarding.status(await authenticate(request), targetOf(request)));

  app.post('/start', async (request) => {
    const user = await authenticate(request);
    const body = parseInput(startBody, request.body, 'request body');
    return onboarding.start(user, targetOf(request), body.channel);
  });

  app.patch('/step/:n', async (request) => {
    const user = await authenticate(request);
    const { n } = parseInput(stepParams, request.params, 'path');
    const body = parseInput(stepBody, request.body, 'request body');
    return onboarding.answerStep(user, targetOf(request), n, body.data);
  });

  app.post('/complete', async (request) => onboarding.complete(await authenticate(request), targetOf(request)));

  app.post('/skip', async (request) => onboarding.skip(await authenticate(request), targetOf(request)));

  app.post('/reply', async (request) => {
    const user = await authenticate(request);
    const body = parseInput(replyBody, request.body, 'request body');
    return onboarding.reply(user, targetOf(request), body.text, body.message_id ?? null);
  });
};
