#!/usr/bin/env bash
# `npm run test:anchor` — the Anchor workspace as an Anchor user drives it (not part of `npm test`:
# building anchor-cli and the validator does not fit its time budget; `.ci/anchor` runs this):
#   1. anchor-cli 1.2.2 (installed one, else built once from crates.io) and the validator;
#   2. `anchor build`: cargo build-sbf (platform-tools' if installed, else scripts/sbf-shim), then the
#      IDL step; `anchor idl type` of the committed IDL; checks target/idl/perp_margin.json is the
#      committed IDL and both anchor-written TypeScript types are the committed one;
#   3. `anchor keys list` shows the committed program id;
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
PATH="$(dirname "$ANCHOR"):$PATH"
export PATH
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
timed "anchor idl type" anchor idl type programs/perp-margin/idl/perp_margin.json -o target/types/perp_margin.idl-type.ts
# anchor sorts instructions, accounts, events and types by name and writes keys in its own order:
# compared as data, target/idl is the committed IDL and both anchor-written TypeScript types are the
# committed client/src/generated/perp_margin_anchor.ts.
node -e '
const fs = require("fs");
const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const canon = (v) =>
  Array.isArray(v) ? v.map(canon)
  : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])]))
  : v;
const norm = (idl) => {
  for (const k of ["instructions", "accounts", "events", "types", "constants", "errors"]) if (idl[k]) idl[k].sort(byName);
  return JSON.stringify(canon(idl));
};
const json = (f) => JSON.parse(fs.readFileSync(f, "utf8"));
const tsType = (f) => { const s = fs.readFileSync(f, "utf8"); return JSON.parse(s.slice(s.indexOf("= {") + 2, s.lastIndexOf("}") + 1)); };
const same = (what, a, b) => { if (norm(a) !== norm(b)) { console.error(what + " differ"); process.exit(1); } };
same("target/idl/perp_margin.json and programs/perp-margin/idl/perp_margin.json",
  json("target/idl/perp_margin.json"), json("programs/perp-margin/idl/perp_margin.json"));
const committedType = tsType("client/src/generated/perp_margin_anchor.ts");
same("target/types/perp_margin.ts (anchor build) and client/src/generated/perp_margin_anchor.ts",
  tsType("target/types/perp_margin.ts"), committedType);
same("anchor idl type output and client/src/generated/perp_margin_anchor.ts",
  tsType("target/types/perp_margin.idl-type.ts"), committedType);
console.log("target/idl/perp_margin.json = committed IDL; target/types/perp_margin.ts = anchor idl type = committed perp_margin_anchor.ts");
'
keys=$(anchor keys list)
echo "$keys"
grep -q "perp_margin: $PROGRAM_ID" <<<"$keys" || { echo "anchor keys list does not show $PROGRAM_ID" >&2; exit 1; }
timed "anchor test (LiteSVM, Anchor.toml [scripts] test)" \
  anchor test --skip-build --skip-local-validator --skip-deploy
# anchor spawns `solana-test-validator` from PATH: an installed one, else this project's cached build.
bash scripts/install-validator.sh
PATH="$PM_TOOLS/bin:$PATH"
timed "anchor test --validator legacy (solana-test-validator, [scripts] rpc)" \
  anchor test --skip-build --validator legacy --script rpc
log "npm run test:anchor passed in $(($(date +%s) - start))s"
