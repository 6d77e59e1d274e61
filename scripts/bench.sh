#!/usr/bin/env bash
# `npm run bench`: compute units per instruction on the SBF program (bench/RESULTS-program.md) and,
# when present, the indexer benchmarks (indexer/bench/RESULTS.md). Results are committed.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1
bash scripts/setup.sh
bash scripts/build-program.sh
log "bench: program compute units (LiteSVM)"
npx tsx bench/program-cu.ts
if [ -f indexer/bench/run.ts ]; then
  log "bench: indexer (Postgres)"
  npx tsx indexer/bench/run.ts
fi
