#!/usr/bin/env bash
# Indexer database setup, idempotent: creates `perp_margin` and `perp_margin_test` on
# 127.0.0.1:5432 (user postgres, trust auth) if missing, generates the Prisma client into
# indexer/generated/ (gitignored) and applies the committed SQL migrations to both databases
# through src/db/migrate.ts (which records them in `_migrations`).
set -euo pipefail
cd "$(dirname "$0")/.."
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER

log() { printf '\033[1;34m[indexer]\033[0m %s\n' "$*" >&2; }

for i in $(seq 1 30); do
  pg_isready -q -h "$PGHOST" -p "$PGPORT" && break
  [ "$i" = 30 ] && { log "Postgres is not accepting connections on $PGHOST:$PGPORT"; exit 1; }
  sleep 1
done

for db in perp_margin perp_margin_test; do
  if [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
    log "creating database $db"
    psql -d postgres -qc "CREATE DATABASE $db"
  fi
done

# `prisma generate` reads DATABASE_URL through the schema even though it does not connect.
export DATABASE_URL="postgresql://$PGUSER@$PGHOST:$PGPORT/perp_margin"
log "prisma generate (client → indexer/generated/client)"
npx --no-install prisma generate --config prisma.config.ts >/dev/null

for db in perp_margin perp_margin_test; do
  log "migrations → $db"
  DATABASE_URL="postgresql://$PGUSER@$PGHOST:$PGPORT/$db" npx --no-install tsx src/db/migrate.ts
done
