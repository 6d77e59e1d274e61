#!/usr/bin/env node
// `perp` CLI. Runs the compiled bundle client/dist/cli.js (esbuild, see client/src/cli/build.ts):
// built by scripts/setup.sh, and rebuilt here first whenever a source file under client/src is
// newer than it, so a checkout being edited never runs stale code. Without esbuild it falls back
// to compiling the TypeScript at start (tsx), which is several times slower.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist", "cli.js");

/** Newest mtime (ms) of the .ts files under dir, web page excluded (not part of the CLI). */
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "web") t = Math.max(t, newest(p));
    } else if (e.name.endsWith(".ts")) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

function fresh() {
  try {
    const built = fs.statSync(dist).mtimeMs;
    return (
      built >= newest(path.join(root, "src")) && built >= fs.statSync(path.join(root, "package.json")).mtimeMs
    );
  } catch {
    return false;
  }
}

async function load() {
  if (!fresh()) {
    try {
      require("tsx/cjs");
      await require("../src/cli/build.ts").buildCli(dist);
    } catch (e) {
      if (process.env.PERP_DEBUG)
        process.stderr.write(`cli bundle not built (${e.message}); running from source\n`);
      require("tsx/cjs");
      return require("../src/cli/main.ts");
    }
  }
  return require(dist);
}

load()
  .then(({ main }) => main(process.argv))
  .then((code) => process.exit(code));
