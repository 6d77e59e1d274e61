#!/usr/bin/env bash
# Everything `npm test` and `npm start` need, installed idempotently. A standard Solana toolchain
# found on PATH is used first (platform-tools' cargo-build-sbf, solana-test-validator, anchor); what
# is missing comes from apt (Debian/Ubuntu only — elsewhere one line says what to install),
# crates.io and npm. Heavy artefacts are cached in ~/.cache/perp-margin.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1

if sbf=$(find_cargo_build_sbf); then
  log "setup: SBF build — using the installed $sbf ($("$sbf" --version 2>/dev/null | head -n1))"
else
  log "setup: SBF toolchain (no cargo-build-sbf on PATH: Debian rustc-web + BPF core/alloc, LLVM 22, patched sbpf-linker)"
  bash scripts/install-sbf-toolchain.sh
fi

log "setup: local validator (an installed solana-test-validator, else agave built from crates.io; first build ~25 min)"
bash scripts/install-validator.sh

if command -v anchor >/dev/null 2>&1; then
  log "setup: anchor CLI on PATH: $(anchor --version 2>/dev/null) (npm run test:anchor uses it)"
else
  log "setup: anchor CLI not on PATH — not needed by npm test; npm run test:anchor builds anchor-cli 1.2.2 once"
fi

log "setup: browser for page tests (chromium, driven by playwright-core)"
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  log "chromium: $(command -v chromium || command -v chromium-browser)"
else
  apt_ensure chromium fonts-dejavu-core
fi

log "setup: shellcheck (npm run check)"
command -v shellcheck >/dev/null 2>&1 || apt_ensure shellcheck

log "setup: npm workspaces"
ensure_npm_workspaces

log "setup: compiled CLI (esbuild → client/dist/cli.js, the \`perp\` bin runs it)"
"$(pwd)/node_modules/.bin/tsx" client/src/cli/build.ts

if [ -f indexer/scripts/setup-db.sh ]; then
  log "setup: indexer database (Prisma client + migrations)"
  bash indexer/scripts/setup-db.sh
fi
log "setup: done"
