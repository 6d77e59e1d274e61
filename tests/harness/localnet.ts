/**
 * A real `solana-test-validator` (agave 3.1.8, built by scripts/install-validator.sh) for one mocha
 * suite: the SBF program loaded at genesis (`--bpf-program`), a temporary ledger, and a block of
 * free ports picked at random so suites (e2e, indexer, CLI, browser) can run side by side.
 *
 *   const net = await startLocalnet();          // in before()
 *   net.connection / net.rpcUrl / net.wsUrl / net.payer (funded at genesis)
 *   await net.stop();                           // in after(); idempotent
 *
 * Or `useLocalnet()` inside a `describe` to get before/after hooks wired up.
 *
 * Teardown is guaranteed three ways: `stop()`, process `exit`/signal handlers that kill every
 * validator this process started, and `setpriv --pdeathsig` so the kernel kills the validator if
 * this process dies without running any handler (SIGKILL, OOM). The validator runs in its own
 * process group; stop() signals the whole group.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as dgram from "node:dgram";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { type Commitment, Connection, Keypair, LAMPORTS_PER_SOL, type PublicKey } from "@solana/web3.js";
import { PROGRAM_ID } from "@perp-margin/client";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const PROGRAM_SO = path.join(REPO_ROOT, "target/deploy/perp_margin.so");
const CACHE = process.env.PM_CACHE ?? path.join(os.homedir(), ".cache/perp-margin");
/** Where scripts/install-validator.sh caches the binary (override: PERP_TEST_VALIDATOR). */
export const VALIDATOR_BIN =
  process.env.PERP_TEST_VALIDATOR ?? path.join(CACHE, "tools/bin/solana-test-validator");
const LEDGER_PREFIX = "perp-localnet-";

export interface LocalnetOptions {
  /** SBF programs loaded at genesis; default: perp-margin from target/deploy. */
  programs?: { programId: PublicKey; so: string }[];
  /** Commitment of `connection`; default "confirmed". */
  commitment?: Commitment;
  /** Extra validator arguments. */
  extraArgs?: string[];
  /** RUST_LOG for the validator (its log is `<ledger>/validator.log`); default "warn". */
  rustLog?: string;
  /** Keep the ledger directory after stop() (default: removed unless PERP_KEEP_LEDGER=1). */
  keepLedger?: boolean;
  /** Give up if not answering after this long; default 60 s. */
  readyTimeoutMs?: number;
}

export interface Localnet {
  rpcUrl: string;
  wsUrl: string;
  faucetUrl: string;
  rpcPort: number;
  connection: Connection;
  /** Funded at genesis (`--mint`, 500 M SOL): pays for anything the suite needs. */
  payer: Keypair;
  ledgerDir: string;
  pid: number;
  /** Milliseconds from spawn to answering getHealth/getSlot with a usable blockhash. */
  readyMs: number;
  /** Airdrops through the validator's faucet (RPC requestAirdrop) and waits for confirmation. */
  airdrop(to: PublicKey, sol?: number): Promise<void>;
  /** Stops the validator (SIGTERM to its process group, SIGKILL after 5 s) and removes the ledger. */
  stop(): Promise<void>;
}

// ------------------------------------------------------------------------------------------------
// Process bookkeeping: every validator this process started, killed on exit no matter how.

const live = new Map<number, { child: ChildProcess; ledgerDir: string; keep: boolean }>();
let handlersInstalled = false;

function killGroupSync(pid: number, sig: NodeJS.Signals) {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

function killAllSync() {
  for (const [pid, v] of live) {
    killGroupSync(pid, "SIGKILL");
    if (!v.keep) fs.rmSync(v.ledgerDir, { recursive: true, force: true });
  }
  live.clear();
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", killAllSync);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as NodeJS.Signals[]) {
    const onSignal = () => {
      killAllSync();
      // Re-raise with the default action unless someone else (mocha, the app) handles it.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.once(sig, onSignal);
  }
}

/** Removes ledgers left by processes that died without cleaning up (owner pid gone). */
function sweepStaleLedgers() {
  const tmp = os.tmpdir();
  for (const name of fs.readdirSync(tmp)) {
    if (!name.startsWith(LEDGER_PREFIX)) continue;
    const dir = path.join(tmp, name);
    try {
      const owner = Number(fs.readFileSync(path.join(dir, "owner.pid"), "utf8"));
      if (owner && !pidAlive(owner)) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* not ours or being created */
    }
  }
}

function pidAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

// ------------------------------------------------------------------------------------------------
// Ports: rpc, rpc+1 (websocket: the validator always uses rpc+1), faucet, gossip, then a dynamic
// range for TPU/TVU/repair sockets (agave needs ≥ 25 ports; it binds ~23 contiguous ones).

const BLOCK = 40;

function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen({ port, host: "0.0.0.0", exclusive: true }, () => s.close(() => resolve(true)));
  });
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = dgram.createSocket("udp4");
    s.once("error", () => {
      s.close();
      resolve(false);
    });
    s.bind({ port, address: "0.0.0.0", exclusive: true }, () => s.close(() => resolve(true)));
  });
}

