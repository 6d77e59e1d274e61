#!/usr/bin/env bash
# `npm run localnet`: a local solana-test-validator (agave 3.1.8, built from crates.io by
# scripts/install-validator.sh) with perp-margin loaded at genesis (`--bpf-program`), a funded
# localnet wallet, and RPC/websocket URLs printed once it answers. Ctrl-C / SIGTERM stops it and
# removes the temporary ledger; nothing is left running.
#
#   bash scripts/localnet.sh [--persist] [--no-reset]
#
# Environment:
#   PERP_RPC_PORT     RPC port (default 8899); the websocket is always RPC+1 (agave fixes it).
#   PERP_WS_PORT      optional; must equal PERP_RPC_PORT+1 if set.
#   PERP_FAUCET_PORT  faucet port (default 9900).
#   PERP_GOSSIP_PORT  first gossip port to try (default 8000); the next 36 ports are its dynamic range.
#   PERP_WALLET       wallet keypair (default ~/.cache/perp-margin/keys/localnet.json; created once).
#   PERP_AIRDROP      extra base58 pubkeys to airdrop 1000 SOL to, space-separated.
#   PERP_LOCALNET_READY_FILE  JSON written when ready (default ~/.cache/perp-margin/localnet.json).
#   --persist         ledger under ~/.cache/perp-margin/ledger (reset at start unless --no-reset)
#                     instead of a temp dir removed on exit.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)

PROGRAM_ID=HFYMGdMwfogTWc9RPKWHpARuEr4d7e6krmHJhS7mjB71
SO="$ROOT/target/deploy/perp_margin.so"
BIN="${PERP_TEST_VALIDATOR:-$PM_TOOLS/bin/solana-test-validator}"
RPC_PORT="${PERP_RPC_PORT:-8899}"
WS_PORT=$((RPC_PORT + 1))
FAUCET_PORT="${PERP_FAUCET_PORT:-9900}"
WALLET="${PERP_WALLET:-$PM_CACHE/keys/localnet.json}"
READY_FILE="${PERP_LOCALNET_READY_FILE:-$PM_CACHE/localnet.json}"
persist=0 reset=1
for a in "$@"; do
  case "$a" in
    --persist) persist=1 ;;
    --no-reset) reset=0 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown argument: $a" >&2; exit 2 ;;
  esac
done

if [ -n "${PERP_WS_PORT:-}" ] && [ "$PERP_WS_PORT" != "$WS_PORT" ]; then
  echo "PERP_WS_PORT=$PERP_WS_PORT: solana-test-validator always serves the websocket on RPC+1 ($WS_PORT)" >&2
  exit 2
fi
[ -x "$BIN" ] || bash scripts/install-validator.sh
[ -f "$SO" ] || { echo "$SO missing: run npm run build:program" >&2; exit 1; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$RPC_PORT" "$WS_PORT" "$FAUCET_PORT"; do
  if port_busy "$p"; then
    echo "port $p is already in use (another validator? set PERP_RPC_PORT / PERP_FAUCET_PORT)" >&2
    exit 1
  fi
done

# Localnet wallet: created once, reused by the demo, keeper and CLI.
if [ ! -f "$WALLET" ]; then
  mkdir -p "$(dirname "$WALLET")"
  node -e '
    const { Keypair } = require("@solana/web3.js");
    require("fs").writeFileSync(process.argv[1], JSON.stringify(Array.from(Keypair.generate().secretKey)), { mode: 0o600 });
  ' "$WALLET"
  log "created localnet wallet $WALLET"
fi
WALLET_PUBKEY=$(node -e '
  const { Keypair } = require("@solana/web3.js");
  const kp = Keypair.fromSecretKey(Uint8Array.from(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))));
  console.log(kp.publicKey.toBase58());
' "$WALLET")

if [ "$persist" = 1 ]; then
  LEDGER="$PM_CACHE/ledger"
  mkdir -p "$LEDGER"
  reset_flag=(); [ "$reset" = 1 ] && reset_flag=(--reset)
  tmpdir=""
else
  # Sweep temp ledgers of earlier runs that were killed without their trap (owner pid gone).
  for d in "${TMPDIR:-/tmp}"/perp-ledger-*; do
    [ -f "$d/owner.pid" ] && ! kill -0 "$(cat "$d/owner.pid")" 2>/dev/null && rm -rf "$d"
  done
  tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/perp-ledger-XXXXXX")
  echo $$ > "$tmpdir/owner.pid"
  LEDGER="$tmpdir/ledger"
  reset_flag=()
fi

