import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { OnboardingUser } from '../user-onboarding/user-onboarding-service.js';
import type { WorkspaceService } from '../workspaces/workspace-service.js';
import { onboardingPage } from '../workspaces/onboarding-pages.js';
import { parseInput } from './parse-input.js';

const query = z.object({
  organization: z.uuid().optional(),
  lang: z.string().regex(/^[a-z]{2}$/, 'use a language code such as "en"').optional(),
});
const taskParams = z.object({ task: z.string().min(1).max(60) });
const newOrganization = z.strictObject({ name: z.string().trim().min(1).max(120), start_trial: z.boolean().default(true) });

export interface WorkspaceRoutesOptions {
  workspaces: WorkspaceService;
  authenticate(request: FastifyRequest): Promise<OnboardingUser>;
  defaultLanguage: string;
}

/** The checklist API of a workspace's members, and creating a workspace from a product's own form. */
export const workspaceRoutes: FastifyPluginAsync<WorkspaceRoutesOptions> = async (app, { workspaces, authenticate, defaultLanguage }) => {
  const context = async (request: FastifyRequest) => {
    const user = await authenticate(request);
    const q = parseInput(query, request.query, 'query');
    return { user, language: q.lang ?? defaultLanguage, organization: q.organization };
  };

  // OpenAPI: these routes verify the access token inside the handler, so their query and body are checked there
  // too (parseInput) and described here in words: a validating schema would answer 400 before the token's 401.
  const described = (summary: string, description: string, parts: { params?: z.ZodType } = {}) => ({
    schema: { tags: ['workspaces'], summary, description, security: [{ bearer: [] }], ...parts },
  });

  const pages = { checklist: onboardingPage('checklist'), welcome: onboardingPage('welcome') };
  for (const kind of ['checklist', 'welcome'] as const) {
    const page = { schema: { tags: ['workspaces'], summary: `The ${kind} page`, description: 'An HTML page that reads the checklist API with the user\'s access token.' } };
    app.get(`/onboarding/${kind}`, page, async (_request, reply) =>
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('referrer-policy', 'no-referrer').send(pages[kind]),
    );
  }

  const withQuery = ' Query: organization (uuid, optional), lang (optional).';
  app.get('/onboarding/api/checklist', described('The checklist', `The workspace's tasks and where they stand.${withQuery}`), async (request) => {
    const { user, language, organization } = await context(request);
    return workspaces.checklist(user.userId, language, organization);
  });

  app.post('/onboarding/api/checklist/complete/:task', described('Complete a task', `Marks a checklist task done.${withQuery}`, { params: taskParams }), async (request) => {
    const { user, language, organization } = await context(request);
    const { task } = parseInput(taskParams, request.params, 'path');
    return workspaces.completeTask(user.userId, task, language, organization);
  });

  app.post('/onboarding/api/checklist/dismiss', described('Dismiss the checklist', `Hides the checklist.${withQuery}`), async (request) => {
    const { user, language, organization } = await context(request);
    return workspaces.dismiss(user.userId, language, organization);
  });

  const create = described('Create a workspace', 'Body: { name: string (1-120), start_trial?: boolean (default true) }. Answers 201 with the workspace.');
  app.post('/organizations/new', create, async (request, reply) => {
    const user = await authenticate(request);
    const body = parseInput(newOrganization, request.body, 'request body');
    return reply.code(201).send(await workspaces.create(user.userId, body.name, body.start_trial, user.email ?? null));
  });
};
