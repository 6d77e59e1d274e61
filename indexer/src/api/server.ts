/**
 * HTTP server (node:http, no framework): the JSON API under /api/ and the dashboard's static
 * files from `indexer/web/`.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import type { Db } from "../db/client";
import { stringify } from "../decode/json";
import { HttpError, ROUTES } from "./routes";

export const WEB_DIR = path.resolve(__dirname, "../../web");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

export interface ApiOptions {
  webDir?: string;
  live?: () => unknown;
  log?: (s: string) => void;
}

export function createApiServer(db: Db, opts: ApiOptions = {}): http.Server {
  const webDir = opts.webDir ?? WEB_DIR;
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    try {
      if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, "GET only");
      if (url.pathname.startsWith("/api/")) {
        for (const [re, handler] of ROUTES) {
          const m = re.exec(url.pathname);
          if (!m) continue;
          const body = stringify(
            await handler({ db, query: url.searchParams, params: m.slice(1), live: opts.live }),
          );
          res.writeHead(200, {
            "content-type": "application/json",
            "cache-control": "no-store",
            "access-control-allow-origin": "*",
          });
          res.end(body);
          return;
        }
        throw new HttpError(404, `no route ${url.pathname}`);
      }
      const rel = url.pathname === "/" ? "index.html" : url.pathname.slice(1);
      const file = path.resolve(webDir, rel);
      if (!file.startsWith(webDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile())
        throw new HttpError(404, "not found");
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "cache-control": "no-cache",
      });
      fs.createReadStream(file).pipe(res);
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) opts.log?.(`api ${url.pathname}: ${(e as Error).message.split("\n")[0]}`);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: status === 500 ? "internal error" : (e as Error).message }));
    }
  });
}

/** Listens on `port` (0 = any free port); resolves with the bound port. */
export function listen(server: http.Server, port: number, host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}
