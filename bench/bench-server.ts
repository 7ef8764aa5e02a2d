/**
 * The service as the benchmark runs it: src/server.ts without recovery and signal handling, plus per-stage
 * turn timings in the log when TURN_TIMINGS=1. Started by bench/turn-bench.ts as a child process.
 */
import { composeService } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const service = await composeService(config, logger, { timeTurns: process.env.TURN_TIMINGS === '1' });
await service.app.listen({ host: config.HOST, port: config.PORT });

// The parent stops us with SIGTERM; close the pool so Postgres sees clean disconnects.
process.once('SIGTERM', () => {
  service.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
