#!/usr/bin/env bash
# Everything `npm test` and `npm start` need, installed idempotently from apt, crates.io and npm.
# Heavy artefacts are cached in ~/.cache/perp-margin (sbpf-linker, solana-test-validator, builds).
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1

log "setup: SBF toolchain (Debian rustc-web + BPF core/alloc, LLVM 22, patched sbpf-linker)"
bash scripts/install-sbf-toolchain.sh

log "setup: local validator (agave solana-test-validator from crates.io; first build ~25 min)"
bash scripts/install-validator.sh

log "setup: browser for page tests (Debian chromium, driven by playwright-core)"
apt_ensure chromium fonts-dejavu-core

log "setup: shellcheck (npm run check)"
apt_ensure shellcheck

log "setup: npm workspaces"
ensure_npm_workspaces

log "setup: compiled CLI (esbuild → client/dist/cli.js, the \`perp\` bin runs it)"
"$(pwd)/node_modules/.bin/tsx" client/src/cli/build.ts

if [ -f indexer/scripts/setup-db.sh ]; then
  log "setup: indexer database (Prisma client + migrations)"
  bash indexer/scripts/setup-db.sh
fi
log "setup: done"
