#!/usr/bin/env bash
# Installs what builds the program to SBF, from apt and crates.io only (see docs/toolchain.md):
#   Debian rustc-web 1.96 + prebuilt core/alloc for bpfel-unknown-none, LLVM 22, and sbpf-linker 0.1.9
#   linked against that LLVM. Idempotent; the linker is cached in ~/.cache/perp-margin/tools.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

apt_ensure rustc-web cargo-web libstd-rust-web-dev-bpf llvm-22-dev libpolly-22-dev zlib1g-dev libzstd-dev \
  build-essential pkg-config

SBPF_LINKER_VERSION=0.1.9
PATCH="$(cd "$(dirname "$0")" && pwd)/patches/sbpf-linker-0.1.9-lddw-text.patch"
STAMP_VALUE="$SBPF_LINKER_VERSION+$(sha256sum "$PATCH" | cut -c1-12)"
linker="$PM_TOOLS/bin/sbpf-linker"
stamp="$PM_TOOLS/sbpf-linker.version"
if [ -x "$linker" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$STAMP_VALUE" ]; then
  log "sbpf-linker $STAMP_VALUE: cached at $linker"
  exit 0
fi
log "building sbpf-linker $SBPF_LINKER_VERSION (patched, see docs/toolchain.md) against LLVM 22 — one-time, ~2 min"
# Fetch the published crate from crates.io, apply our one-hunk patch, install from that source.
src="$PM_CACHE/build/sbpf-linker-$SBPF_LINKER_VERSION-src"
fetch="$PM_CACHE/build/sbpf-linker-fetch"
rm -rf "$src" "$fetch" && mkdir -p "$fetch/src"
printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\nsbpf-linker = "=%s"\n' "$SBPF_LINKER_VERSION" > "$fetch/Cargo.toml"
touch "$fetch/src/lib.rs"
(cd "$fetch" && cargo fetch -q)
crate_file=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/sbpf-linker-$SBPF_LINKER_VERSION.crate | head -n1)
mkdir -p "$src" && tar -xzf "$crate_file" -C "$src" --strip-components=1
(cd "$src" && patch -p1 < "$PATCH")
PATH=/usr/bin:$PATH LLVM_PREFIX=/usr/lib/llvm-22 LLVM_SYS_221_PREFIX=/usr/lib/llvm-22 \
  CARGO_TARGET_DIR="$PM_CACHE/build/sbpf-linker" \
  /usr/bin/cargo install --locked --force --path "$src" \
    --no-default-features --features bpf-linker/llvm-22 --root "$PM_TOOLS"
echo "$STAMP_VALUE" > "$stamp"
log "sbpf-linker ready: $linker"