vpid=""
cleanup() {
  local code=$?
  trap '' INT TERM HUP # a second signal (e.g. --pdeathsig after a group TERM) must not cut cleanup short
  trap - EXIT
  if [ -n "$vpid" ] && kill -0 "$vpid" 2>/dev/null; then
    log "stopping validator (pid $vpid)"
    kill -TERM "$vpid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$vpid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$vpid" 2>/dev/null || true
    wait "$vpid" 2>/dev/null || true
  fi
  rm -f "$READY_FILE"
  [ -n "$tmpdir" ] && rm -rf "$tmpdir"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Gossip needs its exact port and TPU/TVU/repair a contiguous range (agave: >= 25 ports). The default
# 8000 is often taken (other validators, including test-harness ones, bind a client socket there),
# so take the first block of 37 free ports (TCP and UDP) from PERP_GOSSIP_PORT, default 8000.
GOSSIP_PORT=$(node -e '
  const net = require("net"), dgram = require("dgram");
  const tcp = (p) => new Promise((r) => { const s = net.createServer(); s.once("error", () => r(false)); s.listen({ port: p, host: "0.0.0.0", exclusive: true }, () => s.close(() => r(true))); });
  const udp = (p) => new Promise((r) => { const s = dgram.createSocket("udp4"); s.once("error", () => { s.close(); r(false); }); s.bind({ port: p, address: "0.0.0.0", exclusive: true }, () => s.close(() => r(true))); });
  (async () => {
    for (let base = Number(process.argv[1]); base < 65000; base += 40) {
      let ok = true;
      for (let p = base; p < base + 37 && ok; p++) ok = (await tcp(p)) && (await udp(p));
      if (ok) { console.log(base); return; }
    }
    process.exit(1);
  })();
' "${PERP_GOSSIP_PORT:-8000}")
gossip_args=(--gossip-port "$GOSSIP_PORT" --dynamic-port-range "$((GOSSIP_PORT + 1))-$((GOSSIP_PORT + 36))")
rm -f "$READY_FILE"
log "starting solana-test-validator ($("$BIN" --version | cut -d' ' -f2)), ledger $LEDGER"
start_ns=$(date +%s%N)
# setpriv --pdeathsig: the kernel stops the validator if this script dies without its trap (SIGKILL).
RUST_LOG="${PERP_VALIDATOR_RUST_LOG:-warn}" setpriv --pdeathsig TERM -- "$BIN" \
  --ledger "$LEDGER" "${reset_flag[@]}" \
  --rpc-port "$RPC_PORT" --faucet-port "$FAUCET_PORT" "${gossip_args[@]}" \
  --bind-address 127.0.0.1 \
  --mint "$WALLET_PUBKEY" \
  --bpf-program "$PROGRAM_ID" "$SO" \
  --quiet > "$PM_CACHE/localnet-validator.out" 2>&1 &
vpid=$!

RPC_URL="http://127.0.0.1:$RPC_PORT"
WS_URL="ws://127.0.0.1:$WS_PORT"
rpc() { curl -s -m 2 -X POST -H 'content-type: application/json' -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":${2:-[]}}" "$RPC_URL"; }
for i in $(seq 1 600); do
  if ! kill -0 "$vpid" 2>/dev/null; then
    echo "solana-test-validator exited during startup:" >&2
    tail -n 30 "$PM_CACHE/localnet-validator.out" "$LEDGER/validator.log" >&2 2>/dev/null || true
    exit 1
  fi
  if rpc getHealth | grep -q '"result":"ok"' && rpc getSlot '[{"commitment":"confirmed"}]' | grep -Eq '"result":[1-9]'; then
    break
  fi
  [ "$i" = 600 ] && { echo "validator not ready after 60 s" >&2; exit 1; }
  sleep 0.1
done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

# Verify the programs and fund the wallet (plus PERP_AIRDROP keys) through the faucet over RPC.
node -e '
  const { Connection, PublicKey, LAMPORTS_PER_SOL } = require("@solana/web3.js");
  const [url, ws, programId, wallet, ...extra] = process.argv.slice(1);
  (async () => {
    const c = new Connection(url, { commitment: "confirmed", wsEndpoint: ws });
    const ids = { "perp-margin": programId, "SPL Token": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
      "SPL Associated Token": "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL" };
    const infos = await c.getMultipleAccountsInfo(Object.values(ids).map((k) => new PublicKey(k)));
    Object.keys(ids).forEach((n, i) => {
      if (!infos[i] || !infos[i].executable) { console.error(`${n} program ${ids[n]} missing on the validator`); process.exit(1); }
    });
    console.error(`[perp-margin] programs present: ${Object.keys(ids).join(", ")}`);
    for (const k of [wallet, ...extra]) {
      const sig = await c.requestAirdrop(new PublicKey(k), 1000 * LAMPORTS_PER_SOL);
      const bh = await c.getLatestBlockhash();
      await c.confirmTransaction({ signature: sig, ...bh }, "confirmed");
      console.error(`[perp-margin] airdropped 1000 SOL to ${k}: balance ${(await c.getBalance(new PublicKey(k))) / LAMPORTS_PER_SOL} SOL`);
    }
    process.exit(0);
  })().catch((e) => { console.error(e.message); process.exit(1); });
' "$RPC_URL" "$WS_URL" "$PROGRAM_ID" "$WALLET_PUBKEY" ${PERP_AIRDROP:-}

mkdir -p "$(dirname "$READY_FILE")"
cat > "$READY_FILE" <<EOF
{"rpcUrl":"$RPC_URL","wsUrl":"$WS_URL","faucet":"127.0.0.1:$FAUCET_PORT","wallet":"$WALLET","walletPubkey":"$WALLET_PUBKEY","ledger":"$LEDGER","pid":$vpid,"readyMs":$ready_ms,"programId":"$PROGRAM_ID"}
EOF
cat >&2 <<EOF

  solana-test-validator ready in ${ready_ms} ms (pid $vpid)
    RPC        $RPC_URL
    WebSocket  $WS_URL
    Faucet     127.0.0.1:$FAUCET_PORT   (gossip $GOSSIP_PORT)
    Program    $PROGRAM_ID  ($SO)
    Wallet     $WALLET ($WALLET_PUBKEY)
    Ledger     $LEDGER   (validator log: $LEDGER/validator.log)
  Ctrl-C to stop.

EOF

code=0
wait "$vpid" || code=$?
vpid=""
echo "solana-test-validator exited with code $code" >&2
exit "$code"
