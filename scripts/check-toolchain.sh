#!/usr/bin/env bash
# Scripted check of the toolchain detection in scripts/lib.sh (run by `npm run check`): with fake
# tools on PATH, a real cargo-build-sbf is preferred to the Debian pipeline but this project's shim
# never counts as one; an installed solana-test-validator is used only at a supported version; the
# apt helper refuses to run off Debian/Ubuntu with one line naming the packages.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "check-toolchain: $*" >&2; exit 1; }
mkdir -p "$tmp/sbf" "$tmp/new" "$tmp/old" "$tmp/empty"
printf '#!/bin/sh\necho "solana-cargo-build-sbf 2.3.0"\n' > "$tmp/sbf/cargo-build-sbf"
printf '#!/bin/sh\necho "solana-test-validator 3.0.10 (src:00000000; feat:1, client:Agave)"\n' > "$tmp/new/solana-test-validator"
printf '#!/bin/sh\necho "solana-test-validator 1.18.26 (src:00000000; feat:1)"\n' > "$tmp/old/solana-test-validator"
chmod +x "$tmp"/*/*

base=/usr/bin:/bin
got=$(PATH="$ROOT/scripts/sbf-shim:$tmp/sbf:$base" find_cargo_build_sbf) || fail "real cargo-build-sbf behind the shim not found"
[ "$got" = "$tmp/sbf/cargo-build-sbf" ] || fail "picked $got, not the real cargo-build-sbf"
PATH="$ROOT/scripts/sbf-shim:$base" find_cargo_build_sbf >/dev/null && fail "the shim counted as a real cargo-build-sbf"
PERP_SBF_PIPELINE=debian PATH="$tmp/sbf:$base" find_cargo_build_sbf >/dev/null && fail "PERP_SBF_PIPELINE=debian ignored"

got=$(PATH="$tmp/old:$tmp/new:$base" find_installed_validator 2.1.0 2>/dev/null) || fail "installed validator not found"
[ "$got" = "$tmp/new/solana-test-validator 3.0.10" ] || fail "picked '$got'"
PATH="$tmp/old:$base" find_installed_validator 2.1.0 2>/dev/null && fail "accepted a validator older than 2.1.0"
PATH="$tmp/empty:$base" find_installed_validator 2.1.0 2>/dev/null && fail "found a validator on an empty PATH"

# Off Debian/Ubuntu (no dpkg-query/apt-get on PATH) apt_ensure fails with one line, installs nothing.
out=$(PATH="$tmp/empty" apt_ensure some-package 2>&1) && fail "apt_ensure succeeded without apt"
[ "$(wc -l <<<"$out")" = 1 ] && grep -q "some-package" <<<"$out" || fail "apt_ensure off Debian printed: $out"

# The shim forwards to the project's build and swallows anchor's flags (dry: checks the exec line).
grep -q 'exec bash "$root/scripts/build-program.sh"' scripts/sbf-shim/cargo-build-sbf || fail "shim does not run build-program.sh"
# Anchor.toml names the committed program id, and the keypair link resolves to it.
grep -q '^perp_margin = "HFYMGdMwfogTWc9RPKWHpARuEr4d7e6krmHJhS7mjB71"' Anchor.toml || fail "Anchor.toml program id"
[ "$(readlink target/deploy/perp_margin-keypair.json)" = ../../programs/perp-margin/keys/perp_margin-keypair.json ] ||
  fail "target/deploy/perp_margin-keypair.json is not the committed link"
# One program id: the committed keypair's public key = Anchor.toml = the crate's PROGRAM_ID_STR.
kp_id=$(node -e 'const { Keypair } = require("@solana/web3.js");
  const k = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(Keypair.fromSecretKey(Uint8Array.from(k)).publicKey.toBase58());' target/deploy/perp_margin-keypair.json)
grep -q "^perp_margin = \"$kp_id\"" Anchor.toml || fail "program keypair ($kp_id) is not Anchor.toml's program id"
grep -q "PROGRAM_ID_STR: &str = \"$kp_id\"" programs/perp-margin/src/lib.rs || fail "program keypair ($kp_id) is not PROGRAM_ID_STR"
echo "check-toolchain: detection, shim, Anchor.toml, program keypair and id ok"
