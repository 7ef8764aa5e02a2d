#!/usr/bin/env bash
# Runs the database tests (supabase/tests/database/*.test.sql, pgTAP) with pg_prove against a throwaway
# PostgreSQL 15 cluster: local roles bootstrap, every migration, the seed, then the tests.
# Needs: PostgreSQL 15 server binaries, pgTAP for 15, pg_prove. On Debian/Ubuntu:
#   apt-get install postgresql-15 postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl
# PG_BIN overrides where the server binaries are (default /usr/lib/postgresql/15/bin).
# As root the server runs as the `postgres` system user (Postgres refuses root); otherwise as you.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
port=54329

for tool in "$pg_bin/initdb" "$pg_bin/pg_ctl"; do
  [ -x "$tool" ] || { echo "run-pgtap: $tool not found; install postgresql-15 or set PG_BIN" >&2; exit 2; }
done
command -v pg_prove >/dev/null || { echo "run-pgtap: pg_prove not found; install libtap-parser-sourcehandler-pgtap-perl" >&2; exit 2; }

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

# Unix socket only, in the throwaway folder: no TCP port to collide with a developer's own server.
as_server_user "$pg_bin/initdb" -D "$work/data" -U postgres --auth=trust --locale=C --encoding=UTF8 >/dev/null
as_server_user "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$work' -c port=$port -c fsync=off" start >/dev/null

export PGHOST="$work" PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
run_sql() { psql -X -q -v ON_ERROR_STOP=1 "$@" >/dev/null; }

# What a Supabase project has before its migrations: the roles (from the local bootstrap) and pgTAP in the
# `extensions` schema, which is on the database's search_path.
run_sql -f "$repo/supabase/bootstrap/local-roles.sql"
run_sql -c 'create schema extensions' \
  -c 'create extension pgtap with schema extensions' \
  -c 'grant usage on schema extensions to anon, authenticated, service_role' \
  -c 'alter database postgres set search_path = "$user", public, extensions'
for migration in "$repo"/supabase/migrations/*.sql; do
  run_sql --single-transaction -f "$migration"
done
# The tests must hold with the demo data present, as they do after `supabase db reset`.
run_sql --single-transaction -f "$repo/supabase/seed.sql"

status=0
PGOPTIONS="-c client_min_messages=warning" pg_prove "$repo"/supabase/tests/database/*.test.sql || status=$?
echo "run-pgtap: $(($(date +%s) - started))s (cluster, migrations, seed, tests)"
exit "$status"
