#!/usr/bin/env bash
# Writes client/src/generated/perp_margin.ts (the IDL as a TypeScript type, Anchor's convention)
# from the committed IDL. `npm run idl` runs it; a test checks the file is current.
set -euo pipefail
# --check: exit 1 if the committed file differs from what would be written (npm run check).
[ "${1:-}" = "--check" ] && export IDL_TYPES_CHECK=1
cd "$(dirname "$0")/.." || exit 1
node -e '
const fs = require("fs");
const check = process.env.IDL_TYPES_CHECK === "1";
const idl = fs.readFileSync("programs/perp-margin/idl/perp_margin.json", "utf8").trim();
const out = "// Generated from programs/perp-margin/idl/perp_margin.json by scripts/idl-types.sh. Do not edit.\n" +
  "/* eslint-disable */\n" +
  "export type PerpMargin = " + idl + ";\n";
const file = "client/src/generated/perp_margin.ts";
if (check) {
  if (fs.readFileSync(file, "utf8") !== out) {
    console.error(file + " is stale: run npm run idl");
    process.exit(1);
  }
} else {
  fs.writeFileSync(file, out);
  console.log(file + " written");
}
'
