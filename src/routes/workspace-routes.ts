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

  const pages = { checklist: onboardingPage('checklist'), welcome: onboardingPage('welcome') };
  for (const kind of ['checklist', 'welcome'] as const) {
    app.get(`/onboarding/${kind}`, async (_request, reply) =>
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('referrer-policy', 'no-referrer').send(pages[kind]),
    );
  }

  app.get('/onboarding/api/checklist', async (request) => {
    const { user, language, organization } = await context(request);
    return workspaces.checklist(user.userId, language, organization);
  });

  app.post('/onboarding/api/checklist/complete/:task', async (request) => {
    const { user, language, organization } = await context(request);
    const { task } = parseInput(taskParams, request.params, 'path');
    return workspaces.completeTask(user.userId, task, language, organization);
  });

  app.post('/onboarding/api/checklist/dismiss', async (request) => {
    const { user, language, organization } = await context(request);
    return workspaces.dismiss(user.userId, language, organization);
  });

  app.post('/organizations/new', async (request, reply) => {
    const user = await authenticate(request);
    const body = parseInput(newOrganization, request.body, 'request body');
    return reply.code(201).send(await workspaces.create(user.userId, body.name, body.start_trial, user.email ?? null));
  });
};
