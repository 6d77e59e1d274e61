#!/usr/bin/env bash
# Builds the program to SBF bytecode: target/deploy/perp_margin.so (SBPF v0).
# Uses Debian's rustc (the only rustc here with core/alloc for bpfel-unknown-none) and sbpf-linker;
# the build directory is cached outside the clone.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1
bash scripts/install-sbf-toolchain.sh
export CARGO_TARGET_DIR="$PM_CACHE/target-sbf"
log "building programs/perp-margin for bpfel-unknown-none"
PATH=/usr/bin:$PATH RUSTC=/usr/bin/rustc /usr/bin/cargo build --locked --release --target bpfel-unknown-none -p perp-margin
mkdir -p target/deploy
so="$CARGO_TARGET_DIR/bpfel-unknown-none/release/libperp_margin.so"
cp "$so" target/deploy/perp_margin.so
flags=$(od -An -tu4 -j48 -N4 target/deploy/perp_margin.so | tr -d ' ')
machine=$(od -An -tu2 -j18 -N2 target/deploy/perp_margin.so | tr -d ' ')
if [ "$machine" != "247" ] || [ "$flags" != "0" ]; then
  echo "target/deploy/perp_margin.so is not an SBPF v0 ELF (e_machine=$machine, e_flags=$flags)" >&2
  exit 1
fi
log "target/deploy/perp_margin.so: $(stat -c %s target/deploy/perp_margin.so) bytes, SBPF v0"
