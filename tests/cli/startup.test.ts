/**
 * The `perp` bin starts fast because it runs a compiled bundle (client/dist/cli.js, esbuild) instead
 * of compiling TypeScript at every call; `--version` prints the package version. No validator.
 */
import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../harness/localnet";

const BIN = path.join(REPO_ROOT, "client/bin/perp.js");
const DIST = path.join(REPO_ROOT, "client/dist/cli.js");
const run = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: "utf8" });

describe("cli: startup", function () {
  this.timeout(120_000);

  before(() => {
    run(["--version"]); // builds the bundle if a source is newer
  });

  it("runs the compiled bundle, rebuilt when a source file is newer", () => {
    assert.ok(fs.existsSync(DIST), "client/dist/cli.js exists after a run");
    const newest = execFileSync(
      "find",
      [path.join(REPO_ROOT, "client/src"), "-name", "*.ts", "-not", "-path", "*/web/*", "-newer", DIST],
      {
        encoding: "utf8",
      },
    ).trim();
    assert.equal(newest, "", "no source is newer than the bundle");
  });

  it("--version prints the client package version", () => {
    const r = run(["--version"]);
    assert.equal(r.status, 0);
    const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "client/package.json"), "utf8")).version;
    assert.equal(r.stdout.trim(), version);
    assert.equal(run(["-V"]).stdout.trim(), version);
  });

  it("--help answers in under a second (best of 3) and documents the units", () => {
    const times: number[] = [];
    let out = "";
    for (let i = 0; i < 3; i++) {
      const t = process.hrtime.bigint();
      const r = run(["--help"]);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      assert.equal(r.status, 0);
      assert.equal(r.stderr, "", "nothing on stderr");
      out = r.stdout;
    }
    console.log(`      perp --help: ${times.map((t) => `${t.toFixed(0)} ms`).join(", ")}`);
    assert.ok(Math.min(...times) < 1000, `best ${Math.min(...times).toFixed(0)} ms`);
    assert.match(out, /USD per SOL/);
    assert.match(out, /--native/);
  });
});
