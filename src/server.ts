import cluster from 'node:cluster';
import { describeTwilioWebhookMode } from './channels/twilio-webhook-mode.js';
import { closeOnSignals, runClusterPrimary } from './cluster.js';
import { composeService } from './compose.js';
import { loadConfigAtBoot } from './config.js';
import { AppError } from './errors.js';
import { createLogger } from './logger.js';

/** Process shell: configuration, logger, listen, recovery, graceful shutdown; with SERVICE_PROCESSES > 1, the cluster's primary. */
async function main(): Promise<void> {
  const bootStarted = performance.now();
  // The environment, over a .env file in the working folder when there is one (the environment wins).
  const config = loadConfigAtBoot();
  // Several processes write to one stdout: each of their lines says which (the primary's too).
  const clustered = config.SERVICE_PROCESSES > 1;
  const logger = clustered ? createLogger(config.LOG_LEVEL).child({ pid: process.pid }) : createLogger(config.LOG_LEVEL);
  if (clustered && cluster.isPrimary) {
    runClusterPrimary(config, logger);
    return;
  }
  const service = await composeService(config, logger, { timeTurns: config.TURN_TIMINGS });
  // Fastify logs this text once when it listens: the one boot line says where, on which database, and whether
  // the Twilio webhooks are served (signed, console mode, or not mounted).
  await service.app.listen({
    host: config.HOST,
    port: config.PORT,
    listenTextResolver: (address) =>
      `listening on ${address} with ${service.store.description} (booted in ${Math.round(performance.now() - bootStarted)} ms, ` +
      `${service.appliedMigrations.length} migrations applied); ${describeTwilioWebhookMode(service.twilioWebhooks)}` +
      (service.auth ? `; signed-in users' tokens verified with ${service.auth}` : ''),
  });
  if (config.RECOVER_ON_BOOT) {
    service.service.profiles
      .recover()
      .then((count) => count > 0 && logger.info({ count }, 'finished profiles left over from before a restart'))
      .catch((error: unknown) => logger.error({ err: error }, 'profile recovery failed'));
  }
  closeOnSignals(logger, () => service.close());
}

main().catch((error: unknown) => {
  // Boot failures (bad configuration, broken flow file, unreachable database) are said plainly, once.
  const message = error instanceof AppError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`onboarding-bot failed to start: ${message}\n`);
  process.exit(1);
});
