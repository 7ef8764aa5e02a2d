import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { ResumeService } from '../resume/resume-service.js';
import { parseInput } from './parse-input.js';
import { limitBy, type RateLimits } from './rate-limits.js';

const openBody = z.strictObject({ token: z.string().min(10).max(2000) });
const sessionParams = z.object({ id: z.string() });

export interface ResumeRoutesOptions {
  resume: ResumeService;
  limits: RateLimits | null;
}

/**
 * Continuing a session elsewhere, for the widget: the code and "continue on WhatsApp / by SMS" links of a session,
 * and taking a session over from a magic link (the page at /r/<token> posts its token here).
 */
export const resumeRoutes: FastifyPluginAsync<ResumeRoutesOptions> = async (app, { resume, limits }) => {
  const openSchema = {
    schema: {
      tags: ['chat'],
      summary: 'Open a magic link',
      description: 'Takes the session of a magic link over (the page at /r/<token> posts its token here).',
      body: openBody,
    },
  };
  app.post('/api/resume-links/open', { ...openSchema, ...limitBy(limits, (l) => l.startsPerMinute, (request) => `resume:${request.ip}`) }, async (request) => {
    const { token } = parseInput(openBody, request.body, 'request body');
    return resume.openLink(token);
  });

  const continueSchema = {
    schema: {
      tags: ['chat'],
      summary: 'Continue elsewhere',
      description: 'The session\'s resume code and the links that continue it on WhatsApp or by SMS.',
      security: [{ sessionKey: [] }],
      params: sessionParams,
    },
  };
  app.get('/api/v2/instant-onboarding/session/:id/continue', continueSchema, async (request) => {
    const { id } = parseInput(sessionParams, request.params, 'path');
    const key = request.headers['x-session-key'];
    return resume.continueOptions(id, typeof key === 'string' ? key : '');
  });
};
