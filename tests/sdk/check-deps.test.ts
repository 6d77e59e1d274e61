/** scripts/check-deps.ts (run by `npm run check`): which package names a source file imports. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
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
    // A sample source kept outside the scanned .ts files (it would otherwise count as imports here).
    const src = fs.readFileSync(path.join(__dirname, "fixtures/imports.sample.txt"), "utf8");
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
