import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { Venue, SO_PATH } from "../harness/venue";
import { Side } from "@perp-margin/client";

describe("smoke: the SBF program loads and runs in LiteSVM", () => {
  it("is an SBPF v0 ELF", () => {
    const so = fs.readFileSync(SO_PATH);
    assert.equal(so.readUInt32BE(0), 0x7f454c46, "ELF magic");
    assert.equal(so.readUInt16LE(18), 247, "e_machine = EM_BPF");
    assert.equal(so.readUInt32LE(48), 0, "e_flags = SBPF v0");
  });

  it("rejects unknown instructions with UnknownInstruction and short data with InvalidInstructionData", () => {
    const v = new Venue();
    const { TransactionInstruction } = require("@solana/web3.js");
    const { PROGRAM_ID } = require("@perp-margin/client");
    const r = v.send(
      [new TransactionInstruction({ programId: PROGRAM_ID, keys: [], data: Buffer.alloc(8, 7) })],
      [v.admin],
    );
    assert.equal(r.error?.name, "UnknownInstruction");
    const r2 = v.send(
      [new TransactionInstruction({ programId: PROGRAM_ID, keys: [], data: Buffer.alloc(3) })],
      [v.admin],
    );
    assert.equal(r2.error?.name, "InvalidInstructionData");
  });

  it("initializes an exchange, a market, two traders, and trades", async () => {
    const v = new Venue();
    const r = v.initExchange({ insurance: 1_000_000_000n });
    console.log(
      "      initialize_exchange CU",
      r.cu,
      "events",
      r.events.map((e) => e.name),
    );
    v.createMarket(100_000n);
    const a = v.createTrader(10_000_000_000n);
    const b = v.createTrader(10_000_000_000n);
    const maker = await v.order(a, 0, Side.Ask, 100_100n, 10n);
    assert.ok(maker.ok, maker.error?.name ?? maker.rawError + maker.logs.join("\n"));
    console.log("      resting order CU", maker.cu);
    const taker = await v.order(b, 0, Side.Bid, 100_100n, 4n);
    assert.ok(taker.ok, taker.error?.name ?? taker.rawError + taker.logs.join("\n"));
    console.log(
      "      taker order CU",
      taker.cu,
      taker.events.map((e) => e.name),
    );
    assert.equal(v.account(b).positions.find((p) => p.marketIndex === 0)!.baseLots, 4n);
    assert.equal(v.account(a).positions.find((p) => p.marketIndex === 0)!.baseLots, -4n);
    assert.ok(v.conservation().holds);
  });
});
