#!/usr/bin/env bash
# The anchor CLI for `npm run test:anchor`: an `anchor` on PATH at version $ANCHOR_VERSION is used as
# it is; otherwise anchor-cli is built from crates.io (GitHub/avm downloads do not reach this
# project's machines) into ~/.cache/perp-margin/tools/bin. Idempotent; prints the binary's path.
# Measured first build: see README (≈ 7–28 min on 2 cores depending on load).
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

ANCHOR_VERSION="${ANCHOR_VERSION:-1.2.2}"
cached="$PM_TOOLS/bin/anchor"
for c in $(type -ap anchor 2>/dev/null) "$cached"; do
  [ -x "$c" ] || continue
  if [ "$("$c" --version 2>/dev/null | awk '{print $2}')" = "$ANCHOR_VERSION" ]; then
    log "anchor-cli $ANCHOR_VERSION: $c"
    echo "$c"
    exit 0
  fi
  log "ignoring $c: $("$c" --version 2>/dev/null) ≠ $ANCHOR_VERSION"
done
log "building anchor-cli $ANCHOR_VERSION from crates.io into $PM_TOOLS — one-time, ~7–28 min on 2 cores"
apt_ensure build-essential pkg-config libssl-dev libudev-dev
start=$(date +%s)
CARGO_TARGET_DIR="$PM_CACHE/build/anchor-cli" \
  cargo install anchor-cli --version "=$ANCHOR_VERSION" --locked --root "$PM_TOOLS" >&2
log "anchor-cli $ANCHOR_VERSION built in $(( $(date +%s) - start ))s: $cached"
echo "$cached"
