#!/usr/bin/env bash
# Writes client/src/generated/perp_margin.ts (the IDL as a TypeScript type, Anchor's convention)
# from the committed IDL. `npm run idl` runs it; a test checks the file is current.
set -euo pipefail
cd "$(dirname "$0")/.."
node -e '
const fs = require("fs");
const idl = fs.readFileSync("programs/perp-margin/idl/perp_margin.json", "utf8").trim();
const out = "// Generated from programs/perp-margin/idl/perp_margin.json by scripts/idl-types.sh. Do not edit.\n" +
  "/* eslint-disable */\n" +
  "export type PerpMargin = " + idl + ";\n";
fs.writeFileSync("client/src/generated/perp_margin.ts", out);
'
echo "client/src/generated/perp_margin.ts written"
