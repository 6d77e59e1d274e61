#!/usr/bin/env bash
# `npm test`: installs what is missing, builds the program to SBF, runs the Rust host tests and
# every mocha suite (LiteSVM program tests, scenarios, indexer on Postgres, end-to-end over RPC).
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1
start=$(date +%s)
bash scripts/setup.sh
bash scripts/build-program.sh

log "cargo test: math core, layouts, IDL"
cargo test --locked -p perp-margin

log "typecheck: tsc --noEmit (strict)"
npx tsc -p tsconfig.json --noEmit

log "mocha: all suites"
npx mocha 'tests/**/*.test.ts'
log "npm test finished in $(( $(date +%s) - start ))s"
