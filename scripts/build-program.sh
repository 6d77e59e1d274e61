#!/usr/bin/env bash
# Builds the program to SBF bytecode: target/deploy/perp_margin.so.
#   - With Solana's platform-tools installed (a real `cargo-build-sbf` on PATH): `cargo build-sbf
#     --arch v0` (override with ANCHOR_BUILD_SBF_ARCH), the standard path.
#   - Otherwise (this project's closed Debian machines): Debian's rustc (the only rustc here with
#     core/alloc for bpfel-unknown-none) and sbpf-linker, build directory cached outside the clone.
#     PERP_SBF_PIPELINE=debian forces this path.
# Either way target/deploy/perp_margin-keypair.json is the committed program keypair.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1
so=target/deploy/perp_margin.so
keypair=target/deploy/perp_margin-keypair.json
mkdir -p target/deploy
# The committed link (see .gitignore); restored if `cargo clean` removed it. cargo build-sbf and
# anchor would otherwise generate a random program keypair here.
if [ ! -e "$keypair" ]; then
  ln -sf ../../programs/perp-margin/keys/perp_margin-keypair.json "$keypair"
  log "restored $keypair → programs/perp-margin/keys/perp_margin-keypair.json"
fi

if sbf=$(find_cargo_build_sbf); then
  arch="${ANCHOR_BUILD_SBF_ARCH:-v0}"
  log "building programs/perp-margin with $sbf ($("$sbf" --version 2>/dev/null | head -n1)), --arch $arch"
  "$sbf" --manifest-path programs/perp-margin/Cargo.toml --sbf-out-dir target/deploy --arch "$arch"
  machine=$(od -An -tu2 -j18 -N2 "$so" | tr -d ' ')
  if [ "$machine" != "247" ] && [ "$machine" != "263" ]; then
    echo "$so is not an SBF ELF (e_machine=$machine)" >&2
    exit 1
  fi
  log "$so: $(stat -c %s "$so") bytes (cargo build-sbf, --arch $arch)"
  exit 0
fi

bash scripts/install-sbf-toolchain.sh
export CARGO_TARGET_DIR="$PM_CACHE/target-sbf"
log "building programs/perp-margin for bpfel-unknown-none (no cargo-build-sbf on PATH: Debian pipeline)"
PATH=/usr/bin:$PATH RUSTC=/usr/bin/rustc /usr/bin/cargo build --locked --release --target bpfel-unknown-none -p perp-margin
cp "$CARGO_TARGET_DIR/bpfel-unknown-none/release/libperp_margin.so" "$so"
flags=$(od -An -tu4 -j48 -N4 "$so" | tr -d ' ')
machine=$(od -An -tu2 -j18 -N2 "$so" | tr -d ' ')
if [ "$machine" != "247" ] || [ "$flags" != "0" ]; then
  echo "$so is not an SBPF v0 ELF (e_machine=$machine, e_flags=$flags)" >&2
  exit 1
fi
log "$so: $(stat -c %s "$so") bytes, SBPF v0"
