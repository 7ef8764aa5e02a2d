import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, type TestStoreDriver } from '../support/test-store.js';
import type { SqlClient } from '../../src/store/sql-client.js';

// The same rules as supabase/tests/database/00_catalog.test.sql, here so `npm test` holds them on every
// database the service migrates (the pgTAP files need PostgreSQL 15 with pgTAP).
const EXPOSED = `('public', 'graphql_public')`;
const NOT_FROM_AN_EXTENSION = `not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')`;

describe.each<TestStoreDriver>(['embedded', 'postgres'])('catalog rules after migrating (%s)', (driver) => {
  let opened: TestStore;
  let sql: SqlClient;

  beforeAll(async () => {
    opened = await openTestStore(driver, 2);
    sql = opened.client;
  });
  afterAll(() => opened.close());

  it('every table in an exposed schema has row-level security', async () => {
    const rows = await sql.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ${EXPOSED} and c.relkind in ('r', 'p') and not c.relrowsecurity and ${NOT_FROM_AN_EXTENSION}`,
    );
    expect(rows).toEqual([]);
  });

  it('every view in an exposed schema is security_invoker, and there is no materialized view', async () => {
    const rows = await sql.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ${EXPOSED} and ${NOT_FROM_AN_EXTENSION}
         and (c.relkind = 'm' or (c.relkind = 'v'
              and not coalesce(c.reloptions && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1'], false)))`,
    );
    expect(rows).toEqual([]);
    const [views] = await sql.query<{ n: number }>(`select count(*)::int as n from pg_views where schemaname = 'public'`);
    expect(views?.n).toBeGreaterThanOrEqual(5);
  });

  it('the event log, the inbox, the outbox and the opt-outs are reachable by no API role but service_role', async () => {
    const rows = await sql.query<{ grantee: string; table_name: string }>(
      `select grantee, table_name from information_schema.role_table_grants
       where table_schema = 'public'
         and table_name in ('onboarding_events', 'onboarding_inbox', 'onboarding_outbox', 'onboarding_messaging_opt_outs')
         and grantee in ('anon', 'authenticated', 'analyst', 'PUBLIC')`,
    );
    expect(rows).toEqual([]);
  });

  it('the messaging functions are executable by service_role only', async () => {
    const rows = await sql.query<{ fn: string; role: string; allowed: boolean }>(
      `select p.proname as fn, r.role, has_function_privilege(r.role, p.oid, 'execute') as allowed
       from pg_proc p cross join unnest(array['anon', 'authenticated', 'service_role']) as r(role)
       where p.pronamespace = 'public'::regnamespace
         and p.proname in ('onboarding_find_open_session', 'onboarding_set_opt_out', 'onboarding_is_opted_out',
                           'onboarding_outbox_claim', 'onboarding_outbox_settle', 'onboarding_outbox_record_status')`,
    );
    expect(rows).toHaveLength(18);
    for (const row of rows) expect(row.allowed, `${row.role} on ${row.fn}`).toBe(row.role === 'service_role');
  });
});
