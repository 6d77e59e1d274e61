/**
 * Bundles the trading page with esbuild into `client/dist/web/` (app.js + index.html + style.css).
 * The SDK, the math mirror and the wallet adapter run unchanged in the browser; Node's `Buffer` is
 * provided by the `buffer` package through an injected shim.
 *
 *   npx tsx client/src/web/build.ts
 */
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";

export const WEB_SRC = __dirname;
export const WEB_DIST = path.resolve(__dirname, "../../dist/web");

export async function buildWeb(
  outDir = WEB_DIST,
  opts: { minify?: boolean } = {},
): Promise<{ outDir: string; bytes: number; ms: number }> {
  const t0 = Date.now();
  fs.mkdirSync(outDir, { recursive: true });
  const r = await esbuild.build({
    entryPoints: [path.join(WEB_SRC, "app.ts")],
    outfile: path.join(outDir, "app.js"),
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify: opts.minify ?? true,
    sourcemap: false,
    inject: [path.join(WEB_SRC, "shims.ts")],
    define: { global: "globalThis", "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
    metafile: true,
  });
  for (const f of ["index.html", "style.css"]) fs.copyFileSync(path.join(WEB_SRC, f), path.join(outDir, f));
  const bytes = Object.values(r.metafile!.outputs).reduce((s, o) => s + o.bytes, 0);
  return { outDir, bytes, ms: Date.now() - t0 };
}

if (require.main === module) {
  buildWeb().then(
    (r) => console.log(`built ${r.outDir} (${(r.bytes / 1024).toFixed(0)} KiB in ${r.ms} ms)`),
    (e) => {
      console.error(e.message ?? e);
      process.exit(1);
    },
  );
}
