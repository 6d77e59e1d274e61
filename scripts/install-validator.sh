#!/usr/bin/env bash
# The local validator for the RPC suites and `npm start`: a `solana-test-validator` already on PATH
# (Solana/Agave install, version ≥ $PERP_MIN_VALIDATOR_VERSION) is used as it is; otherwise agave's
# is built from crates.io (no GitHub release downloads reach this project's machines) and cached in
# ~/.cache/perp-margin/tools/bin. Either way the binary is reachable at that cached path, which the
# test harness and scripts/localnet.sh use. Idempotent. First build: see README for measured time.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

AGAVE_VERSION="${AGAVE_VERSION:-3.1.8}"
MIN_VERSION="${PERP_MIN_VALIDATOR_VERSION:-2.1.0}"
bin="$PM_TOOLS/bin/solana-test-validator"
stamp="$PM_TOOLS/solana-test-validator.version"
if found=$(find_installed_validator "$MIN_VERSION"); then
  path=${found% *} version=${found##* }
  if [ "$(readlink "$bin" 2>/dev/null)" != "$path" ]; then
    ln -sfn "$path" "$bin"
    echo "installed:$version" > "$stamp"
  fi
  log "solana-test-validator $version: using the installed $path (linked at $bin)"
  exit 0
fi
if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$AGAVE_VERSION" ]; then
  log "solana-test-validator $AGAVE_VERSION: cached at $bin"
  exit 0
fi
log "no solana-test-validator ≥ $MIN_VERSION on PATH: building agave-validator $AGAVE_VERSION from crates.io"
apt_ensure build-essential pkg-config clang libclang-dev llvm-dev libssl-dev libudev-dev protobuf-compiler \
  cmake zlib1g-dev libzstd-dev
log "building solana-test-validator (agave-validator $AGAVE_VERSION) from crates.io — one-time, long on 2 cores"
start=$(date +%s)
CARGO_TARGET_DIR="$PM_CACHE/build/agave" \
  cargo install agave-validator --version "=$AGAVE_VERSION" --locked --bin solana-test-validator \
    --root "$PM_CACHE/build/agave-root"
rm -f "$bin"
cp "$PM_CACHE/build/agave-root/bin/solana-test-validator" "$bin"
echo "$AGAVE_VERSION" > "$stamp"
log "solana-test-validator ready in $(( $(date +%s) - start ))s: $bin"
