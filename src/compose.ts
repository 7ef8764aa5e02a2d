import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { loadCheckedFlows } from './compose-flows.js';
import type { ComposeOptions, Service } from './compose-types.js';
import { createTwilioMessaging } from './channels/twilio-messaging/create-twilio-messaging.js';
import { createTwilioVoice } from './channels/twilio-voice/create-twilio-voice.js';
import { withVoiceOutbound } from './channels/twilio-voice/voice-sms.js';
import { publicUrlOf, type Config } from './config.js';
import { answerParsers } from './conversation/parsers/index.js';
import { bearerToken, createAccessTokenVerifier } from './auth/access-token-verifier.js';
import { resolveAuth } from './auth/auth-config.js';
import { billingFor } from './billing/create-billing.js';
import { WorkspaceService } from './workspaces/workspace-service.js';
import { sendWorkspaceMessages, type WorkspaceMessagesDeps } from './workspaces/workspace-messages.js';
import type { PeriodicJob } from './jobs/job-runner.js';
import { PrivacyService } from './privacy/privacy-service.js';
import type { ServiceDeps } from './sessions/service-deps.js';
import { SessionService } from './sessions/session-service.js';
import { UserOnboardingService } from './user-onboarding/user-onboarding-service.js';
import { createSqlAnalyticsReader } from './analytics/analytics-reader.js';
import { countFailedSignatures, countOutboxFailures, Metrics } from './metrics.js';
import { startCleanupScheduler } from './store/cleanup-scheduler.js';
import { migrationVersionsIn, missingMigrations } from './store/ops-store.js';
import { withSessionCache } from './store/cached-session-store.js';
import { openStore, storeTargetFrom, type OpenedStore } from './store/open-store.js';
import { folderImageStore, supabaseImageStore, uploadsFolder, type ImageStore } from './images/image-store.js';
import { startJobRunner, type JobRunner } from './jobs/job-runner.js';
import { emailSenderFor, magicLinksFor, nudgeSettingsFor, reminderJobs, resumeSecretFor } from './reminders/create-reminders.js';
import type { NudgeSweepDeps } from './reminders/nudge-sweep.js';
import { GuessLimiter } from './resume/resume-code.js';
import { ResumeService } from './resume/resume-service.js';
import { jobsDatabaseFor } from './jobs/jobs-database.js';
import { serviceRoleGuard } from './auth/service-role.js';
import { phoneVerifierFor } from './practitioners/phone-verifier.js';
import { PractitionerService } from './practitioners/practitioner-service.js';
import { answerSessionPhoto } from './sessions/session-photo.js';

/** Where photo answers go: the Supabase Storage bucket with the supabase driver and a bucket, else DATA_DIR/uploads. */
function imageStoreFor(config: Config, opened: OpenedStore): ImageStore {
  if (config.IMAGE_STORAGE_BUCKET && opened.supabase) return supabaseImageStore(opened.supabase, config.IMAGE_STORAGE_BUCKET);
  return folderImageStore(uploadsFolder(config.DATA_DIR));
}

