/**
 * Keypairs kept on disk for the local demo (solana CLI format: a JSON array of 64 bytes), so a
 * restarted dashboard, keeper or CLI keeps acting as the same admin, oracle and traders.
 * Default directory: `$PM_CACHE/demo` (`~/.cache/perp-margin/demo`).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Keypair } from "@solana/web3.js";

export const PM_CACHE = process.env.PM_CACHE ?? path.join(os.homedir(), ".cache", "perp-margin");
export const DEFAULT_DEMO_DIR = process.env.PERP_DEMO_DIR ?? path.join(PM_CACHE, "demo");
/** Where scripts/localnet.sh keeps the localnet wallet. */
export const DEFAULT_WALLET = process.env.PERP_WALLET ?? path.join(PM_CACHE, "keys", "localnet.json");

export function readKeypair(file: string): Keypair {
  return Keypair.fromSecretKey(Uint8Array.from(JSON.parse(fs.readFileSync(file, "utf8"))));
}

export function writeKeypair(file: string, kp: Keypair) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(Array.from(kp.secretKey)), { mode: 0o600 });
}

/** Loads `<dir>/<name>.json`, creating (and saving) a fresh keypair if it is missing. */
export function loadOrCreateKeypair(dir: string, name: string): Keypair {
  const file = path.join(dir, `${name}.json`);
  if (fs.existsSync(file)) return readKeypair(file);
  const kp = Keypair.generate();
  writeKeypair(file, kp);
  return kp;
}

/** A named set of keypairs in one directory; `ephemeral` keeps them in memory only (tests). */
export class KeyStore {
  private readonly cache = new Map<string, Keypair>();
  constructor(readonly dir: string | null = DEFAULT_DEMO_DIR) {}

  static ephemeral() {
    return new KeyStore(null);
  }

  get(name: string): Keypair {
    let kp = this.cache.get(name);
    if (!kp) {
      kp = this.dir ? loadOrCreateKeypair(this.dir, name) : Keypair.generate();
      this.cache.set(name, kp);
    }
    return kp;
  }
}
