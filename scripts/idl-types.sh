#!/usr/bin/env bash
# Writes the IDL's TypeScript types from the committed IDL (programs/perp-margin/idl/perp_margin.json):
#   client/src/generated/perp_margin.ts         `PerpMargin`: the IDL JSON as a type (snake_case, as
#                                               the file), read by client/src/idl-types.ts;
#   client/src/generated/perp_margin_anchor.ts  `PerpMarginAnchor`: Anchor's camelCase form — what
#                                               `anchor idl type` / `anchor build` write to
#                                               target/types/perp_margin.ts, the type `Program<…>` takes
#                                               (converted with @coral-xyz/anchor's convertIdlToCamelCase,
#                                               the transformation `new Program` applies at runtime).
# `npm run idl` runs it; `--check` (npm run check) exits 1 if a committed file is stale.
set -euo pipefail
[ "${1:-}" = "--check" ] && export IDL_TYPES_CHECK=1
cd "$(dirname "$0")/.." || exit 1
node -e '
const fs = require("fs");
const { convertIdlToCamelCase } = require("@coral-xyz/anchor/dist/cjs/idl.js");
const check = process.env.IDL_TYPES_CHECK === "1";
const src = "programs/perp-margin/idl/perp_margin.json";
const idl = fs.readFileSync(src, "utf8").trim();
const files = {
  "client/src/generated/perp_margin.ts":
    "// Generated from " + src + " by scripts/idl-types.sh. Do not edit.\n" +
    "/* eslint-disable */\n" +
    "export type PerpMargin = " + idl + ";\n",
  "client/src/generated/perp_margin_anchor.ts":
    "// Generated from " + src + " by scripts/idl-types.sh. Do not edit.\n" +
    "// Anchor'\''s camelCase IDL type (as `anchor idl type` writes it): the type parameter of Program<>.\n" +
    "/* eslint-disable */\n" +
    "export type PerpMarginAnchor = " + JSON.stringify(convertIdlToCamelCase(JSON.parse(idl)), null, 2) + ";\n",
};
let stale = false;
for (const [file, out] of Object.entries(files)) {
  if (check) {
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== out) {
      console.error(file + " is stale: run npm run idl");
      stale = true;
    }
  } else {
    fs.writeFileSync(file, out);
    console.log(file + " written");
  }
}
process.exit(stale ? 1 : 0);
'