async function pickPortBlock(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // 20 000 – 59 999, away from the default validator ports (8000-10000, 8899, 9900) and the
    // ephemeral range Linux hands out for outgoing connections (32768+ is shared but rarely dense).
    const base = 20_000 + Math.floor(Math.random() * ((40_000 - BLOCK) / BLOCK)) * BLOCK;
    let ok = true;
    for (let p = base; p < base + BLOCK && ok; p++) ok = (await tcpFree(p)) && (await udpFree(p));
    if (ok) return base;
  }
  throw new Error("no free block of ports found for solana-test-validator");
}

// ------------------------------------------------------------------------------------------------

async function rpcCall(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(2000),
  });
  const j = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (j.error) throw new Error(j.error.message);
  return j.result;
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Closes a web3.js `Connection`'s websocket for good. Without this, a connection whose validator
 * was stopped within its 500 ms idle window reconnects forever (rpc-websockets, max_reconnects
 * Infinity), spamming "ws error" and keeping the process alive. Call it for any extra Connection
 * you made to a localnet before stopping it; `stop()` does it for `connection`.
 */
export function closeWebSocket(connection: Connection) {
  // web3.js keeps its websocket client private; these are the fields that hold it.
  const c = connection as unknown as {
    _rpcWebSocketIdleTimeout: ReturnType<typeof setTimeout> | null;
    _rpcWebSocket?: { setAutoReconnect?(on: boolean): void; close?(): void };
  };
  if (c._rpcWebSocketIdleTimeout) {
    clearTimeout(c._rpcWebSocketIdleTimeout);
    c._rpcWebSocketIdleTimeout = null;
  }
  const ws = c._rpcWebSocket;
  try {
    ws?.setAutoReconnect?.(false);
    ws?.close?.();
  } catch {
    /* already closed */
  }
}

/** Starts a validator on free ports with a temp ledger; resolves once it answers RPC. */
export async function startLocalnet(opts: LocalnetOptions = {}): Promise<Localnet> {
  if (!fs.existsSync(VALIDATOR_BIN)) {
    throw new Error(`${VALIDATOR_BIN} missing: run scripts/install-validator.sh (or npm run setup)`);
  }
  const programs = opts.programs ?? [{ programId: PROGRAM_ID, so: PROGRAM_SO }];
  for (const p of programs)
    if (!fs.existsSync(p.so)) throw new Error(`${p.so} missing: run npm run build:program`);
  installHandlers();
  sweepStaleLedgers();
  let lastErr: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(opts, programs);
    } catch (e) {
      lastErr = e;
      // A port taken between the check and the bind makes the validator exit early: retry.
      if (!(e instanceof EarlyExit)) throw e;
    }
  }
  throw lastErr;
}

class EarlyExit extends Error {}

