import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { corsPlugin } from './routes/cors.js';
import { registerRateLimits, type RateLimits } from './routes/rate-limits.js';
import { errorHandler } from './routes/error-handler.js';
import { instantOnboardingRoutes } from './routes/instant-onboarding-routes.js';
import { twilioMessagingRoutes, type TwilioMessagingRoutesOptions } from './routes/twilio-messaging-routes.js';
import { twilioVoiceRoutes, type TwilioVoiceRoutesOptions } from './routes/twilio-voice-routes.js';
import { userOnboardingRoutes, type UserOnboardingRoutesOptions } from './routes/user-onboarding-routes.js';
import { widgetRoutes } from './routes/widget-routes.js';
import { resumeRoutes } from './routes/resume-routes.js';
import type { PrivacyService } from './privacy/privacy-service.js';
import type { ResumeService } from './resume/resume-service.js';
import type { SessionService } from './sessions/session-service.js';

/** What the HTTP app is built from; the server and the tests both call buildApp with real parts. */
export interface AppDeps {
  service: SessionService;
  logger: Logger;
  defaultLanguage: string;
  /** Where the built widget and demo page are (PUBLIC_DIR). */
  publicDir: string;
  /** Origins whose pages may call the API (WIDGET_ORIGINS). */
  widgetOrigins: string[];
  /** The SMS / WhatsApp webhooks (Twilio); absent, the routes are not served. */
  twilioMessaging?: TwilioMessagingRoutesOptions;
  /** The phone-call webhooks (Twilio Voice); absent, the routes are not served. */
  twilioVoice?: TwilioVoiceRoutesOptions;
  /** Requests a minute per caller (RATE_LIMIT_*); null: no limits. */
  rateLimits: RateLimits | null;
  /** Resolves when the service can take turns (its database answers); throws otherwise. */
  ready: () => Promise<void>;
  /** Signed-in users' onboarding (/api/users/me/onboarding); absent without a signed-in flow. */
  userOnboarding?: Omit<UserOnboardingRoutesOptions, 'limits'>;
  /** Codes and magic links to continue a session elsewhere. */
  resume?: ResumeService;
  /** Erasing and exporting one person's data (session and signed-in routes). */
  privacy?: PrivacyService;
}

/** The Fastify app: routes and the one error handler. It opens nothing itself; the caller owns the resources. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One log line per turn comes from the session service; per-request lines would repeat it.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    trustProxy: true,
    // A magic link's token (/r/<token>, a signed JWT of about 200 characters) is longer than the default 100.
    routerOptions: { maxParamLength: 512 },
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}.` }));
  await app.register(corsPlugin, { allowedOrigins: deps.widgetOrigins });
  await registerRateLimits(app, deps.rateLimits);
  // Liveness: the process answers. Readiness: it can take turns (its database answers), else 503 with the reason.
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    try {
      await deps.ready();
      return { status: 'ready' };
    } catch (error) {
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({ code: 'SERVICE_UNAVAILABLE', message: `Not ready: the database does not answer (${error instanceof Error ? error.message : 'unknown error'}).` });
    }
  });
  await app.register(widgetRoutes, { publicDir: deps.publicDir });
  const limits = deps.rateLimits;
  await app.register(instantOnboardingRoutes, {
    prefix: '/api/v2/instant-onboarding',
    service: deps.service,
    defaultLanguage: deps.defaultLanguage,
    limits,
    ...(deps.privacy ? { privacy: deps.privacy } : {}),
  });
  if (deps.resume) await app.register(resumeRoutes, { resume: deps.resume, limits });
  if (deps.userOnboarding) await app.register(userOnboardingRoutes, { prefix: '/api/users/me/onboarding', ...deps.userOnboarding, ...(deps.privacy ? { privacy: deps.privacy } : {}), limits });
  if (deps.twilioMessaging) await app.register(twilioMessagingRoutes, { ...deps.twilioMessaging, limits });
  if (deps.twilioVoice) await app.register(twilioVoiceRoutes, { ...deps.twilioVoice, limits });
  return app;
}
