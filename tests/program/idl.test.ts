/**
 * The committed IDL against the Rust layouts, from the TypeScript side: discriminators recomputed,
 * every account field decoded by Anchor's coder at exactly the byte offset Rust puts it
 * (`idl/layouts.json`, generated from `offset_of!`), and the generated TS type current.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { BorshAccountsCoder } from "@coral-xyz/anchor";
import { IDL } from "@perp-margin/client";

const root = path.resolve(__dirname, "../..");
const layouts: Record<string, { size: number; fields: Record<string, [number, number]> }> = JSON.parse(
  fs.readFileSync(path.join(root, "programs/perp-margin/idl/layouts.json"), "utf8"),
);
const sha8 = (s: string) => Array.from(createHash("sha256").update(s).digest().subarray(0, 8));

describe("IDL ↔ Rust layouts", () => {
  it("every discriminator is Anchor's sha256 prefix", () => {
    for (const ix of IDL.instructions) assert.deepEqual(ix.discriminator, sha8(`global:${ix.name}`), ix.name);
    for (const a of IDL.accounts) assert.deepEqual(a.discriminator, sha8(`account:${a.name}`), a.name);
    for (const e of IDL.events) assert.deepEqual(e.discriminator, sha8(`event:${e.name}`), e.name);
    console.log(
      `      ${IDL.instructions.length} instructions, ${IDL.accounts.length} accounts, ${IDL.events.length} events, ${IDL.errors.length} errors`,
    );
  });

  it("Anchor decodes each account field from the byte offset Rust lays it out at", () => {
    const coder = new BorshAccountsCoder(IDL);
    let checked = 0;
    for (const { name } of IDL.accounts) {
      const L = layouts[name];
      assert.ok(L, `layouts.json has ${name}`);
      assert.equal(coder.size(name), 8 + L.size, `${name} size`);
      const zero = Buffer.alloc(8 + L.size);
      coder.accountDiscriminator(name).copy(zero, 0);
      const base = coder.decode(name, zero) as Record<string, unknown>;
      const j = (x: unknown) => JSON.stringify(x);
      for (const [field, [offset, size]] of Object.entries(L.fields)) {
        if (field.startsWith("_")) continue;
        const buf = Buffer.from(zero);
        // a distinctive non-zero byte pattern over exactly this field's bytes
        for (let i = 0; i < size; i++) buf[8 + offset + i] = (i * 37 + 11) & 0xff || 1;
        const decoded = coder.decode(name, buf) as Record<string, unknown>;
        for (const other of Object.keys(L.fields)) {
          if (other.startsWith("_")) continue;
          if (other === field)
            assert.notEqual(
              j(decoded[other]),
              j(base[other]),
              `${name}.${field}: Anchor reads it at byte ${offset}`,
            );
          else
            assert.equal(
              j(decoded[other]),
              j(base[other]),
              `${name}.${other} must not overlap ${field} (${offset}..${offset + size})`,
            );
        }
        checked++;
      }
    }
    console.log(`      ${checked} account fields checked`);
  });

  it("client/src/generated/perp_margin.ts is generated from the committed IDL", () => {
    const idl = fs.readFileSync(path.join(root, "programs/perp-margin/idl/perp_margin.json"), "utf8").trim();
    const ts = fs.readFileSync(path.join(root, "client/src/generated/perp_margin.ts"), "utf8");
    assert.ok(ts.includes(`export type PerpMargin = ${idl};`), "run `npm run idl` to regenerate the TS type");
  });
});
