#!/usr/bin/env bash
# `npm run check`: what a contributor runs before committing and CI runs before `npm test`.
# Format, lints (clippy -D warnings with unchecked arithmetic denied in the program, biome, and
# shell lint), strict typecheck, and the committed IDL / layout table / TS IDL type current.
# Installs only what it needs (npm workspaces, the Prisma client, shellcheck); no SBF build.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1
start=$(date +%s)
command -v shellcheck >/dev/null 2>&1 || apt_ensure shellcheck
ensure_npm_workspaces
ensure_prisma_client

step() {
  local what=$1
  shift
  local t0
  t0=$(date +%s)
  if ! "$@"; then
    log "check FAILED: $what"
    exit 1
  fi
  log "check ok: $what ($(($(date +%s) - t0))s)"
}

step "rustfmt --check (rustfmt.toml)" cargo fmt --all --check
step "biome: format + lint (biome.json)" npx --no-install biome ci --reporter=summary .
step "shellcheck (warnings)" shellcheck -x -S warning scripts/*.sh scripts/sbpf-linker scripts/sbf-shim/cargo-build-sbf indexer/scripts/*.sh .ci/run .ci/anchor
step "clippy -D warnings (program: arithmetic_side_effects, casts denied)" \
  cargo clippy --locked -q -p perp-margin --all-targets --features idl-build -- -D warnings
step "tsc --noEmit (strict)" npx --no-install tsc -p tsconfig.json --noEmit
step "IDL + layout table current (cargo test --test idl)" cargo test --locked -q -p perp-margin --test idl
step "macro roles cannot be misspelt (doc tests)" cargo test --locked -q -p perp-margin --doc
step "client/src/generated/perp_margin{,_anchor}.ts current" bash scripts/idl-types.sh --check
step "anchor build's IDL printer prints the committed IDL (--features idl-build)" \
  cargo test --locked -q -p perp-margin --features idl-build --test idl_build
step "SBF cfg gates hold for both toolchains (cargo test --test cfg_gates)" \
  cargo test --locked -q -p perp-margin --test cfg_gates
step "toolchain detection, sbf shim, Anchor.toml, program keypair" bash scripts/check-toolchain.sh
step "every imported package declared in its workspace's package.json" \
  npx --no-install tsx scripts/check-deps.ts
log "npm run check passed in $(($(date +%s) - start))s"
