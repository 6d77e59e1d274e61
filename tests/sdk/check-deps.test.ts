/** scripts/check-deps.ts (run by `npm run check`): which package names a source file imports. */
import { strict as assert } from "node:assert";
import { importsOf, packageOf } from "../../scripts/check-deps";

describe("check-deps: imported packages", () => {
  it("names the package of a specifier; local paths and builtins are not packages", () => {
    assert.equal(packageOf("bs58"), "bs58");
    assert.equal(packageOf("@solana/web3.js"), "@solana/web3.js");
    assert.equal(packageOf("@perp-margin/client/src/demo/mint"), "@perp-margin/client");
    assert.equal(packageOf("bn.js"), "bn.js");
    assert.equal(packageOf("./send"), null);
    assert.equal(packageOf("node:fs"), null);
    assert.equal(packageOf("fs"), null);
  });

  it("finds import, export-from, dynamic import and require; ignores comments", () => {
    const src = [
      'import bs58 from "bs58";',
      'import type { Idl } from "@coral-xyz/anchor";',
      'export { x } from "pg";',
      'const m = await import("esbuild");',
      'const t = require("tsx/cjs");',
      'import "side-effect";',
      '// import nope from "commented-out";',
      '/* require("also-not") */',
      'import * as fs from "node:fs";',
    ].join("\n");
    assert.deepEqual(importsOf(src).sort(), [
      "@coral-xyz/anchor",
      "bs58",
      "esbuild",
      "pg",
      "side-effect",
      "tsx",
    ]);
  });
});
