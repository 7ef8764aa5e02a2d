import type { Config } from '../config.js';
import type { ServiceLogger } from '../sessions/service-deps.js';
import type { JobsDatabase } from '../store/open-store.js';

/**
 * Where this process runs its job worker: the store's own database (SQL drivers), else JOBS_DATABASE_URL (the
 * supabase driver); null with JOBS=false, or with the supabase driver and no URL (said once, as a warning).
 */
export function jobsDatabaseFor(config: Pick<Config, 'JOBS' | 'JOBS_DATABASE_URL'>, storeDatabase: JobsDatabase | null, logger: ServiceLogger): JobsDatabase | null {
  if (!config.JOBS) return null;
  if (storeDatabase) return storeDatabase;
  if (config.JOBS_DATABASE_URL) return { kind: 'postgres', url: config.JOBS_DATABASE_URL };
  logger.warn({ jobs: 'off' }, 'no job worker: the supabase driver needs JOBS_DATABASE_URL for it (nudges and abandoned sessions wait)');
  return null;
}
