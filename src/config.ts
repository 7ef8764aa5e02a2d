import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { ConfigError } from './errors.js';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const commaList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** "key=value,key=value" into a record; every key and value must match its pattern. */
function keyValueList(key: RegExp, value: RegExp, example: string) {
  return z.string().transform((text, ctx) => {
    const entries: Record<string, string> = {};
    for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [k, v, ...rest] = part.split('=').map((x) => x.trim());
      if (!k || !v || rest.length > 0 || !key.test(k) || !value.test(v)) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not of the form ${example}` });
        return z.NEVER;
      }
      entries[k.replace(/^whatsapp:/, '')] = v;
    }
    return entries;
  });
}

/** The HOST values that listen on the loopback interface only: the machine itself can reach the service, nothing else. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'] as const;

export function isLoopbackHost(host: string): boolean {
  return (LOOPBACK_HOSTS as readonly string[]).includes(host);
}

const E164 = /^(whatsapp:)?\+[1-9]\d{6,14}$/;

/** Every environment variable the service reads; documented in .env.example and the README. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // When set, GET /metrics (Prometheus) needs `Authorization: Bearer <METRICS_TOKEN>`; unset, it is open.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // When set, the analysts' dashboard is served at /analytics with this as its password (SQL drivers only).
  ANALYTICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // Connections to DATABASE_URL. postgres.js pipelines queries on busy connections, and one process's turns need
  // less than one backend can commit: a few connections are faster than many (README, Performance).
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(2),
  // Service processes on PORT (node:cluster: a primary forks this many workers, each the whole service). Above 1
  // needs a database server (DATABASE_URL or the supabase driver): the embedded database lives in one process.
  SERVICE_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  // Sessions whose row this process keeps after a turn, so the next turn needs no read (0: read every turn).
  SESSION_CACHE_SIZE: z.coerce.number().int().min(0).max(10_000_000).default(10_000),
  // The supabase driver: both together, instead of DATABASE_URL. The service-role key bypasses RLS; it stays on the server.
  SUPABASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20).optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  FLOWS_DIR: z.string().min(1).default('./flows'),
  LOCALES_DIR: z.string().min(1).default('./locales'),
  SUPABASE_DIR: z.string().min(1).default('./supabase'),
  DEFAULT_FLOW: z.string().min(1).default('instant-birth-chart'),
  // Signed-in users (Supabase Auth access tokens): the project's JWT secret (HS256) and/or its JWKS (asymmetric keys).
  // Neither: a local service makes a development secret in DATA_DIR; beyond loopback or in production it refuses to start.
  SUPABASE_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SUPABASE_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  // When set, a token's `iss` must be this (e.g. https://<ref>.supabase.co/auth/v1).
  SUPABASE_JWT_ISSUER: z.string().min(1).optional(),
  // Photo answers (image steps): the largest upload or media message taken, and where they are kept. With the supabase
  // driver, IMAGE_STORAGE_BUCKET names the Storage bucket; otherwise they go to DATA_DIR/uploads.
  IMAGE_MAX_BYTES: z.coerce.number().int().min(1000).max(50_000_000).default(5_000_000),
  IMAGE_STORAGE_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'a Supabase Storage bucket name').optional(),
  // Rate limits (per process, per minute): starts per client IP, replies per session, inbound messages and call
  // webhooks per sender number; RATE_LIMITS=false turns them off (the tests do, but for the test of the limits).
  RATE_LIMITS: booleanFlag.default(true),
  RATE_LIMIT_STARTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  RATE_LIMIT_REPLIES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  RATE_LIMIT_INBOUND_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  // The most turns one session takes; more answer 429 (a flood of replies to one session stores nothing more).
  SESSION_MAX_TURNS: z.coerce.number().int().min(10).max(100_000).default(300),
  // The signed-in users' onboarding the status API runs when a request names no ?flow= (a flow with audience user).
  USER_FLOW: z.string().min(1).default('user-profile'),
  DEFAULT_LANGUAGE: z.string().min(2).default('en'),
  // Practitioners (issue 17): the flow a verified phone runs, and where an onboarded practitioner is sent.
  PRACTITIONER_FLOW: z.string().min(1).default('practitioner-onboarding'),
  DASHBOARD_URL: z.string().min(1).max(2000).default('/dashboard'),
  // One-time codes by SMS: Twilio Verify when its service is set (needs the Twilio credentials); otherwise, outside
  // production, console mode (codes made here, only a keyed hash stored, the code written to the log).
  TWILIO_VERIFY_SERVICE_SID: z.string().regex(/^VA[0-9a-fA-F]{32}$/, 'must be VA followed by 32 hex digits').optional(),
  OTP_ALLOWED_COUNTRIES: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[A-Z]{2}$/, 'ISO country codes such as US,GB,ES')))
    .default([]),
  OTP_SENDS_PER_HOUR_PER_PHONE: z.coerce.number().int().min(1).max(1000).default(5),
  OTP_SENDS_PER_HOUR_PER_IP: z.coerce.number().int().min(1).max(100_000).default(20),
  // Console mode's key for the codes' hashes; unset: a random one per process (codes do not outlive a restart).
  OTP_HASH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_DIR: z.string().min(1).default('./public'),
  WIDGET_ORIGINS: commaList.default([]),
  PROFILE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
  RECOVER_ON_BOOT: booleanFlag.default(true),
  // Each turn's log line carries its stage timings (load, parse, transition, profile, persist...): for benchmarks.
  TURN_TIMINGS: booleanFlag.default(false),
  // Incomplete anonymous sessions untouched this long are removed (cleanup_expired_onboarding_sessions).
  SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  // Completed anonymous sessions finished this many days ago are removed by the same cleanup; 0 keeps them forever.
  COMPLETED_SESSION_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  // How often the service runs that cleanup where pg_cron does not; 0 turns the service's timer off.
  CLEANUP_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  // Open sessions untouched this long are marked abandoned (counted as a drop-off at their step).
  SESSION_ABANDON_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  // Run the job worker (nudges, abandoned sessions) in this process; false in processes that only serve turns.
  JOBS: booleanFlag.default(true),
  // The Postgres the job queue (pg-boss) uses with the supabase driver (its direct or session-pooler URL); the SQL
  // drivers use their own database. Without it, the supabase driver runs no jobs.
  JOBS_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // No nudge in these hours of the person's own time zone (HH:MM-HH:MM; may wrap midnight); it waits for the morning.
  NUDGE_QUIET_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must look like 21:00-09:00')
    .default('21:00-09:00'),
  // Email (reminders of web sessions): SMTP through nodemailer, e.g. smtps://user:pass@smtp.example.com:465.
  // Without it, emails are written to the log (console mode).
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  EMAIL_FROM: z.string().min(3).default('Onboarding <onboarding@localhost>'),
  // Signs magic links (PUBLIC_URL/r/<token>); at least 32 characters. Without it: a random secret kept in
  // DATA_DIR/dev-resume-secret (in memory without DATA_DIR: links then end with the process).
  RESUME_LINK_SECRET: z.string().min(32).optional(),
  RESUME_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  // The bot's own numbers, offered by the widget's "continue on WhatsApp / by SMS" links; SMS fallbacks of
  // WhatsApp nudges are sent from TWILIO_SMS_NUMBER.
  TWILIO_SMS_NUMBER: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number').optional(),
  TWILIO_WHATSAPP_NUMBER: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number').optional(),
  // Stripe (the workspace flow's payments). Without STRIPE_SECRET_KEY: console mode (payment links go to the log).
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_test_... / sk_live_...)').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_...)').optional(),
  STRIPE_PRICE_ID: z.string().regex(/^price_\w+$/, 'must be a Stripe price id (price_...)').optional(),
  // Tests and local development: Stripe's API at another address (a local fake), e.g. http://127.0.0.1:12111.
  STRIPE_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
  STRIPE_TRIAL_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  // false: no free trial is offered; every workspace waits for its first payment.
  STRIPE_ENABLE_TRIALS: booleanFlag.default(true),
  // The URL Twilio calls (behind a TLS proxy: the public https one); webhook signatures are computed over it.
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')).optional(),
  // Both or neither. Neither: the Twilio webhooks are not mounted, unless TWILIO_CONSOLE asks for console mode.
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  // Development only: mount the Twilio webhooks without credentials, unsigned (console mode), on a loopback HOST.
  TWILIO_CONSOLE: booleanFlag.default(false),
  // Which flow a first message to each of the bot's numbers starts: "+15550001111=flow-id,...". Others: DEFAULT_FLOW.
  TWILIO_FLOW_BY_NUMBER: keyValueList(E164, /^[A-Za-z0-9_.-]+$/, '+15550001111=flow-id').default({}),
  // WhatsApp templates for messages outside the 24-hour window, per message kind: "profile_ready=HX...".
  TWILIO_WHATSAPP_TEMPLATES: keyValueList(/^[a-z_]+$/, /^HX[0-9a-fA-F]{32}$/, 'profile_ready=HX<32 hex>').default({}),
  // How often the outbox worker looks for due messages; 0: only when a turn writes one (and at boot).
  TWILIO_OUTBOX_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  TWILIO_OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  // The first retry waits this long; each next one twice as long (at most an hour).
  TWILIO_OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(2_000),
  // Phone calls: speech recognised with less confidence than this (0 to 1) is read back to be confirmed.
  VOICE_CONFIRM_BELOW: z.coerce.number().min(0).max(1).default(0.6),
  // Twilio language tags and <Say> voices per session language, over the defaults (en-US Polly.Joanna-Neural...).
  TWILIO_VOICE_LANGUAGES: keyValueList(/^[a-z]{2,3}$/, /^[a-z]{2,3}(-[A-Za-z]{2,4}){1,2}$/, 'es=es-MX').default({}),
  TWILIO_VOICE_VOICES: keyValueList(/^[a-z]{2,3}$/, /^((Polly|Google)\.[A-Za-z0-9_.-]+|man|woman|alice)$/, 'es=Polly.Mia-Neural').default({}),
}).superRefine((config, ctx) => {
  if (Boolean(config.SUPABASE_URL) !== Boolean(config.SUPABASE_SERVICE_ROLE_KEY)) {
    const missing = config.SUPABASE_URL ? 'SUPABASE_SERVICE_ROLE_KEY' : 'SUPABASE_URL';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY go together' });
  }
  if (Boolean(config.TWILIO_ACCOUNT_SID) !== Boolean(config.TWILIO_AUTH_TOKEN)) {
    const missing = config.TWILIO_ACCOUNT_SID ? 'TWILIO_AUTH_TOKEN' : 'TWILIO_ACCOUNT_SID';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN go together' });
  }
  if (config.TWILIO_AUTH_TOKEN && !config.PUBLIC_URL) {
    ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'needed with Twilio credentials: webhook signatures are checked against it' });
  }
  if (config.TWILIO_VERIFY_SERVICE_SID && !config.TWILIO_AUTH_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['TWILIO_VERIFY_SERVICE_SID'], message: 'Twilio Verify needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN' });
  }
  if (config.TWILIO_CONSOLE && config.TWILIO_AUTH_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['TWILIO_CONSOLE'], message: 'console mode is for running without Twilio credentials: unset TWILIO_CONSOLE or the credentials' });
  }
  if (config.TWILIO_CONSOLE && !isLoopbackHost(config.HOST)) {
    ctx.addIssue({
      code: 'custom',
      path: ['TWILIO_CONSOLE'],
      message: `console mode takes unsigned webhooks, so only on a loopback HOST (${LOOPBACK_HOSTS.join(', ')}), not ${config.HOST}`,
    });
  }
  if (config.STRIPE_SECRET_KEY && !config.STRIPE_PRICE_ID) {
    ctx.addIssue({ code: 'custom', path: ['STRIPE_PRICE_ID'], message: 'needed with STRIPE_SECRET_KEY: the price a paying workspace buys' });
  }
  if (config.SERVICE_PROCESSES > 1 && !config.DATABASE_URL && !config.SUPABASE_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['SERVICE_PROCESSES'],
      message: 'above 1 needs DATABASE_URL (or the supabase driver): the embedded database (PGlite) lives inside one process, so it serves one',
    });
  }
  if (config.SUPABASE_URL && config.DATABASE_URL) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'set either DATABASE_URL or SUPABASE_URL, not both' });
  }
});

/** The service's validated configuration. */
export type Config = z.infer<typeof configSchema>;

/** Where people and providers reach this service: PUBLIC_URL, else its own address (local development). */
export function publicUrlOf(config: Pick<Config, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string {
  return config.PUBLIC_URL ?? `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
}

/** Reads the configuration from an environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env, fromFile: ReadonlySet<string> = new Set()): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => {
      const name = issue.path.join('.');
      return `  ${name}${fromFile.has(name) ? ' (from .env)' : ''}: ${issue.message}`;
    })
    .join('\n');
  throw new ConfigError(`Invalid configuration:\n${problems}`);
}

/**
 * The environment with a `.env` file under it: the file's variables (Node's own parser, `util.parseEnv`, the
 * one behind `--env-file`) for those the real environment does not set, so the real environment wins; an empty
 * value in the environment counts as unset, as in loadConfig. No file, no change. Nothing is written into
 * process.env, and the result goes through the same validation (loadConfig) as the environment alone.
 */
export function withEnvFile(
  env: Record<string, string | undefined> = process.env,
  path = '.env',
): { env: Record<string, string | undefined>; fromFile: Set<string> } {
  if (!existsSync(path)) return { env, fromFile: new Set() };
  const file = parseEnv(readFileSync(path, 'utf8'));
  const fromFile = new Set(Object.keys(file).filter((name) => env[name] === undefined || env[name] === ''));
  const merged: Record<string, string | undefined> = { ...env };
  for (const name of fromFile) merged[name] = file[name];
  return { env: merged, fromFile };
}

/** The service's configuration at boot: the environment over `.env` (see withEnvFile), validated. */
export function loadConfigAtBoot(path = '.env'): Config {
  const { env, fromFile } = withEnvFile(process.env, path);
  return loadConfig(env, fromFile);
}
