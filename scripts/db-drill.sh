#!/usr/bin/env bash
# Backup/restore drill (DEP-5 (docs/operations.md#dep-5)): dump a seeded database with `pg_dump -Fc` (through `pnpm cli backup`),
# restore it into a temporary database, verify the migrations and the ledger integrity there, and compare every
# table's row count and content checksum plus the balance and ledger totals with the source. Prints the time the
# recovery took (RTO) and exits non-zero on any failure or mismatch. Temporary databases are always dropped.
#
#   scripts/db-drill.sh                      seed a temporary source database with the CLI, then drill it
#   scripts/db-drill.sh --source-url URL     drill an existing database instead (only read; nothing may write to it
#                                            during the drill, or the comparison reports the difference)
#
# DRILL_SERVER_URL (default: TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres) names the server
# and the maintenance database where the temporary databases are created; the role needs CREATEDB.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
server_url="${DRILL_SERVER_URL:-${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}}"
source_url=""

usage() { echo "usage: $0 [--source-url postgres://…]" >&2; exit 64; }
while [ $# -gt 0 ]; do
  case "$1" in
    --source-url) [ $# -ge 2 ] || usage; source_url="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done

log() { printf '[drill] %s\n' "$*" >&2; }
fail() { printf '[drill] FAILED: %s\n' "$*" >&2; exit 1; }

# The CLI exactly as `pnpm cli` runs it, in the test profile; each call gets the database it works on.
cli() {
  local url="$1"; shift
  APP_ENV=test LOG_LEVEL=warn DATABASE_URL="$url" node --conditions=source "$root/apps/cli/src/main.ts" "$@"
}

# A database URL on the drill server.
database_url() { node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$server_url" "$1"; }

suffix="$$_$(date +%s)"
scratch="$(mktemp -d)"
created=()
cleanup() {
  for name in "${created[@]}"; do
    psql "$server_url" -qAt -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null 2>&1 || log "could not drop $name"
  done
  rm -rf "$scratch"
}
trap cleanup EXIT

create_database() {
  psql "$server_url" -qAt -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$1\"" >/dev/null
  created+=("$1")
}

if [ -z "$source_url" ]; then
  source_name="sp_drill_source_$suffix"
  create_database "$source_name"
  source_url="$(database_url "$source_name")"
  log "seeding $source_name"
  (
    cli "$source_url" migrate &&
      cli "$source_url" seed-dev &&
      for name in drillalice drillbob drillcarol; do cli "$source_url" create-user --username "$name" || exit 1; done &&
      cli "$source_url" grant-credits --username drillalice --amount 500 &&
      cli "$source_url" grant-credits --username drillbob --amount 250 &&
      cli "$source_url" grant-credits --username drillbob --amount=-40 &&
      cli "$source_url" set-role --username drillcarol --role MODERATOR
  ) >/dev/null || fail "seeding the source database"
fi

target_name="sp_drill_restore_$suffix"
dump="$scratch/drill.dump"

started="$(date +%s%N)"
log "backing up the source (pg_dump -Fc)"
cli "$source_url" backup --file "$dump" >/dev/null || fail "backup"
create_database "$target_name"
target_url="$(database_url "$target_name")"
log "restoring into $target_name"
cli "$target_url" restore --file "$dump" >/dev/null || fail "restore"
log "verifying migrations"
cli "$target_url" verify-migrations >/dev/null || fail "verify-migrations on the restored database"
log "checking ledger integrity"
cli "$target_url" integrity-check >/dev/null || fail "integrity-check on the restored database"
finished="$(date +%s%N)"

# One line per table: schema.table, row count, and an order-independent checksum of the rows' text.
fingerprint() {
  local url="$1" table
  psql "$url" -qAt -v ON_ERROR_STOP=1 -c "
    SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
    ORDER BY 1" |
  while IFS= read -r table; do
    psql "$url" -qAt -v ON_ERROR_STOP=1 -c "
      SELECT '$table ' || count(*) || ' ' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), 'empty')
      FROM $table t"
  done
  # The money totals, spelled out so a mismatch report says which one moved.
  psql "$url" -qAt -v ON_ERROR_STOP=1 -c "
    SELECT 'balances users=' || count(*) || ' sum=' || coalesce(sum(account_balance), 0) FROM users;
    SELECT 'ledger ' || kind || ' entries=' || count(*) || ' sum=' || sum(amount) FROM ledger_entries GROUP BY kind ORDER BY kind"
}

fingerprint "$source_url" >"$scratch/source.txt"
fingerprint "$target_url" >"$scratch/restored.txt"
if ! diff -u "$scratch/source.txt" "$scratch/restored.txt" >"$scratch/diff.txt"; then
  cat "$scratch/diff.txt" >&2
  fail "the restored database differs from the source"
fi

tables="$(grep -vc '^balances \|^ledger ' "$scratch/source.txt" || true)"
rto_ms=$(( (finished - started) / 1000000 ))
echo "drill passed: ${tables} tables identical (row counts and checksums), balances and ledger totals equal"
echo "RTO (backup + restore + verify + integrity check): $(( rto_ms / 1000 )).$(printf '%03d' $(( rto_ms % 1000 ))) s"
