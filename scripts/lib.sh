# shellcheck shell=bash
# Shared helpers for the project's setup scripts. Sourced, not run.
# Heavy artefacts live outside the clone so fresh clones reuse them.
set -euo pipefail
export PM_CACHE="${PM_CACHE:-$HOME/.cache/perp-margin}"
export PM_TOOLS="$PM_CACHE/tools"
mkdir -p "$PM_CACHE" "$PM_TOOLS/bin"

log() { printf '\033[1;34m[perp-margin]\033[0m %s\n' "$*" >&2; }

# Run as root directly, otherwise through sudo (CI and these machines run as root).
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# apt_ensure pkg... : installs only the packages that are missing (idempotent, quiet when done).
apt_ensure() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt: installing ${missing[*]}"
  local stamp="$PM_CACHE/apt-updated"
  if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +720 2>/dev/null)" ]; then
    as_root apt-get update -q >&2 && touch "$stamp"
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

# ensure_npm_workspaces: `npm ci` unless node_modules already matches package-lock.json.
ensure_npm_workspaces() {
  local lock_hash
  lock_hash=$(sha256sum package-lock.json | cut -c1-16)
  if [ ! -d node_modules ] || [ "$(cat node_modules/.perp-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
    npm ci --no-audit --no-fund
    echo "$lock_hash" > node_modules/.perp-lock-hash
  else
    log "npm: node_modules matches package-lock.json"
  fi
}

# ensure_prisma_client: generates indexer/generated/client (offline) when missing or stale.
ensure_prisma_client() {
  local hash
  hash=$(cat indexer/prisma/schema.prisma package-lock.json | sha256sum | cut -c1-16)
  if [ "$(cat indexer/generated/.perp-schema-hash 2>/dev/null)" != "$hash" ]; then
    log "prisma generate (client → indexer/generated/client)"
    (cd indexer && DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/perp_margin}" \
      npx --no-install prisma generate --config prisma.config.ts >/dev/null)
    echo "$hash" > indexer/generated/.perp-schema-hash
  fi
}
