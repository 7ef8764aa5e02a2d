import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { answerParsers } from './conversation/parsers/index.js';
import { FlowFileError } from './errors.js';
import { missingFlowTranslations } from './flows/check-flow-translations.js';
import { loadFlows } from './flows/load-flows.js';
import { createLocalizer } from './i18n/create-i18n.js';
import { placeIndex } from './places/place-index.js';
import { profileGenerators } from './profiles/generators.js';
import { SessionService } from './sessions/session-service.js';
import { startCleanupScheduler } from './store/cleanup-scheduler.js';
import { openStore, storeTargetFrom, type StoreTarget } from './store/open-store.js';
import type { SessionStore } from './store/session-store.js';
import type { SqlClient } from './store/sql-client.js';

/** A running service: the app and everything it holds, with one close for all. */
export interface Service {
  app: FastifyInstance;
  service: SessionService;
  store: SessionStore;
  /** The database connection under the store (tests read the event log through it). */
  sql: SqlClient;
  appliedMigrations: string[];
  close(): Promise<void>;
}

/** Builds the whole service from configuration: locales, flows, database (migrated), app. */
export async function composeService(
  config: Config,
  logger: Logger,
  options: { storeTarget?: StoreTarget; clock?: () => Date } = {},
): Promise<Service> {
  const localizer = createLocalizer(config.LOCALES_DIR, config.DEFAULT_LANGUAGE);
  const flows = loadFlows(config.FLOWS_DIR);
  const missing = missingFlowTranslations(flows.values(), localizer);
  if (missing.length > 0) throw new FlowFileError(config.FLOWS_DIR, `missing translations:\n  ${missing.join('\n  ')}`);
  if (!flows.has(config.DEFAULT_FLOW)) throw new FlowFileError(config.FLOWS_DIR, `DEFAULT_FLOW "${config.DEFAULT_FLOW}" is not a flow`);
  for (const runtime of flows.values()) {
    if (!profileGenerators.has(runtime.definition.profile)) {
      throw new FlowFileError(runtime.definition.id, `profile generator "${runtime.definition.profile}" does not exist`);
    }
  }

  // Load the gazetteer now (about half a second) rather than in the first person's place answer.
  if ([...flows.values()].some((f) => f.definition.steps.some((s) => s.type === 'place'))) placeIndex();

  const { store, cleanup, client, migrations } = await openStore(options.storeTarget ?? storeTargetFrom(config), config.SUPABASE_DIR);
  const service = new SessionService({
    store,
    flows,
    localizer,
    parsers: answerParsers,
    generators: profileGenerators,
    logger,
    clock: options.clock ?? (() => new Date()),
    profileWaitMs: config.PROFILE_WAIT_MS,
    defaultFlow: config.DEFAULT_FLOW,
  });
  const app = await buildApp({
    service,
    logger,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    publicDir: config.PUBLIC_DIR,
    widgetOrigins: config.WIDGET_ORIGINS,
  });
  // Abandoned anonymous sessions: pg_cron removes them where it runs, this timer elsewhere.
  const cleanupTimer = startCleanupScheduler({
    cleanup,
    maxAgeDays: config.SESSION_MAX_AGE_DAYS,
    intervalMinutes: config.CLEANUP_INTERVAL_MINUTES,
    logger,
  });
  return {
    app,
    service,
    store,
    sql: client,
    appliedMigrations: migrations.applied,
    close: async () => {
      await app.close();
      await service.profiles.drain();
      await cleanupTimer.stop();
      await store.close();
    },
  };
}
