/**
 * npm run seed:demo
 * Loads supabase/seed.sql (the analytics demo: 400 instant-birth-chart sessions and 200 signed-in users'
 * onboarding, 60% completed, 20% in progress, 10% not started, 10% skipped) into the configured database: the
 * embedded one in DATA_DIR, or DATABASE_URL, migrated first. Once only: a database that has the demo already is
 * left as it is. A Supabase project loads the same file with `supabase db reset`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigAtBoot } from '../src/config.js';
import { openStore, storeTargetFrom } from '../src/store/open-store.js';

async function main(): Promise<void> {
  const config = loadConfigAtBoot();
  const target = storeTargetFrom(config);
  if (target.kind === 'supabase') {
    throw new Error('seed:demo writes through SQL: for a Supabase project run `supabase db reset` (it loads supabase/seed.sql), or set DATABASE_URL.');
  }
  const opened = await openStore(target, config.SUPABASE_DIR);
  try {
    const [present] = await opened.client.query<{ seeded: boolean }>(
      `select exists (select 1 from public.instant_onboarding_sessions where id = md5('demo-session:1')::uuid) as seeded`,
    );
    if (present?.seeded) {
      process.stdout.write('the demo data is already in this database; nothing was changed\n');
      return;
    }
    await opened.client.transaction(async (tx) => tx.exec(readFileSync(join(config.SUPABASE_DIR, 'seed.sql'), 'utf8')));
    const counts = await opened.client.query<{ status: string; users: number }>(
      `select status, count(*)::int as users from public.user_onboarding where flow_id = 'user-profile' group by status order by status`,
    );
    process.stdout.write(
      `seeded ${opened.store.description}: 400 instant-birth-chart sessions; signed-in users ${counts.map((c) => `${c.status} ${c.users}`).join(', ')}\n`,
    );
  } finally {
    await opened.store.close();
    await opened.cleanup.close?.();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
