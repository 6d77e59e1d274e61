#!/usr/bin/env bash
# `npm run test:anchor` — the Anchor workspace as an Anchor user drives it (not part of `npm test`:
# building anchor-cli and the validator does not fit its time budget; `.ci/anchor` runs this):
#   1. anchor-cli 1.2.2 (installed one, else built once from crates.io) and the validator;
#   2. `anchor build`: cargo build-sbf (platform-tools' if installed, else scripts/sbf-shim), then the
#      IDL step; checks target/idl/perp_margin.json is the committed IDL and target/types exists;
#   3. `anchor keys list` shows the committed program id; `anchor idl type` of the committed IDL;
#   4. `anchor test --skip-build --skip-local-validator --skip-deploy`: Anchor.toml's `test` script
#      (the Program<PerpMargin> suite on LiteSVM);
#   5. `anchor test --skip-build --validator legacy --script rpc`: anchor starts solana-test-validator
#      with `--bpf-program <id> target/deploy/perp_margin.so` and the suite runs over JSON-RPC.
# Each step prints its time.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
PROGRAM_ID=HFYMGdMwfogTWc9RPKWHpARuEr4d7e6krmHJhS7mjB71
start=$(date +%s)
timed() {
  local what=$1 t0
  shift
  t0=$(date +%s)
  log "anchor: $what"
  "$@"
  log "anchor: $what — ok ($(($(date +%s) - t0))s)"
}

ensure_npm_workspaces
ANCHOR=$(bash scripts/install-anchor.sh)
bash scripts/install-validator.sh
export PATH="$(dirname "$ANCHOR"):$PM_TOOLS/bin:$PATH"
if sbf=$(find_cargo_build_sbf); then
  log "cargo build-sbf: $sbf"
else
  export PATH="$ROOT/scripts/sbf-shim:$PATH"
  log "cargo build-sbf: no platform-tools here, using scripts/sbf-shim (Debian pipeline)"
fi
# SBPF v0 on both toolchains (what LiteSVM 0.8 and agave 3.1 load); anchor 1.2.2's default is v3.
export ANCHOR_BUILD_SBF_ARCH="${ANCHOR_BUILD_SBF_ARCH:-v0}"
# anchor reads the target directory from `cargo metadata`: keep it ./target.
unset CARGO_TARGET_DIR

# The provider wallet of Anchor.toml (also scripts/localnet.sh's).
WALLET="$PM_CACHE/keys/localnet.json"
if [ ! -f "$WALLET" ]; then
  mkdir -p "$(dirname "$WALLET")"
  node -e 'const { Keypair } = require("@solana/web3.js");
    require("fs").writeFileSync(process.argv[1], JSON.stringify(Array.from(Keypair.generate().secretKey)));' "$WALLET"
  log "created wallet $WALLET"
fi

timed "anchor build" anchor build
node -e '
const fs = require("fs");
const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
// anchor sorts instructions, accounts, events and types by name; the content must be the committed IDL.
const norm = (idl) => {
  for (const k of ["instructions", "accounts", "events", "types", "constants"]) if (idl[k]) idl[k].sort(byName);
  return JSON.stringify(idl);
};
const built = JSON.parse(fs.readFileSync("target/idl/perp_margin.json", "utf8"));
const committed = JSON.parse(fs.readFileSync("programs/perp-margin/idl/perp_margin.json", "utf8"));
if (norm(built) !== norm(committed)) {
  console.error("target/idl/perp_margin.json differs from programs/perp-margin/idl/perp_margin.json");
  process.exit(1);
}
if (!fs.readFileSync("target/types/perp_margin.ts", "utf8").includes("export type PerpMargin")) {
  console.error("target/types/perp_margin.ts has no PerpMargin type");
  process.exit(1);
}
console.log("target/idl/perp_margin.json = committed IDL (" + built.instructions.length + " instructions); target/types/perp_margin.ts written");
'
keys=$(anchor keys list)
echo "$keys"
grep -q "perp_margin: $PROGRAM_ID" <<<"$keys" || { echo "anchor keys list does not show $PROGRAM_ID" >&2; exit 1; }
timed "anchor idl type" anchor idl type programs/perp-margin/idl/perp_margin.json -o target/types/perp_margin.idl-type.ts
grep -q "export type PerpMargin" target/types/perp_margin.idl-type.ts
timed "anchor test (LiteSVM, Anchor.toml [scripts] test)" \
  anchor test --skip-build --skip-local-validator --skip-deploy
timed "anchor test --validator legacy (solana-test-validator, [scripts] rpc)" \
  anchor test --skip-build --validator legacy --script rpc
log "npm run test:anchor passed in $(($(date +%s) - start))s"
