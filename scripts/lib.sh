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

# is_debian: Debian or Ubuntu (or a derivative) with dpkg and apt-get — the only place this project
# installs system packages itself.
is_debian() {
  command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || return 1
  [ -r /etc/os-release ] || return 1
  local id id_like
  id=$(. /etc/os-release && echo "${ID:-}")
  id_like=$(. /etc/os-release && echo "${ID_LIKE:-}")
  case " $id $id_like " in *" debian "* | *" ubuntu "*) return 0 ;; esac
  return 1
}

# apt_ensure pkg... : installs only the packages that are missing (idempotent, quiet when done).
# Not Debian/Ubuntu: prints one line naming what to install and fails.
apt_ensure() {
  if ! is_debian; then
    log "not Debian/Ubuntu: install these (or your distribution's equivalents) yourself, then re-run: $*"
    return 1
  fi
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

# The marker line of this project's own `cargo-build-sbf` shim (scripts/sbf-shim/cargo-build-sbf).
PM_SBF_SHIM_MARKER="perp-margin-sbf-shim"

# find_cargo_build_sbf: prints the path of a real (platform-tools) `cargo-build-sbf` on PATH and
# succeeds; fails when there is none. This project's shim never counts. PERP_SBF_PIPELINE=debian
# forces the Debian pipeline.
find_cargo_build_sbf() {
  [ "${PERP_SBF_PIPELINE:-}" = debian ] && return 1
  local c
  while IFS= read -r c; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    grep -q "$PM_SBF_SHIM_MARKER" "$c" 2>/dev/null && continue
    echo "$c"
    return 0
  done < <(type -ap cargo-build-sbf 2>/dev/null)
  return 1
}

# version_ge A B: A ≥ B for dotted versions.
version_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]; }

# find_installed_validator MIN: prints the path and version ("path version") of a
# `solana-test-validator` on PATH (other than this project's cached build) whose version is ≥ MIN.
find_installed_validator() {
  local min=$1 c v
  while IFS= read -r c; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    [ "$(readlink -f "$c")" = "$(readlink -f "$PM_TOOLS/bin/solana-test-validator" 2>/dev/null)" ] && continue
    v=$("$c" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n1) || continue
    if [ -n "$v" ] && version_ge "$v" "$min"; then
      echo "$c $v"
      return 0
    fi
    log "ignoring $c: version ${v:-unknown} < $min"
  done < <(type -ap solana-test-validator 2>/dev/null)
  return 1
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