async function startOnce(
  opts: LocalnetOptions,
  programs: { programId: PublicKey; so: string }[],
): Promise<Localnet> {
  const base = await pickPortBlock();
  const rpcPort = base,
    faucetPort = base + 2,
    gossipPort = base + 3;
  const ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), LEDGER_PREFIX));
  fs.writeFileSync(path.join(ledgerDir, "owner.pid"), String(process.pid));
  const payer = Keypair.generate();
  const args = [
    "--ledger",
    path.join(ledgerDir, "ledger"),
    "--rpc-port",
    String(rpcPort),
    "--faucet-port",
    String(faucetPort),
    "--gossip-port",
    String(gossipPort),
    "--dynamic-port-range",
    `${base + 4}-${base + BLOCK - 1}`,
    "--bind-address",
    "127.0.0.1",
    "--mint",
    payer.publicKey.toBase58(),
    "--quiet",
    ...programs.flatMap((p) => ["--bpf-program", p.programId.toBase58(), p.so]),
    ...(opts.extraArgs ?? []),
  ];
  // setpriv --pdeathsig: the kernel SIGKILLs the validator if this process dies (even by SIGKILL).
  const usePdeath = fs.existsSync("/usr/bin/setpriv");
  const cmd = usePdeath ? "/usr/bin/setpriv" : VALIDATOR_BIN;
  const argv = usePdeath ? ["--pdeathsig", "KILL", "--", VALIDATOR_BIN, ...args] : args;
  const logFd = fs.openSync(path.join(ledgerDir, "stdout.log"), "a");
  const t0 = Date.now();
  const child = spawn(cmd, argv, {
    cwd: ledgerDir,
    detached: true, // own process group, so stop() can signal the group
    stdio: ["ignore", logFd, logFd],
    env: { ...process.env, RUST_LOG: opts.rustLog ?? process.env.PERP_VALIDATOR_RUST_LOG ?? "warn" },
  });
  fs.closeSync(logFd);
  const pid = child.pid!;
  const keep = opts.keepLedger ?? process.env.PERP_KEEP_LEDGER === "1";
  live.set(pid, { child, ledgerDir, keep });
  let exited: number | string | null = null;
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", (code, sig) => {
      exited = code ?? sig ?? "?";
      resolve();
    }),
  );
  child.unref(); // never keeps mocha alive on its own; stop()/exit handlers end it

  const rpcUrl = `http://127.0.0.1:${rpcPort}`;
  const wsUrl = `ws://127.0.0.1:${rpcPort + 1}`;
  let connection: Connection | undefined;
  const stop = async () => {
    if (!live.has(pid)) return;
    live.delete(pid);
    if (connection) closeWebSocket(connection);
    if (exited === null) {
      killGroupSync(pid, "SIGTERM");
      const timer = setTimeout(() => killGroupSync(pid, "SIGKILL"), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    if (!keep) fs.rmSync(ledgerDir, { recursive: true, force: true });
  };

  const deadline = t0 + (opts.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited !== null) {
      const log = `${tail(path.join(ledgerDir, "stdout.log"))}\n${tail(path.join(ledgerDir, "ledger/validator.log"))}`;
      await stop();
      throw new EarlyExit(`solana-test-validator exited during startup (${exited}):\n${log}`);
    }
    if (Date.now() > deadline) {
      const log = tail(path.join(ledgerDir, "ledger/validator.log"));
      await stop();
      throw new Error(`solana-test-validator not ready after ${opts.readyTimeoutMs ?? 60_000} ms:\n${log}`);
    }
    try {
      if (
        (await rpcCall(rpcUrl, "getHealth")) === "ok" &&
        Number(await rpcCall(rpcUrl, "getSlot", [{ commitment: "confirmed" }])) >= 1
      ) {
        await rpcCall(rpcUrl, "getLatestBlockhash", [{ commitment: "confirmed" }]);
        break;
      }
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  const readyMs = Date.now() - t0;
  connection = new Connection(rpcUrl, { commitment: opts.commitment ?? "confirmed", wsEndpoint: wsUrl });
  const conn = connection;
  return {
    rpcUrl,
    wsUrl,
    faucetUrl: `127.0.0.1:${faucetPort}`,
    rpcPort,
    connection: conn,
    payer,
    ledgerDir,
    pid,
    readyMs,
    stop,
    async airdrop(to: PublicKey, sol = 100) {
      const sig = await conn.requestAirdrop(to, sol * LAMPORTS_PER_SOL);
      const bh = await conn.getLatestBlockhash("confirmed");
      await conn.confirmTransaction({ signature: sig, ...bh }, "confirmed");
    },
  };
}

/**
 * Mocha helper: starts a validator in `before` and stops it in `after` of the enclosing
 * `describe`. Returns a getter (the localnet only exists once `before` has run).
 */
export function useLocalnet(opts: LocalnetOptions = {}): () => Localnet {
  let ln: Localnet | undefined;
  before(async function () {
    this.timeout((opts.readyTimeoutMs ?? 60_000) + 10_000);
    ln = await startLocalnet(opts);
  });
  after(async function () {
    this.timeout(15_000);
    await ln?.stop();
  });
  return () => {
    if (!ln)
      throw new Error("localnet not started (use it inside it()/before() after useLocalnet's before hook)");
    return ln;
  };
}
