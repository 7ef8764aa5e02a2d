import { z } from 'zod';
import { ConfigError } from './errors.js';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const commaList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** Every environment variable the service reads; documented in .env.example and the README. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // The supabase driver: both together, instead of DATABASE_URL. The service-role key bypasses RLS; it stays on the server.
  SUPABASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20).optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  FLOWS_DIR: z.string().min(1).default('./flows'),
  LOCALES_DIR: z.string().min(1).default('./locales'),
  SUPABASE_DIR: z.string().min(1).default('./supabase'),
  DEFAULT_FLOW: z.string().min(1).default('instant-birth-chart'),
  DEFAULT_LANGUAGE: z.string().min(2).default('en'),
  PUBLIC_DIR: z.string().min(1).default('./public'),
  WIDGET_ORIGINS: commaList.default([]),
  PROFILE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
  RECOVER_ON_BOOT: booleanFlag.default(true),
  // Incomplete anonymous sessions untouched this long are removed (cleanup_expired_onboarding_sessions).
  SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  // How often the service runs that cleanup where pg_cron does not; 0 turns the service's timer off.
  CLEANUP_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
}).superRefine((config, ctx) => {
  if (Boolean(config.SUPABASE_URL) !== Boolean(config.SUPABASE_SERVICE_ROLE_KEY)) {
    const missing = config.SUPABASE_URL ? 'SUPABASE_SERVICE_ROLE_KEY' : 'SUPABASE_URL';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY go together' });
  }
  if (config.SUPABASE_URL && config.DATABASE_URL) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'set either DATABASE_URL or SUPABASE_URL, not both' });
  }
});

/** The service's validated configuration. */
export type Config = z.infer<typeof configSchema>;

/** Reads the configuration from an environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
  throw new ConfigError(`Invalid configuration:\n${problems}`);
}
