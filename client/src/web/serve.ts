/**
 * A tiny static server for the trading page (node:http, no framework): serves
 * `client/dist/web/` and `/config.json` with the RPC URL and exchange id the page should use.
 *
 *   npx tsx client/src/web/serve.ts --rpc http://127.0.0.1:8899 --port 8080 [--exchange-id 0] [--build]
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { WEB_DIST, buildWeb } from "./build";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export interface ServeOptions {
  rpcUrl: string;
  exchangeId?: number;
  port?: number;
  host?: string;
  root?: string;
  pollMs?: number;
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export function serveWeb(opts: ServeOptions): Promise<WebServer> {
  const root = path.resolve(opts.root ?? WEB_DIST);
  const config = JSON.stringify({
    rpcUrl: opts.rpcUrl,
    exchangeId: opts.exchangeId ?? 0,
    pollMs: opts.pollMs ?? 2000,
  });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/config.json") {
      res.writeHead(200, { "content-type": TYPES[".json"], "cache-control": "no-store" });
      return res.end(config);
    }
    const rel = url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname).replace(/^\/+/, "");
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      return res.end("not found");
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => {
      const a = server.address() as AddressInfo;
      resolve({
        url: `http://${opts.host ?? "127.0.0.1"}:${a.port}/`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

if (require.main === module) {
  (async () => {
    if (process.argv.includes("--build") || !fs.existsSync(path.join(WEB_DIST, "app.js"))) await buildWeb();
    const s = await serveWeb({
      rpcUrl: arg("rpc", process.env.PERP_RPC_URL ?? "http://127.0.0.1:8899")!,
      exchangeId: Number(arg("exchange-id", "0")),
      port: Number(arg("port", "8080")),
      host: arg("host", "127.0.0.1"),
    });
    console.log(`trading page at ${s.url}`);
  })().catch((e) => {
    console.error(`error: ${(e as Error).message}`);
    process.exit(1);
  });
}
