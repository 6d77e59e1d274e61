#!/usr/bin/env bash
# `npm start`: the whole local demo on a real validator.
#   1. setup (idempotent) and build the program to SBF,
#   2. start solana-test-validator with the program (scripts/localnet.sh, fresh ledger),
#   3. seed the demo over RPC (client/src/demo: exchange, SOL/BTC/ETH perps, insurance, backstop,
#      makers' quotes, leveraged takers; keys and demo.json in ~/.cache/perp-margin/demo),
#   4. start the oracle price pusher, the makers' re-quoting loop, one keeper
#      (client/src/keeper/run.ts), the indexer + dashboard (indexer/src/main.ts), the trading page,
#   5. optionally replay a crash (client/src/demo/crash.ts, with --crash or PERP_CRASH=1),
#   6. print the URLs and run until Ctrl-C / SIGTERM, which stops everything (each component runs in
#      its own process group and is also tied to this script with --pdeathsig).
#
#   npm start [-- --crash] [-- --skip-setup]
#   (package.json runs it with `exec`, so SIGINT/SIGTERM that npm forwards reach this script and not
#   an intermediate `sh -c`, which would wait for it and swallow the signal.)
#
# Environment: PERP_RPC_PORT (8899; websocket = +1), PERP_FAUCET_PORT (9900), PERP_EXCHANGE_ID (0),
#   PERP_DASHBOARD_PORT (3000), PERP_WEB_PORT (8080), PERP_CRASH=1, PERP_SKIP_SETUP=1,
#   PERP_PRICES=0 (no price pusher), PERP_MAKERS=0, PERP_KEEPER=0, PERP_INDEXER=0, PERP_WEB=0 (skip a component),
#   DATABASE_URL (passed through to the indexer, which has its own default).
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
TSX="$ROOT/node_modules/.bin/tsx"

crash="${PERP_CRASH:-0}" skip_setup="${PERP_SKIP_SETUP:-0}"
for a in "$@"; do
  case "$a" in
    --crash) crash=1 ;;
    --skip-setup) skip_setup=1 ;;
    -h|--help) sed -n '2,/^# shellcheck/{/^# shellcheck/!p}' "$0"; exit 0 ;;
    *) echo "unknown argument: $a" >&2; exit 2 ;;
  esac
done

export PERP_RPC_PORT="${PERP_RPC_PORT:-8899}"
export PERP_EXCHANGE_ID="${PERP_EXCHANGE_ID:-0}"
export PERP_DEMO_DIR="${PERP_DEMO_DIR:-$PM_CACHE/demo}"
export PERP_WALLET="${PERP_WALLET:-$PM_CACHE/keys/localnet.json}"
export PERP_RPC_URL="http://127.0.0.1:$PERP_RPC_PORT"
export PERP_WS_URL="ws://127.0.0.1:$((PERP_RPC_PORT + 1))"
export PERP_DEMO_MANIFEST="$PERP_DEMO_DIR/demo.json"
export PERP_LOCALNET_READY_FILE="$PM_CACHE/localnet.json"
DASHBOARD_PORT="${PERP_DASHBOARD_PORT:-3000}"
WEB_PORT="${PERP_WEB_PORT:-8080}"
LOGS="$PM_CACHE/logs"
mkdir -p "$LOGS"

# Postgres (indexer database; setup.sh migrates it): started the way .ci/run does if installed and down.
if command -v pg_isready >/dev/null && [ -d /etc/postgresql ] && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  log "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi

if [ "$skip_setup" != 1 ]; then
  bash scripts/setup.sh
  bash scripts/build-program.sh
fi

