#!/usr/bin/env bash
# Builds agave's solana-test-validator from crates.io (no GitHub release downloads reach this machine)
# and caches the binary in ~/.cache/perp-margin/tools/bin. Idempotent: a cached binary of the pinned
# version is reused. First build: see README ("Local validator") for measured time and disk.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

AGAVE_VERSION="${AGAVE_VERSION:-3.1.8}"
bin="$PM_TOOLS/bin/solana-test-validator"
stamp="$PM_TOOLS/solana-test-validator.version"
if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$AGAVE_VERSION" ]; then
  log "solana-test-validator $AGAVE_VERSION: cached at $bin"
  exit 0
fi
apt_ensure build-essential pkg-config clang libclang-dev llvm-dev libssl-dev libudev-dev protobuf-compiler \
  cmake zlib1g-dev libzstd-dev
log "building solana-test-validator (agave-validator $AGAVE_VERSION) from crates.io — one-time, long on 2 cores"
start=$(date +%s)
CARGO_TARGET_DIR="$PM_CACHE/build/agave" \
  cargo install agave-validator --version "=$AGAVE_VERSION" --locked --bin solana-test-validator \
    --root "$PM_CACHE/build/agave-root"
cp "$PM_CACHE/build/agave-root/bin/solana-test-validator" "$bin"
echo "$AGAVE_VERSION" > "$stamp"
log "solana-test-validator ready in $(( $(date +%s) - start ))s: $bin"