/** Builds the whole service from configuration: locales, flows, database (migrated), app. */
export async function composeService(
  config: Config,
  logger: Logger,
  options: ComposeOptions = {},
): Promise<Service> {
  const clock = options.clock ?? (() => new Date());
  const billing = billingFor(config, logger);
  const workspaceDeps = { trialDays: config.STRIPE_TRIAL_DAYS, trialsEnabled: config.STRIPE_ENABLE_TRIALS, clock };
  const { localizer, flows, generators, outcomes } = loadCheckedFlows(config, { checkout: billing.checkout, ...workspaceDeps });

  // Signed-in flows need verified access tokens; resolved before the database so a bad setup stops the boot at once.
  const signedIn = [...flows.values()].some((runtime) => runtime.definition.audience === 'user');
  const auth = signedIn ? resolveAuth(config) : null;

  const opened = await openStore(options.storeTarget ?? storeTargetFrom(config), config.SUPABASE_DIR);
  const { cleanup, client, migrations, ops } = opened;
  billing.attach(opened.workspaces);
  const metrics = new Metrics({ outboxDepth: () => ops.outboxDepth(), processMetrics: options.processMetrics ?? true });
  const messaging = countOutboxFailures(opened.messaging, metrics);
  const expectedMigrations = migrationVersionsIn(config.SUPABASE_DIR);
  // Reply turns reuse the row this process last wrote: one round trip (the commit) per turn.
  const store = withSessionCache(opened.store, config.SESSION_CACHE_SIZE, clock);
  // SMS and WhatsApp (Twilio): signed with credentials, console mode only when asked for, else not mounted.
  const images = imageStoreFor(config, opened);
  const email = emailSenderFor(config, logger);
  const twilioMessaging = createTwilioMessaging({
    email,
    config,
    store,
    messaging,
    flows,
    localizer,
    logger,
    clock,
    ...(options.twilioHttpClient ? { httpClient: options.twilioHttpClient } : {}),
    ...(options.outboxAutoRun === false ? { autoRun: false } : {}),
    images,
    ...(options.twilioMediaUrl ? { mediaUrl: options.twilioMediaUrl } : {}),
  });
  const deps: ServiceDeps = {
    store,
    flows,
    localizer,
    parsers: answerParsers,
    generators,
    outcomes,
    logger,
    clock,
    profileWaitMs: config.PROFILE_WAIT_MS,
    defaultFlow: config.DEFAULT_FLOW,
    maxTurns: config.SESSION_MAX_TURNS,
    // Phone calls send their late profile by SMS through the same outbox.
    outbound: withVoiceOutbound(twilioMessaging.outbound),
    observeTurn: (turn) => metrics.turn(turn),
    idempotency: { store: opened.idempotency, secret: resumeSecretFor(config) },
  };
  const service = new SessionService(deps, { timeTurns: options.timeTurns ?? false });
  const links = magicLinksFor(config);
  const resume = new ResumeService({
    reminders: opened.reminders,
    store,
    numbers: { whatsapp: config.TWILIO_WHATSAPP_NUMBER ?? null, sms: config.TWILIO_SMS_NUMBER ?? null },
    sessions: service,
    flows,
    localizer,
    links,
    guesses: new GuessLimiter(5, clock),
    logger,
  });
  const workspaceMessages: WorkspaceMessagesDeps = {
    store: opened.workspaces,
    localizer,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    publicUrl: publicUrlOf(config),
    logger,
    outboxWritten: () => twilioMessaging.worker.kick(),
  };
  const nudges: NudgeSweepDeps = {
    reminders: opened.reminders,
    messaging,
    flows,
    localizer,
    settings: nudgeSettingsFor(config),
    links,
    logger,
    outboxWritten: () => twilioMessaging.worker.kick(),
  };
  const practitioners = flows.has(config.PRACTITIONER_FLOW)
    ? new PractitionerService(deps, service, opened.practitioners, phoneVerifierFor(config, { store: opened.practitioners, clock, logger, httpClient: options.twilioHttpClient }), {
        flow: config.PRACTITIONER_FLOW,
        dashboardUrl: config.DASHBOARD_URL,
        allowedCountries: config.OTP_ALLOWED_COUNTRIES,
        defaultLanguage: config.DEFAULT_LANGUAGE,
        addressKey: config.OTP_HASH_SECRET ?? crypto.randomUUID(),
      })
    : null;
  // The import takes the service-role key itself (supabase driver), or a service_role JWT signed with the project's secret.
  const serviceSecret = config.SUPABASE_JWT_SECRET ? new TextEncoder().encode(config.SUPABASE_JWT_SECRET) : auth?.verifier.secret;
  const verifier = auth ? createAccessTokenVerifier(auth.verifier) : null;
  const webhooks = twilioMessaging.mode !== 'off';
  const signatures = countFailedSignatures(twilioMessaging.signatures, metrics);
  // The job worker starts after the app is built; readiness asks it when this process is meant to run one.
  const jobsDatabase = options.jobs === false ? null : jobsDatabaseFor(config, opened.jobs, logger);
  let jobRunner: JobRunner | null = null;
  const privacy = new PrivacyService(deps, opened.privacy);
  const app = await buildApp({
    service,
    privacy,
    // GET /ready, in order.
    readiness: [
      { name: 'database', check: () => store.ping() },
      {
        name: 'jobs',
        check: async () => {
          if (jobsDatabase && !jobRunner?.running()) throw new Error('the job worker is not running');
        },
      },
      {
        name: 'migrations',
        check: async () => {
          const missing = await missingMigrations(ops, expectedMigrations);
          if (missing.length > 0) throw new Error(`${missing.length} not applied (first ${missing[0]})`);
        },
      },
    ],
    metrics,
    metricsToken: config.METRICS_TOKEN ?? null,
    // The analysts' dashboard reads the analytics views over SQL; the supabase driver has no SQL connection (and
    // service_role no grant on the views), so there it is not served.
    ...(config.ANALYTICS_TOKEN && !opened.supabase ? { analytics: { reader: createSqlAnalyticsReader(client), token: config.ANALYTICS_TOKEN } } : {}),
    rateLimits: config.RATE_LIMITS
      ? {
          startsPerMinute: config.RATE_LIMIT_STARTS_PER_MINUTE,
          repliesPerMinute: config.RATE_LIMIT_REPLIES_PER_MINUTE,
          inboundPerMinute: config.RATE_LIMIT_INBOUND_PER_MINUTE,
        }
      : null,
    ...(verifier
      ? {
          userOnboarding: {
            onboarding: new UserOnboardingService(deps, service, config.USER_FLOW, { store: images, maxBytes: config.IMAGE_MAX_BYTES }),
            photoMaxBytes: config.IMAGE_MAX_BYTES,
            authenticate: (request) => verifier.verify(bearerToken(request.headers.authorization)),
          },
        }
      : {}),
    resume,
    billing: { ...billing.routes(), signatureRefused: () => metrics.webhookVerificationFailed('stripe') },
    ...(verifier
      ? {
          workspaces: {
            workspaces: new WorkspaceService({ store: opened.workspaces, checkout: billing.checkout, localizer, ...workspaceDeps }),
            authenticate: (request) => verifier.verify(bearerToken(request.headers.authorization)),
          },
        }
      : {}),
    ...(practitioners
      ? { practitioners: { practitioners, requireServiceRole: serviceRoleGuard({ key: config.SUPABASE_SERVICE_ROLE_KEY, secret: serviceSecret }) } }
      : {}),
    sessionPhotos: {
      maxBytes: config.IMAGE_MAX_BYTES,
      answer: (input) => answerSessionPhoto(deps, service, { store: images, maxBytes: config.IMAGE_MAX_BYTES }, input),
    },
    logger,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    publicDir: config.PUBLIC_DIR,
    widgetOrigins: config.WIDGET_ORIGINS,
    ...(webhooks
      ? {
          twilioMessaging: {
            messaging: twilioMessaging.messagingService(service, { resume, ...(practitioners ? { phoneFlows: practitioners } : {}) }),
            signatures,
          },
          twilioVoice: {
            voice: createTwilioVoice({
              config, sessions: service, store, flows, localizer, logger, outboxWritten: () => twilioMessaging.worker.kick(), phoneFlows: practitioners ?? undefined,
            }),
            signatures,
          },
        }
      : {}),
  });
  twilioMessaging.worker.start();
  // Abandoned anonymous sessions: pg_cron removes them where it runs, this timer elsewhere.
  const cleanupTimer = startCleanupScheduler({
    cleanup,
    maxAgeDays: config.SESSION_MAX_AGE_DAYS,
    completedDays: config.COMPLETED_SESSION_RETENTION_DAYS,
    intervalMinutes: config.CLEANUP_INTERVAL_MINUTES,
    logger,
  });
  const periodic: PeriodicJob[] = [
    ...reminderJobs(nudges, opened.reminders, config.SESSION_ABANDON_AFTER_DAYS, clock),
    { name: 'workspace-messages', cron: '*/5 * * * *', run: () => sendWorkspaceMessages(workspaceMessages, clock()) },
    // Profiles a failure left in generating_chart (a database restart mid-generation) are made again every minute,
    // not only at the next boot (issue 15, item 3). Generation is idempotent and the version check lets one win.
    { name: 'recover-generating', cron: '* * * * *', run: () => service.profiles.recover() },
  ];
  const jobs = jobsDatabase ? await startJobRunner({ database: jobsDatabase, jobs: periodic, logger }) : null;
  if (jobs) logger.info({ jobs: 'on' }, `job worker: ${jobs.description}`);
  jobRunner = jobs;
  return {
    app,
    service,
    nudges,
    resume,
    workspaceMessages,
    jobs,
    store,
    sql: client,
    appliedMigrations: migrations.applied,
    outbox: twilioMessaging.worker,
    metrics,
    auth: auth?.description ?? null,
    twilioWebhooks: twilioMessaging.mode,
    close: async () => {
      // A keep-alive connection that finishes its request after close began would stay open (idle) and hold
      // close() until its keep-alive timeout: close connections as they go idle (battery: SIGTERM under load).
      const idle = setInterval(() => app.server.closeIdleConnections(), 50);
      try {
        await app.close();
      } finally {
        clearInterval(idle);
      }
      await jobs?.stop();
      await service.profiles.drain();
      await twilioMessaging.worker.stop();
      await cleanupTimer.stop();
      await cleanup.close?.();
      await store.close();
    },
  };
}
