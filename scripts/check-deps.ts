/**
 * `npm run check`: every package a workspace imports is declared in that workspace's own
 * package.json (dependencies, devDependencies or peerDependencies) — not borrowed from a sibling's
 * or present only transitively (npm hoisting would hide it until a fresh or different install).
 *
 * Scans TypeScript/JavaScript under each workspace (client, indexer, tests) and the root's own
 * code (bench, scripts) for `import … from "x"`, `import("x")`, `require("x")` and
 * `export … from "x"`; relative paths and `node:` builtins are skipped. Exit 1 lists what is missing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { builtinModules } from "node:module";

const ROOT = path.resolve(__dirname, "..");
/** Workspace directory → the directories of code it owns. */
const WORKSPACES: Record<string, string[]> = {
  ".": ["bench", "scripts"],
  client: ["client/src", "client/bin"],
  indexer: ["indexer/src", "indexer/bench", "indexer/scripts", "indexer/prisma.config.ts"],
  tests: ["tests"],
};
const SKIP_DIRS = new Set(["node_modules", "dist", "generated", ".test-output"]);
const BUILTINS = new Set(builtinModules);

function files(p: string, out: string[] = []): string[] {
  const abs = path.join(ROOT, p);
  if (!fs.existsSync(abs)) return out;
  if (fs.statSync(abs).isFile()) {
    if (/\.(c|m)?[jt]sx?$/.test(p)) out.push(abs);
    return out;
  }
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    if (e.isDirectory() && SKIP_DIRS.has(e.name)) continue;
    files(path.join(p, e.name), out);
  }
  return out;
}

const SPEC = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"'\n]+)["']/gm;

/** The package a module specifier names (`@scope/name/sub` → `@scope/name`); null if local/builtin. */
export function packageOf(spec: string): string | null {
  if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:")) return null;
  const parts = spec.split("/");
  const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return BUILTINS.has(name) ? null : name;
}

/** Package names imported by `source`. */
export function importsOf(source: string): string[] {
  // Drop block and line comments so a doc example is not an import.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const out = new Set<string>();
  for (const m of code.matchAll(SPEC)) {
    const p = packageOf(m[1]);
    if (p) out.add(p);
  }
  return [...out];
}

function declared(ws: string): Set<string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, ws, "package.json"), "utf8"));
  return new Set([
    pkg.name,
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.devDependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ]);
}

function main() {
  const missing: string[] = [];
  let scanned = 0;
  for (const [ws, dirs] of Object.entries(WORKSPACES)) {
    const have = declared(ws);
    const need = new Map<string, string>();
    for (const f of dirs.flatMap((d) => files(d))) {
      scanned++;
      for (const p of importsOf(fs.readFileSync(f, "utf8")))
        if (!have.has(p) && !need.has(p)) need.set(p, path.relative(ROOT, f));
    }
    for (const [p, f] of need) missing.push(`${path.join(ws, "package.json")}: "${p}" (imported by ${f})`);
  }
  if (missing.length > 0) {
    console.error(
      `packages imported but not declared in the importing workspace:\n  ${missing.join("\n  ")}`,
    );
    process.exit(1);
  }
  console.log(`check-deps: ${scanned} files, every imported package declared in its own package.json`);
}

if (require.main === module) main();
