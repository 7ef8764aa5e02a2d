import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { analyticsRoutes, type AnalyticsRoutesOptions } from './routes/analytics-routes.js';
import { corsPlugin } from './routes/cors.js';
import { registerRateLimits, type RateLimits } from './routes/rate-limits.js';
import type { Metrics } from './metrics.js';
import { errorHandler } from './routes/error-handler.js';
import { instantOnboardingRoutes, type SessionPhotoRoute } from './routes/instant-onboarding-routes.js';
import { practitionerRoutes, type PractitionerRoutesOptions } from './routes/practitioner-routes.js';
import { registerOpenApi } from './routes/openapi.js';
import { opsRoutes, type ReadinessCheck } from './routes/ops-routes.js';
import { registerRequestLog, requestIdOf } from './routes/request-log.js';
import { twilioMessagingRoutes, type TwilioMessagingRoutesOptions } from './routes/twilio-messaging-routes.js';
import { twilioVoiceRoutes, type TwilioVoiceRoutesOptions } from './routes/twilio-voice-routes.js';
import { userOnboardingRoutes, type UserOnboardingRoutesOptions } from './routes/user-onboarding-routes.js';
import { widgetRoutes } from './routes/widget-routes.js';
import { resumeRoutes } from './routes/resume-routes.js';
import { billingRoutes, type BillingRoutesOptions } from './routes/billing-routes.js';
import { workspaceRoutes, type WorkspaceRoutesOptions } from './routes/workspace-routes.js';
import type { PrivacyService } from './privacy/privacy-service.js';
import type { ResumeService } from './resume/resume-service.js';
import type { SessionService } from './sessions/session-service.js';
import { jsonOf } from './json-once.js';

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
  /** What GET /ready checks, in order (database, migrations, ...); each throws with the reason when it fails. */
  readiness: readonly ReadinessCheck[];
  /** Prometheus metrics at /metrics (and the HTTP counts); null: none. */
  metrics: Metrics | null;
  /** METRICS_TOKEN: /metrics needs it as a bearer token; null: open. */
  metricsToken: string | null;
  /** The analysts' dashboard at /analytics (ANALYTICS_TOKEN); absent, not served. */
  analytics?: AnalyticsRoutesOptions;
  /** Signed-in users' onboarding (/api/users/me/onboarding); absent without a signed-in flow. */
  userOnboarding?: Omit<UserOnboardingRoutesOptions, 'limits'>;
  /** Codes and magic links to continue a session elsewhere. */
  resume?: ResumeService;
  /** The Stripe webhook. */
  billing?: BillingRoutesOptions;
  /** The checklist API and POST /organizations/new (signed-in; absent without a way to verify tokens). */
  workspaces?: Omit<WorkspaceRoutesOptions, 'defaultLanguage'>;
  /** Practitioners: the calling team's import and the phone sign-in (/api/v2/practitioners). */
  practitioners?: Omit<PractitionerRoutesOptions, 'limits'>;
  /** Photo answers uploaded on the session API (POST .../session/:id/photo). */
  sessionPhotos?: SessionPhotoRoute;
  /** Erasing and exporting one person's data (session and signed-in routes). */
  privacy?: PrivacyService;
}

/** The version the OpenAPI document states: the web API's major version. */
const API_VERSION = '2.0.0';

/** The Fastify app: routes and the one error handler. It opens nothing itself; the caller owns the resources. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Fastify's own two lines per request are off: src/routes/request-log.ts writes one, without the URL.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
    bodyLimit: 64 * 1024,
    trustProxy: true,
    // A magic link's token (/r/<token>, a signed JWT of about 200 characters) is longer than the default 100.
    routerOptions: { maxParamLength: 512 },
  });
  app.setErrorHandler(errorHandler);
  // A turn's reply was serialised for its commit already (src/json-once.ts); anything else as Fastify would.
  app.setReplySerializer(jsonOf);
  registerRequestLog(app, deps.metrics);
  // Before every route: request validation by the routes' zod schemas, and the OpenAPI document made from them.
  await registerOpenApi(app, API_VERSION);
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}.` }));
  await app.register(corsPlugin, { allowedOrigins: deps.widgetOrigins });
  await registerRateLimits(app, deps.rateLimits);
  await app.register(opsRoutes, { readiness: deps.readiness, metrics: deps.metrics, metricsToken: deps.metricsToken });
  await app.register(widgetRoutes, { publicDir: deps.publicDir });
  const limits = deps.rateLimits;
  // The session API of every flow: under its first, documented path, and under a name that fits any flow.
  for (const prefix of ['/api/v2/instant-onboarding', '/api/v2/onboarding']) {
    await app.register(instantOnboardingRoutes, {
      prefix,
      service: deps.service,
      defaultLanguage: deps.defaultLanguage,
      limits,
      ...(deps.sessionPhotos ? { photos: deps.sessionPhotos } : {}),
      ...(deps.privacy ? { privacy: deps.privacy } : {}),
    });
  }
  if (deps.practitioners) await app.register(practitionerRoutes, { prefix: '/api/v2/practitioners', ...deps.practitioners, limits });
  if (deps.resume) await app.register(resumeRoutes, { resume: deps.resume, limits });
  if (deps.billing) await app.register(billingRoutes, deps.billing);
  if (deps.workspaces) await app.register(workspaceRoutes, { ...deps.workspaces, defaultLanguage: deps.defaultLanguage });
  if (deps.userOnboarding) await app.register(userOnboardingRoutes, { prefix: '/api/users/me/onboarding', ...deps.userOnboarding, ...(deps.privacy ? { privacy: deps.privacy } : {}), limits });
  if (deps.twilioMessaging) await app.register(twilioMessagingRoutes, { ...deps.twilioMessaging, limits });
  if (deps.twilioVoice) await app.register(twilioVoiceRoutes, { ...deps.twilioVoice, limits });
  if (deps.analytics) await app.register(analyticsRoutes, deps.analytics);
  return app;
}
