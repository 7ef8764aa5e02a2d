-- The catalog rules that keep new tables and views safe by default: a table in an exposed schema without RLS,
-- or a view that runs as its owner, fails here before it can leak. Also pins who may touch the service-only
-- tables and functions.
begin;
create extension if not exists pgtap with schema extensions;
select plan(19);

-- Exposed schemas: [api] schemas in supabase/config.toml. Objects owned by extensions are not ours to fix.
select is_empty($$
  select n.nspname || '.' || c.relname
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname in ('public', 'graphql_public') and c.relkind in ('r', 'p') and not c.relrowsecurity
    and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
$$, 'every table in an exposed schema has row-level security enabled');

select is_empty($$
  select n.nspname || '.' || c.relname
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname in ('public', 'graphql_public') and c.relkind = 'v'
    and not coalesce(c.reloptions && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1'], false)
    and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
$$, 'every view in an exposed schema is security_invoker');

select is_empty($$
  select n.nspname || '.' || c.relname
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname in ('public', 'graphql_public') and c.relkind = 'm'
$$, 'no materialized view in an exposed schema (RLS cannot guard one)');

select is_empty($$
  select p.oid::regprocedure::text || ' by ' || r.rolname
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  cross join (select rolname from pg_roles where rolname in ('anon', 'authenticated', 'analyst')) r
  where n.nspname = 'public' and has_function_privilege(r.rolname, p.oid, 'execute')
    and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
$$, 'no function in public is executable by anon, authenticated or analyst');

select table_privs_are('public', 'onboarding_events', 'anon', array[]::text[], 'anon has no privilege on the event log');
select table_privs_are('public', 'onboarding_events', 'authenticated', array[]::text[], 'authenticated has no privilege on the event log');
select table_privs_are('public', 'onboarding_events', 'analyst', array[]::text[], 'analyst has no privilege on the event log');
select table_privs_are('public', 'onboarding_inbox', 'anon', array[]::text[], 'anon has no privilege on the inbox');
select table_privs_are('public', 'onboarding_inbox', 'authenticated', array[]::text[], 'authenticated has no privilege on the inbox');
select table_privs_are('public', 'onboarding_inbox', 'analyst', array[]::text[], 'analyst has no privilege on the inbox');
select col_is_pk('public', 'onboarding_inbox', array['channel', 'sender', 'message_key'],
  'the inbox is keyed per channel and sender: another number''s equal message id is another message');
select table_privs_are('public', 'instant_onboarding_sessions', 'anon', array['SELECT'], 'anon may only select sessions (rows by policy)');
select table_privs_are('public', 'instant_onboarding_profiles', 'anon', array['SELECT'], 'anon may only select profiles at table level');
select column_privs_are('public', 'instant_onboarding_profiles', 'viewed_chart', 'anon', array['SELECT', 'UPDATE'],
  'anon may update viewed_chart');
select column_privs_are('public', 'instant_onboarding_profiles', 'converted_to_full_user', 'anon', array['SELECT'],
  'anon may not update converted_to_full_user');
select table_privs_are('public', 'instant_onboarding_sessions', 'analyst', array[]::text[], 'analyst has no privilege on sessions');

select is(
  (select count(*)::int from pg_policies where schemaname = 'public' and tablename in ('onboarding_events', 'onboarding_inbox')),
  0, 'the event log and the inbox have no policy: only the owner and service_role (BYPASSRLS) reach them');

select has_index('public', 'onboarding_inbox', 'onboarding_inbox_session_idx', array['session_id'],
  'deleting a session finds its inbox rows by index');
-- On Supabase (supabase_admin exists) authenticator is PostgREST's login role, with a password and an 8-second
-- statement timeout; a local cluster's bootstrap makes it NOLOGIN (no passwordless way to service_role).
select ok(
  case when exists (select from pg_roles where rolname = 'supabase_admin')
    then (select rolcanlogin and rolconfig @> array['statement_timeout=8s'] from pg_roles where rolname = 'authenticator')
    else not (select rolcanlogin from pg_roles where rolname = 'authenticator')
  end,
  'authenticator: PostgREST''s login role with an 8 s statement timeout on Supabase; cannot log in locally');

select * from finish();
rollback;
