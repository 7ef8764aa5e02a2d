-- CI only (scripts/run-pgtap.sh): turns a fresh PostgreSQL 15 cluster into one set up the way a Supabase
-- project's database is, so `supabase db push`, `supabase db lint` and the pgTAP tests meet what they meet
-- there. Written from Supabase's documentation of its roles, timeouts and grants ("Postgres Roles",
-- "Timeouts", "Securing your API"), not copied from its files. Run by the cluster's superuser,
-- supabase_admin, with psql variables postgres_password and authenticator_password.
--
-- What it makes:
--   supabase_admin   superuser (the cluster's bootstrap user; Supabase keeps it to itself)
--   postgres         the role a project's owner and the CLI use: LOGIN, not a superuser, with CREATEROLE,
--                    CREATEDB, REPLICATION and BYPASSRLS; a member of the API roles so it can SET ROLE to them
--   anon, authenticated, service_role
--                    the API roles PostgREST switches to per request: NOLOGIN NOINHERIT; service_role BYPASSRLS
--   authenticator    PostgREST's login role: LOGIN NOINHERIT, a member of the three, 8-second statement timeout
--                    (anon 3 s and authenticated 8 s of their own, as Supabase sets them)
--   supabase_auth_admin  owns the auth schema and its helper functions (auth.uid(), auth.jwt(), auth.role())
--   extensions       a schema for extensions (pgtap, plpgsql_check), on the database's search_path
--   public           usage for the API roles, and default privileges so tables, sequences and functions that
--                    postgres (or supabase_admin) creates there are granted to anon, authenticated, service_role:
--                    RLS policies and explicit revokes are what protect them, as on Supabase
\set ON_ERROR_STOP on

create role postgres login createrole createdb replication bypassrls password :'postgres_password';

create role anon nologin noinherit;
create role authenticated nologin noinherit;
create role service_role nologin noinherit bypassrls;
create role authenticator login noinherit password :'authenticator_password';
grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres;

alter role authenticator set statement_timeout = '8s';
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

-- The database the project uses: postgres may create schemas in it (migrations, supabase_migrations).
grant create, connect, temporary on database postgres to postgres;
grant connect on database postgres to anon, authenticated, service_role, authenticator;

-- public: PostgreSQL 15 gives PUBLIC no CREATE there; the project's owner creates, the API roles use.
grant usage, create on schema public to postgres;
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to anon, authenticated, service_role;

-- Extensions live in their own schema, usable by every role, on the search path.
create schema extensions;
-- postgres may pass usage on to roles it makes (the analyst test grants it to analyst, for pgTAP's functions).
grant usage on schema extensions to postgres with grant option;
grant usage on schema extensions to anon, authenticated, service_role;
alter default privileges in schema extensions grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema extensions grant all on functions to postgres, anon, authenticated, service_role;
create extension pgtap with schema extensions;
-- `supabase db lint` runs plpgsql_check; on Supabase it is on the list of extensions a project may enable.
-- Here the superuser enables it once (postgres may not), so the lint's "create extension if not exists" finds it.
create extension plpgsql_check with schema extensions;
alter database postgres set search_path = "$user", public, extensions;

-- auth: Supabase Auth's schema, owned by its admin role. Only the helper functions the policies use.
create role supabase_auth_admin nologin noinherit createrole;
create schema auth authorization supabase_auth_admin;
grant usage on schema auth to postgres, anon, authenticated, service_role;

create function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

create function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

alter function auth.jwt() owner to supabase_auth_admin;
alter function auth.uid() owner to supabase_auth_admin;
alter function auth.role() owner to supabase_auth_admin;
grant execute on function auth.jwt(), auth.uid(), auth.role() to postgres, anon, authenticated, service_role;