# ------------------------------------------------------------------ process management
# Every background component runs in its own session/process group (setsid; pgid = pid), so one
# `kill -- -pgid` stops it with all its children (tsx → node, localnet.sh → validator). Both the
# wrapper and the component carry --pdeathsig, so even a SIGKILLed start.sh leaves nothing behind.
names=() pids=()
start_bg() { # name logfile cmd...
  local name=$1 logf=$2; shift 2
  : > "$logf"
  # Output goes to the log and, prefixed with the component's name, to this terminal.
  # pipefail: the wrapper exits with the component's status (run_fg reports it).
  PM_NAME="$name" PM_LOG="$logf" setsid setpriv --pdeathsig TERM -- bash -c \
    'set -o pipefail; setpriv --pdeathsig TERM -- "$@" 2>&1 | (trap "" TERM INT; tee -a "$PM_LOG") | (trap "" TERM INT; sed -u "/^\[/!s/^/[$PM_NAME] /")' \
    _ "$@" < /dev/null &
  local pid=$!
  names+=("$name") pids+=("$pid")
  log "$name started (pid $pid, log $logf)"
}
alive() { kill -0 -- "-$1" 2>/dev/null; }
stop_groups() { # name:pid... — TERM all groups at once, wait for every member (up to 10 s), then KILL
  local np pid
  for np in "$@"; do alive "${np#*:}" && kill -TERM -- "-${np#*:}" 2>/dev/null; done
  for _ in $(seq 1 100); do
    local any=0
    for np in "$@"; do alive "${np#*:}" && any=1; done
    [ "$any" = 0 ] && break
    sleep 0.1
  done
  for np in "$@"; do
    pid=${np#*:}
    if alive "$pid"; then
      log "${np%%:*} did not stop within 10 s of SIGTERM: killing it"
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
}
cleanup() {
  local code=$?
  trap '' INT TERM HUP # a second Ctrl-C must not cut the cleanup short
  trap - EXIT
  set +e
  local consumers=() running=() i
  for i in "${!pids[@]}"; do
    alive "${pids[$i]}" || continue
    running+=("${names[$i]}")
    [ "${names[$i]}" = validator ] || consumers+=("${names[$i]}:${pids[$i]}")
  done
  if [ ${#running[@]} -gt 0 ]; then
    log "stopping ${running[*]}"
    # All at once (the slowest sets the time, not the sum): the validator's ledger is thrown away,
    # and a consumer that loses its RPC a moment early only logs an error on its way out.
    local all=("${consumers[@]}")
    [ -n "${VALIDATOR_PID:-}" ] && alive "$VALIDATOR_PID" && all+=("validator:$VALIDATOR_PID")
    [ ${#all[@]} -gt 0 ] && stop_groups "${all[@]}"
  fi
  log "stopped"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
# Always status 0 (an absent component prints nothing): `p=$(pid_of x)` must not trip `set -e`.
pid_of() { local i; for i in "${!names[@]}"; do if [ "${names[$i]}" = "$1" ]; then echo "${pids[$i]}"; fi; done; return 0; }
forget() { local i; for i in "${!names[@]}"; do if [ "${names[$i]}" = "$1" ]; then unset "names[$i]" "pids[$i]"; fi; done; return 0; }
stop_component() { # name: stops it (if running) and forgets it
  local p; p=$(pid_of "$1")
  if [ -n "$p" ]; then stop_groups "$1:$p"; fi
  forget "$1"
}
# run_fg name logfile cmd...: a step the script waits for (seeding, the crash replay), run like a
# component (own process group, stopped by cleanup) and waited for with `wait`, which a trapped
# SIGINT interrupts at once (a plain foreground command would make Ctrl-C wait for it to finish).
run_fg() {
  local name=$1 rc=0 p
  start_bg "$@"
  p=$(pid_of "$name")
  wait "$p" || rc=$?
  forget "$name"
  return "$rc"
}

# ------------------------------------------------------------------ 1. validator
rm -f "$PERP_LOCALNET_READY_FILE"
start_bg validator "$LOGS/validator.log" bash scripts/localnet.sh
VALIDATOR_PID=$(pid_of validator)
for i in $(seq 1 900); do
  [ -f "$PERP_LOCALNET_READY_FILE" ] && break
  kill -0 "$VALIDATOR_PID" 2>/dev/null || { echo "the validator failed to start (see $LOGS/validator.log)" >&2; exit 1; }
  [ "$i" = 900 ] && { echo "validator not ready after 90 s" >&2; exit 1; }
  sleep 0.1
done

# ------------------------------------------------------------------ 2. demo
log "seeding the demo (exchange $PERP_EXCHANGE_ID) over RPC"
run_fg seed "$LOGS/seed.log" "$TSX" client/src/demo/main.ts seed --url "$PERP_RPC_URL" --ws "$PERP_WS_URL" --exchange-id "$PERP_EXCHANGE_ID" \
  || { echo "seeding the demo failed (see $LOGS/seed.log)" >&2; exit 1; }

# ------------------------------------------------------------------ 3. components
start_prices() { start_bg prices "$LOGS/prices.log" "$TSX" client/src/demo/main.ts prices --url "$PERP_RPC_URL"; }
if [ "${PERP_PRICES:-1}" != 0 ]; then start_prices; fi

# The demo makers re-quote their ladders after a sweep or when the oracle walks away from them.
start_makers() { start_bg makers "$LOGS/makers.log" "$TSX" client/src/demo/main.ts makers --url "$PERP_RPC_URL"; }
if [ "${PERP_MAKERS:-1}" != 0 ]; then start_makers; fi

# Exactly one keeper runs at any time (the crash replay drives its own and pauses this one).
start_keeper() {
  start_bg keeper "$LOGS/keeper.log" "$TSX" client/src/keeper/run.ts --url "$PERP_RPC_URL" \
    --keypair "$PERP_DEMO_DIR/keeper.json" --exchange-id "$PERP_EXCHANGE_ID"
}
keeper_status="running (log $LOGS/keeper.log)"
if [ "${PERP_KEEPER:-1}" = 0 ]; then
  keeper_status="disabled (PERP_KEEPER=0)"
else
  start_keeper
fi

dashboard_url=""
indexer_status="absent (indexer/src/main.ts not written yet)"
if [ "${PERP_INDEXER:-1}" = 0 ]; then
  indexer_status="disabled (PERP_INDEXER=0)"
elif [ -f indexer/src/main.ts ]; then
  PORT="$DASHBOARD_PORT" PERP_DASHBOARD_PORT="$DASHBOARD_PORT" \
    start_bg indexer "$LOGS/indexer.log" "$TSX" indexer/src/main.ts
  dashboard_url="http://127.0.0.1:$DASHBOARD_PORT/"
  indexer_status="running (log $LOGS/indexer.log)"
else
  log "skipping the indexer + dashboard: indexer/src/main.ts does not exist yet"
fi

web_url=""
if [ "${PERP_WEB:-1}" != 0 ] && [ -f client/src/web/serve.ts ]; then
  start_bg web "$LOGS/web.log" "$TSX" client/src/web/serve.ts --rpc "$PERP_RPC_URL" --port "$WEB_PORT" --exchange-id "$PERP_EXCHANGE_ID"
  web_url="http://127.0.0.1:$WEB_PORT/"
elif [ "${PERP_WEB:-1}" != 0 ]; then
  log "skipping the trading page: client/src/web/serve.ts does not exist yet"
fi

# ------------------------------------------------------------------ 4. crash replay (optional)
if [ "$crash" = 1 ]; then
  # The replay drives the oracles and its own keeper: pause the random-walk pusher and the keeper
  # while it runs (one keeper at a time), and start them again afterwards.
  stop_component prices
  stop_component keeper
  log "replaying the crash (client/src/demo/crash.ts)"
  if run_fg crash "$LOGS/crash.log" "$TSX" client/src/demo/crash.ts --url "$PERP_RPC_URL" --manifest "$PERP_DEMO_MANIFEST"; then
    crash_status="replayed (report in $LOGS/crash.log)"
  else
    crash_status="FAILED (see $LOGS/crash.log)"
    log "crash replay exited with an error (see $LOGS/crash.log)"
  fi
  if [ "${PERP_PRICES:-1}" != 0 ]; then start_prices; fi
  if [ "${PERP_KEEPER:-1}" != 0 ]; then start_keeper; fi
fi

cat >&2 <<EOF

  perp-margin local demo is up
    RPC            $PERP_RPC_URL
    WebSocket      $PERP_WS_URL
    Dashboard      ${dashboard_url:-— ($indexer_status)}
    Trading page   ${web_url:-— (not available)}
    Keeper         $keeper_status
    Makers         $([ "${PERP_MAKERS:-1}" != 0 ] && echo "re-quoting (log $LOGS/makers.log)" || echo "disabled (PERP_MAKERS=0)")
    Crash replay   ${crash_status:-not requested (npm start -- --crash)}
    Exchange id    $PERP_EXCHANGE_ID   (manifest $PERP_DEMO_MANIFEST, keys $PERP_DEMO_DIR)
    Logs           $LOGS
  Ctrl-C stops everything.

EOF

# ------------------------------------------------------------------ 5. run until stopped
# If the validator dies everything stops; another component dying is reported and the rest keep going.
reported=()
while :; do
  wait -n || true
  if ! alive "$VALIDATOR_PID"; then
    log "the validator exited: stopping the demo"
    exit 1
  fi
  for i in "${!pids[@]}"; do
    if [ -z "${reported[$i]:-}" ] && ! alive "${pids[$i]}"; then
      log "${names[$i]} exited (see $LOGS/${names[$i]}.log)"
      reported[$i]=1
    fi
  done
done
