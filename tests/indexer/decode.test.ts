import { strict as assert } from "node:assert";
import * as crypto from "node:crypto";
import { accountKind, decodeMarginAccount } from "@perp-margin/client";
import { decodeMarginAccountFast } from "../../indexer/src/decode/fast";
import { toJson } from "../../indexer/src/decode/json";
import { waterfallVenue } from "./harness/scenario";

/** Drops the SDK's padding/reserved fields (the fast decoder does not produce them). */
const strip = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(strip)
    : v && typeof v === "object" && !("toBase58" in v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => !/^(pad|reserved|_)/i.test(k))
            .map(([k, x]) => [k, strip(x)]),
        )
      : v;

describe("indexer: fast MarginAccount decoder", () => {
  it("equals the SDK decoder on every margin account of the waterfall and on 2,000 mutated copies", async () => {
    const w = await waterfallVenue();
    const datas = w.v.known.map((k) => w.v.raw(k)!).filter((d) => d && accountKind(d) === "MarginAccount");
    // 10 traders, the backstop, the keeper and the flat account holding stage 5's crafted deficit.
    assert.equal(datas.length, 13);
    let seed = 1;
    const mutated: Buffer[] = [];
    for (let i = 0; i < 2_000; i++) {
      const d = Buffer.from(datas[i % datas.length]);
      for (let j = 0; j < 40; j++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        d[8 + (seed % (d.length - 8))] = seed & 0xff;
      }
      mutated.push(d);
    }
    for (const d of [...datas, ...mutated]) {
      assert.deepEqual(
        toJson(strip(decodeMarginAccountFast(d))),
        toJson(strip(decodeMarginAccount(d))),
        crypto.createHash("sha256").update(d).digest("hex"),
      );
    }
  });

  it("rejects a wrong size", () => {
    assert.throws(() => decodeMarginAccountFast(Buffer.alloc(700)), /must be 1032 bytes/);
  });
});
