#!/usr/bin/env bash
# Runs the database tests (supabase/tests/database/*.test.sql, pgTAP) the way they would meet a Supabase project:
#   1. a throwaway PostgreSQL 15 cluster set up as Supabase sets up its databases (supabase/ci/
#      supabase-like-cluster.sql: superuser supabase_admin; a non-superuser `postgres` with CREATEROLE and
#      BYPASSRLS; anon, authenticated, service_role, authenticator with its 8-second statement timeout; the
#      grants and default privileges on public; auth.uid() owned by supabase_auth_admin);
#   2. the migrations and the seed applied by the Supabase CLI as `postgres`: `supabase db push --db-url
#      --include-seed` (each migration in its own transaction, recorded in supabase_migrations.schema_migrations);
#   3. `supabase db lint --fail-on error` (plpgsql_check over every function);
#   4. the pgTAP tests with pg_prove, connected as `postgres`.
# Needs: PostgreSQL 15 server binaries, pgTAP and plpgsql_check for 15, pg_prove, and `npm ci` (the `supabase`
# devDependency). On Debian/Ubuntu:
#   apt-get install postgresql-15 postgresql-15-pgtap postgresql-15-plpgsql-check libtap-parser-sourcehandler-pgtap-perl
# PG_BIN overrides where the server binaries are (default /usr/lib/postgresql/15/bin); PGTAP_PORT the TCP port
# on 127.0.0.1 (default 54329; the CLI connects over TCP). As root the server runs as the `postgres` system user.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
port=${PGTAP_PORT:-54329}
supabase="$repo/node_modules/.bin/supabase"

for tool in "$pg_bin/initdb" "$pg_bin/pg_ctl"; do
  [ -x "$tool" ] || { echo "run-pgtap: $tool not found; install postgresql-15 or set PG_BIN" >&2; exit 2; }
done
command -v pg_prove >/dev/null || { echo "run-pgtap: pg_prove not found; install libtap-parser-sourcehandler-pgtap-perl" >&2; exit 2; }
[ -x "$supabase" ] || { echo "run-pgtap: $supabase not found; run npm ci" >&2; exit 2; }
[ -f "$("$pg_bin/pg_config" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)/extension/plpgsql_check.control" ] ||
  { echo "run-pgtap: plpgsql_check not found; install postgresql-15-plpgsql-check" >&2; exit 2; }

started=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/onboarding-pgtap-XXXXXX")
as_server_user() { "$@"; }
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || { echo "run-pgtap: as root, a postgres system user is needed to run the server" >&2; exit 2; }
  chown postgres "$work"
  as_server_user() { runuser -u postgres -- "$@"; }
fi
chmod 755 "$work"

stop() {
  as_server_user "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

# The bootstrap superuser is supabase_admin, as on Supabase. The Unix socket (in the throwaway folder) trusts
# local users, for the setup only; TCP on 127.0.0.1 asks for passwords, as a Supabase database does.
as_server_user "$pg_bin/initdb" -D "$work/data" -U supabase_admin --auth-local=trust --auth-host=scram-sha-256 \
  --locale=C --encoding=UTF8 >/dev/null
as_server_user "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c unix_socket_directories='$work' -c port=$port -c fsync=off" start >/dev/null \
  || { cat "$work/server.log" >&2; exit 1; }

postgres_password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
authenticator_password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
psql -X -q -h "$work" -p "$port" -U supabase_admin -d postgres -v ON_ERROR_STOP=1 \
  -v postgres_password="$postgres_password" -v authenticator_password="$authenticator_password" \
  -f "$repo/supabase/ci/supabase-like-cluster.sql" >/dev/null

# No TLS on a loopback throwaway server (the CLI asks for it unless told).
db_url="postgresql://postgres:$postgres_password@127.0.0.1:$port/postgres?sslmode=disable"
export SUPABASE_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
echo "run-pgtap: supabase db push (migrations and seed, as postgres)"
"$supabase" db push --db-url "$db_url" --include-seed --yes --workdir "$repo" 2>&1 | grep -v '^Applying migration ' || true
# db push's own exit status is lost in the pipe above: the migration table says whether everything went in.
expected=$(ls "$repo"/supabase/migrations/*.sql | wc -l)
applied=$(PGPASSWORD="$postgres_password" psql -X -At -h 127.0.0.1 -p "$port" -U postgres -d postgres \
  -c 'select count(*) from supabase_migrations.schema_migrations' 2>/dev/null || echo 0)
if [ "$applied" != "$expected" ]; then
  echo "run-pgtap: supabase db push applied $applied of $expected migrations" >&2
  exit 1
fi

status=0
echo "run-pgtap: supabase db lint --fail-on error"
"$supabase" db lint --db-url "$db_url" --fail-on error --workdir "$repo" || status=1

PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres PGPASSWORD="$postgres_password" PGDATABASE=postgres \
  PGOPTIONS="-c client_min_messages=warning" pg_prove "$repo"/supabase/tests/database/*.test.sql || status=1
echo "run-pgtap: $(($(date +%s) - started))s (cluster, supabase db push, lint, tests)"
exit "$status"
