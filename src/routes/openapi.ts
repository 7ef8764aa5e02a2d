import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';

/** Every route the app registered (HEAD twins included), in order; the OpenAPI test reads it. */
const registered = new WeakMap<FastifyInstance, RouteOptions[]>();

export function routesOf(app: FastifyInstance): readonly RouteOptions[] {
  return registered.get(app) ?? [];
}

/**
 * Request validation and the OpenAPI document from the same zod schemas. Routes give their zod schemas as the
 * route's `schema` (body, querystring, params, headers); fastify-type-provider-zod's validatorCompiler checks
 * requests with them (a failure is a 400 INVALID_REQUEST from the error handler, worded as parseInput words it)
 * and @fastify/swagger turns them into OpenAPI 3.1 (jsonSchemaTransform), served at /openapi.json and browsable
 * at /docs (@fastify/swagger-ui). Registered before the routes, which it must see. Every route needs a
 * schema with at least a summary (tests/integration/openapi.test.ts); a route that is not part of the API says
 * `hide: true`.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  const routes: RouteOptions[] = [];
  registered.set(app, routes);
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.setValidatorCompiler(validatorCompiler);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Onboarding bot',
        version,
        description: 'Conversational onboarding: the web chat API, the signed-in users\' status API, the Twilio webhooks and the operations routes.',
      },
      components: {
        securitySchemes: {
          sessionKey: { type: 'apiKey', in: 'header', name: 'x-session-key', description: 'The session_key the start answered (shown once).' },
          bearer: { type: 'http', scheme: 'bearer', description: 'A Supabase Auth access token (signed-in users) or METRICS_TOKEN (/metrics).' },
          analyticsBasic: { type: 'http', scheme: 'basic', description: 'ANALYTICS_TOKEN as the password, any user name (the dashboard).' },
          twilioSignature: { type: 'apiKey', in: 'header', name: 'x-twilio-signature', description: 'Twilio\'s signature over PUBLIC_URL + path + form.' },
        },
      },
      tags: [
        { name: 'chat', description: 'Anonymous sessions of the web chat (and any client of the JSON API)' },
        { name: 'users', description: 'Signed-in users\' onboarding (Supabase Auth access token)' },
        { name: 'twilio', description: 'Webhooks Twilio calls (SMS, WhatsApp, voice); signed' },
        { name: 'operations', description: 'Probes and metrics' },
        { name: 'widget', description: 'The chat widget and its demo page' },
        { name: 'analytics', description: 'The analysts\' dashboard (ANALYTICS_TOKEN)' },
        { name: 'workspaces', description: 'Trial workspaces: the checklist and creating a workspace' },
        { name: 'billing', description: 'Stripe webhooks' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
