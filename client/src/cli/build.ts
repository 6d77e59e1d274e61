/**
 * Compiles the `perp` CLI once, with esbuild, into `client/dist/cli.js` (one CommonJS file with the
 * SDK and its dependencies): the bin then starts in a fraction of a second instead of compiling
 * TypeScript at every call. Run by `npm run setup`/`npm test` (scripts/setup.sh) and by the bin itself
 * when a source file is newer than the bundle.
 *
 *   npx tsx client/src/cli/build.ts
 */
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";

export const CLI_ENTRY = path.join(__dirname, "main.ts");
export const CLI_DIST = path.resolve(__dirname, "../../dist/cli.js");

export async function buildCli(outfile = CLI_DIST): Promise<{ outfile: string; bytes: number; ms: number }> {
  const t0 = Date.now();
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const version = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")).version;
  const r = await esbuild.build({
    entryPoints: [CLI_ENTRY],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    minify: true,
    keepNames: true,
    sourcemap: "linked",
    define: { PERP_CLI_VERSION: JSON.stringify(version) },
    // native addons (and ws's optional ones) load from node_modules as they would unbundled
    external: ["bigint-buffer", "bufferutil", "utf-8-validate"],
    logLevel: "silent",
    metafile: true,
  });
  const bytes = Object.entries(r.metafile!.outputs)
    .filter(([f]) => f.endsWith(".js"))
    .reduce((s, [, o]) => s + o.bytes, 0);
  return { outfile, bytes, ms: Date.now() - t0 };
}

if (require.main === module) {
  buildCli().then(
    (r) => console.log(`built ${r.outfile} (${(r.bytes / 1024).toFixed(0)} KiB in ${r.ms} ms)`),
    (e) => {
      console.error(e.message ?? e);
      process.exit(1);
    },
  );
}
