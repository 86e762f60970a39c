#!/usr/bin/env bash
# Migration drift check (part of `npm test`; CI). One line per check on success; exits non-zero on drift:
#   1. prisma/sqlite/schema.prisma is exactly what derive-sqlite-schema.mjs makes of prisma/schema.prisma;
#   2. SQLite: replaying prisma/migrations/sqlite gives prisma/sqlite/schema.prisma (in memory, no server);
#   3. Postgres: the same for prisma/migrations/postgres, when a server answers at TEST_DATABASE_URL or PG_URL
#      (only a throw-away shadow database is created there; otherwise a visible SKIPPED line);
#   4. both providers have the same migration folder names.
# Hand-written SQL (functions, triggers) is not compared: Prisma does not model it.
set -uo pipefail

cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
PRISMA=node_modules/.bin/prisma
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

redact() { sed -E 's#(//[^:/@]*):[^@/]*@#\1:***@#' <<<"$1"; } # hide a password in a URL

# drift <provider> <schema> <DATABASE_URL>: exit 0 in sync, 1 drift or error (with the details on stderr).
drift() {
  local provider=$1 schema=$2 url=$3 rc=0
  DATABASE_URL=$url "$PRISMA" migrate diff --from-migrations "prisma/migrations/$provider" \
    --to-schema-datamodel "$schema" --script --exit-code >"$tmp/$provider.out" 2>&1 || rc=$?
  case $rc in
    0) echo "ok: $provider migrations match $schema" ;;
    2) echo "DRIFT: prisma/migrations/$provider does not produce $schema. Missing SQL:" >&2
       sed -n '/^-- /,$p' "$tmp/$provider.out" | sed 's/^/    /' >&2
       echo "  Fix: npm run db:new-migration -- <name>" >&2
       return 1 ;;
    *) echo "ERROR: prisma migrate diff failed for $provider (exit $rc):" >&2
       sed 's/^/    /' "$tmp/$provider.out" >&2
       return 1 ;;
  esac
}

# 1. Derived schema (fast, and the SQLite check below is only meaningful on an up-to-date copy).
node scripts/derive-sqlite-schema.mjs --check || status=1

# 2 + 3 run in parallel: each is a ~2 s CLI start.
drift sqlite prisma/sqlite/schema.prisma "file::memory:" >"$tmp/sqlite.line" 2>"$tmp/sqlite.err" &
sqlite_job=$!

pg_url=${TEST_DATABASE_URL:-${PG_URL:-}}
postgres_job=
if [[ -z $pg_url ]]; then
  echo "SKIPPED: postgres drift check (no server configured: set TEST_DATABASE_URL or PG_URL)" >"$tmp/postgres.line"
elif ! node -e '
    const c = new (require("pg").Client)({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.end(), () => process.exit(1));' "$pg_url" 2>/dev/null; then
  echo "SKIPPED: postgres drift check (no server at $(redact "$pg_url"))" >"$tmp/postgres.line"
else
  drift postgres prisma/schema.prisma "$pg_url" >"$tmp/postgres.line" 2>"$tmp/postgres.err" &
  postgres_job=$!
fi

wait $sqlite_job || status=1
cat "$tmp/sqlite.line"; cat "$tmp/sqlite.err" >&2
if [[ -n $postgres_job ]]; then wait "$postgres_job" || status=1; cat "$tmp/postgres.err" >&2; fi
cat "$tmp/postgres.line"

# 4. Same folder names on both sides (new-migration.sh always writes both).
list() { find "prisma/migrations/$1" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort; }
if mismatch=$(diff <(list postgres) <(list sqlite)); then
  echo "ok: postgres and sqlite have the same $(list sqlite | wc -l) migration folder(s)"
else
  echo "DRIFT: migration folders differ ('<' only in postgres, '>' only in sqlite):" >&2
  grep '^[<>]' <<<"$mismatch" | sed 's/^/    /' >&2
  status=1
fi

exit $status
