// Generated from programs/perp-margin/idl/perp_margin.json by scripts/idl-types.sh. Do not edit.
// Anchor's camelCase IDL type (as `anchor idl type` writes it): the type parameter of Program<>.
/* eslint-disable */
export type PerpMarginAnchor = {
  "address": "HFYMGdMwfogTWc9RPKWHpARuEr4d7e6krmHJhS7mjB71",
  "metadata": {
    "name": "perpMargin",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "Perpetual-futures margin program with an on-chain liquidation waterfall (generated from the Rust source by `npm run idl`; do not edit)"
  },
  "instructions": [
    {
      "name": "initializeExchange",
      "docs": [
        "Creates an exchange: its PDA, the collateral vault and insurance vault, and the backstop registry."
      ],
      "discriminator": [
        224,
        105,
        116,
        166,
        228,
        207,
        96,
        19
      ],
      "accounts": [
        {
          "name": "admin",
          "writable": true,
          "signer": true,
          "docs": [
            "Admin and rent payer."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange PDA `[\"exchange\", exchange_id]` (created)."
          ]
        },
        {
          "name": "collateralMint",
          "docs": [
            "Collateral SPL mint."
          ]
        },
        {
          "name": "vault",
          "writable": true,
          "docs": [
            "Vault PDA `[\"vault\", exchange]` (created as a token account)."
          ]
        },
        {
          "name": "insuranceVault",
          "writable": true,
          "docs": [
            "Insurance vault PDA `[\"insurance\", exchange]` (created as a token account)."
          ]
        },
        {
          "name": "backstopRegistry",
          "writable": true,
          "docs": [
            "Backstop registry PDA `[\"backstops\", exchange]` (created)."
          ]
        },
        {
          "name": "systemProgram",
          "docs": [
            "System program."
          ]
        },
        {
          "name": "tokenProgram",
          "docs": [
            "SPL Token program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "exchangeId",
          "docs": [
            "Id in the exchange PDA seeds."
          ],
          "type": "u16"
        },
        {
          "name": "depositPolicy",
          "docs": [
            "0 CreditFirst (default), 1 RepayDebtFirst."
          ],
          "type": "u8"
        },
        {
          "name": "insuranceWithdrawDelaySlots",
          "docs": [
            "Delay between an insurance withdrawal request and its execution, slots."
          ],
          "type": "u64"
        },
        {
          "name": "minBackstopCapacityNative",
          "docs": [
            "Least capacity a backstop must commit to register, native (> 0)."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "setExchangeConfig",
      "docs": [
        "Admin: sets the deposit policy and pause bits."
      ],
      "discriminator": [
        205,
        148,
        149,
        83,
        201,
        176,
        162,
        173
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "docs": [
            "Exchange admin."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "depositPolicy",
          "docs": [
            "0 CreditFirst, 1 RepayDebtFirst."
          ],
          "type": "u8"
        },
        {
          "name": "paused",
          "docs": [
            "Pause bits: 1 deposits, 2 withdrawals, 4 trading."
          ],
          "type": "u8"
        },
        {
          "name": "minBackstopCapacityNative",
          "docs": [
            "Least capacity a backstop must commit to register, native (> 0)."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "setMarketStatus",
      "docs": [
        "Admin: sets a market to active, reduce-only or halted."
      ],
      "discriminator": [
        101,
        175,
        83,
        107,
        200,
        141,
        155,
        182
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "docs": [
            "Exchange admin."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "market",
          "writable": true,
          "docs": [
            "Market."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "status",
          "docs": [
            "0 active, 1 reduce-only, 2 halted (no new orders)."
          ],
          "type": "u8"
        }
      ]
    },
    {
      "name": "createPriceFeed",
      "docs": [
        "Admin: creates a program-owned price feed (localnet / tests oracle)."
      ],
      "discriminator": [
        7,
        88,
        252,
        236,
        37,
        234,
        192,
        95
      ],
      "accounts": [
        {
          "name": "admin",
          "writable": true,
          "signer": true,
          "docs": [
            "Exchange admin and rent payer."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "priceFeed",
          "writable": true,
          "docs": [
            "Price feed PDA `[\"price_feed\", exchange, feed_id]` (created)."
          ]
        },
        {
          "name": "systemProgram",
          "docs": [
            "System program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "feedId",
          "docs": [
            "Id in the seeds."
          ],
          "type": "u16"
        },
        {
          "name": "authority",
          "docs": [
            "Who may publish prices."
          ],
          "type": "pubkey"
        },
        {
          "name": "price",
          "docs": [
            "Initial price, quote native per lot."
          ],
          "type": "u64"
        },
        {
          "name": "confidence",
          "docs": [
            "Initial confidence, quote native per lot."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "updatePrice",
      "docs": [
        "Feed authority: publishes a price and confidence at the current slot."
      ],
      "discriminator": [
        61,
        34,
        117,
        155,
        75,
        34,
        123,
        208
      ],
      "accounts": [
        {
          "name": "authority",
          "signer": true,
          "docs": [
            "Feed authority."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange (event sequence)."
          ]
        },
        {
          "name": "priceFeed",
          "writable": true,
          "docs": [
            "Price feed."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "price",
          "docs": [
            "Price, quote native per lot."
          ],
          "type": "u64"
        },
        {
          "name": "confidence",
          "docs": [
            "Confidence (±), quote native per lot."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "createMarket",
      "docs": [
        "Admin: creates a perp market and its order book."
      ],
      "discriminator": [
        103,
        226,
        97,
        235,
        200,
        188,
        251,
        254
      ],
      "accounts": [
        {
          "name": "admin",
          "writable": true,
          "signer": true,
          "docs": [
            "Exchange admin and rent payer."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "market",
          "writable": true,
          "docs": [
            "Market PDA `[\"market\", exchange, market_index]` with `market_index = exchange.market_count` (created)."
          ]
        },
        {
          "name": "orderBook",
          "writable": true,
          "docs": [
            "Order book: an account the admin created in this transaction (`OrderBook::SPACE` bytes,",
            "owned by this program, zeroed); initialized here and recorded in `Market::order_book`."
          ]
        },
        {
          "name": "oracle",
          "docs": [
            "Oracle: a `PriceFeed` of this exchange, or a Pyth `PriceUpdateV2` account."
          ]
        },
        {
          "name": "systemProgram",
          "docs": [
            "System program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "name",
          "docs": [
            "Symbol, zero-padded ASCII."
          ],
          "type": {
            "array": [
              "u8",
              16
            ]
          }
        },
        {
          "name": "params",
          "docs": [
            "Risk and trading parameters."
          ],
          "type": {
            "defined": {
              "name": "marketParams"
            }
          }
        },
        {
          "name": "oracleKind",
          "docs": [
            "Oracle source: 0 this program's `PriceFeed`, 1 Pyth `PriceUpdateV2` (fully verified)."
          ],
          "type": "u8"
        },
        {
          "name": "baseDecimals",
          "docs": [
            "Decimals of the base asset (converting an external price into native per lot)."
          ],
          "type": "u8"
        },
        {
          "name": "pythFeedId",
          "docs": [
            "Pyth feed id (kind 1; must match the update account passed as `oracle`)."
          ],
          "type": {
            "array": [
              "u8",
              32
            ]
          }
        }
      ]
    },
    {
      "name": "createMarginAccount",
      "docs": [
        "Opens a margin account for the signer."
      ],
      "discriminator": [
        98,
        114,
        213,
        184,
        129,
        89,
        90,
        185
      ],
      "accounts": [
        {
          "name": "owner",
          "writable": true,
          "signer": true,
          "docs": [
            "Owner and rent payer."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "marginAccount",
          "writable": true,
          "docs": [
            "Margin account PDA `[\"margin\", exchange, owner, sub_account_id]` (created)."
          ]
        },
        {
          "name": "systemProgram",
          "docs": [
            "System program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "subAccountId",
          "docs": [
            "Sub-account id (an owner may hold several accounts)."
          ],
          "type": "u16"
        }
      ]
    },
    {
      "name": "deposit",
      "docs": [
        "Deposits collateral, following the exchange's deposit policy for accounts with a deficit."
      ],
      "discriminator": [
        242,
        35,
        198,
        137,
        82,
        225,
        242,
        182
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "docs": [
            "Margin account owner, authority of the source token account."
          ]
        },
        {
          "name": "marginAccount",
          "writable": true,
          "docs": [
            "Margin account credited."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "vault",
          "writable": true,
          "docs": [
            "Exchange vault."
          ]
        },
        {
          "name": "ownerToken",
          "writable": true,
          "docs": [
            "Owner's collateral token account."
          ]
        },
        {
          "name": "tokenProgram",
          "docs": [
            "SPL Token program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "amount",
          "docs": [
            "Amount, native."
          ],
          "type": "u64"
        },
        {
          "name": "maxDebtRepayment",
          "docs": [
            "Most of this deposit the owner allows to repay an unresolved deficit (RepayDebtFirst",
            "exchanges only; ignored under CreditFirst), native."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "withdraw",
      "docs": [
        "Withdraws collateral, keeping equity ≥ initial margin."
      ],
      "discriminator": [
        183,
        18,
        70,
        156,
        148,
        109,
        161,
        34
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "docs": [
            "Margin account owner."
          ]
        },
        {
          "name": "marginAccount",
          "writable": true,
          "docs": [
            "Margin account debited."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "vault",
          "writable": true,
          "docs": [
            "Exchange vault."
          ]
        },
        {
          "name": "backstopRegistry",
          "docs": [
            "Backstop registry: a registered account keeps the free collateral it committed."
          ]
        },
        {
          "name": "ownerToken",
          "writable": true,
          "docs": [
            "Destination token account (collateral mint)."
          ]
        },
        {
          "name": "tokenProgram",
          "docs": [
            "SPL Token program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "amount",
          "docs": [
            "Amount, native."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "placeOrder",
      "docs": [
        "Places an order (limit, post-only or IOC; optionally reduce-only), matching makers passed in."
      ],
      "discriminator": [
        51,
        194,
        155,
        175,
        109,
        130,
        96,
        106
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "docs": [
            "Margin account owner."
          ]
        },
        {
          "name": "marginAccount",
          "writable": true,
          "docs": [
            "Taker / order owner margin account."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "market",
          "writable": true,
          "docs": [
            "Market traded."
          ]
        },
        {
          "name": "orderBook",
          "writable": true,
          "docs": [
            "Its order book."
          ]
        },
        {
          "name": "oracle",
          "docs": [
            "Its oracle."
          ]
        },
        {
          "name": "vault",
          "docs": [
            "Exchange vault (solvency check)."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "side",
          "docs": [
            "0 bid (buy), 1 ask (sell)."
          ],
          "type": "u8"
        },
        {
          "name": "orderType",
          "docs": [
            "0 limit, 1 post-only, 2 immediate-or-cancel."
          ],
          "type": "u8"
        },
        {
          "name": "reduceOnly",
          "docs": [
            "1: may only reduce the position."
          ],
          "type": "u8"
        },
        {
          "name": "price",
          "docs": [
            "Limit price, quote native per lot (multiple of the tick size)."
          ],
          "type": "u64"
        },
        {
          "name": "lots",
          "docs": [
            "Size, lots."
          ],
          "type": "u64"
        },
        {
          "name": "clientOrderId",
          "docs": [
            "Client's id, echoed in events."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "cancelOrder",
      "docs": [
        "Cancels one resting order of the signer's account."
      ],
      "discriminator": [
        95,
        129,
        237,
        240,
        8,
        49,
        223,
        132
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "docs": [
            "Margin account owner."
          ]
        },
        {
          "name": "marginAccount",
          "writable": true,
          "docs": [
            "Margin account owning the orders."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "market",
          "docs": [
            "Market."
          ]
        },
        {
          "name": "orderBook",
          "writable": true,
          "docs": [
            "Its order book."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "orderId",
          "docs": [
            "Book order id."
          ],
          "type": "u64"
        },
        {
          "name": "price",
          "docs": [
            "Its limit price (locates the price level by binary search)."
          ],
          "type": "u64"
        },
        {
          "name": "side",
          "docs": [
            "Its side: 0 bid, 1 ask."
          ],
          "type": "u8"
        }
      ]
    },
    {
      "name": "cancelAllOrders",
      "docs": [
        "Cancels every resting order of the signer's account in a market."
      ],
      "discriminator": [
        196,
        83,
        243,
        171,
        17,
        100,
        160,
        143
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "docs": [
            "Margin account owner."
          ]
        },
        {
          "name": "marginAccount",
          "writable": true,
          "docs": [
            "Margin account owning the orders."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "market",
          "docs": [
            "Market."
          ]
        },
        {
          "name": "orderBook",
          "writable": true,
          "docs": [
            "Its order book."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": []
    },
    {
      "name": "updateFunding",
      "docs": [
        "Permissionless crank: accrues funding into the market index."
      ],
      "discriminator": [
        224,
        66,
        9,
        70,
        75,
        81,
        94,
        88
      ],
      "accounts": [
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange (event sequence)."
          ]
        },
        {
          "name": "market",
          "writable": true,
          "docs": [
            "Market."
          ]
        },
        {
          "name": "orderBook",
          "docs": [
            "Its order book (mid price)."
          ]
        },
        {
          "name": "oracle",
          "docs": [
            "Its oracle."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": []
    },
    {
      "name": "liquidate",
      "docs": [
        "Waterfall stage 1: cancels the account's orders and closes part of its position on the book."
      ],
      "discriminator": [
        223,
        179,
        226,
        125,
        48,
        46,
        39,
        74
      ],
      "accounts": [
        {
          "name": "keeper",
          "signer": true,
          "docs": [
            "Keeper running the step."
          ]
        },
        {
          "name": "keeperAccount",
          "writable": true,
          "docs": [
            "Keeper's margin account, credited with the keeper's share of the fee."
          ]
        },
        {
          "name": "liquidatee",
          "writable": true,
          "docs": [
            "Account being liquidated."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "market",
          "writable": true,
          "docs": [
            "Market."
          ]
        },
        {
          "name": "orderBook",
          "writable": true,
          "docs": [
            "Its order book."
          ]
        },
        {
          "name": "oracle",
          "docs": [
            "Its oracle."
          ]
        },
        {
          "name": "vault",
          "writable": true,
          "docs": [
            "Exchange vault."
          ]
        },
        {
          "name": "insuranceVault",
          "writable": true,
          "docs": [
            "Insurance vault (receives the fund's share of the fee)."
          ]
        },
        {
          "name": "tokenProgram",
          "docs": [
            "SPL Token program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "maxLots",
          "docs": [
            "Most lots to close in this step (0: as many as the program allows)."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "backstopLiquidate",
      "docs": [
        "Waterfall stage 2: a registered backstop takes over once the book inside the band is exhausted."
      ],
      "discriminator": [
        195,
        243,
        218,
        7,
        237,
        90,
        231,
        68
      ],
      "accounts": [
        {
          "name": "keeper",
          "signer": true,
          "docs": [
            "Keeper running the step."
          ]
        },
        {
          "name": "backstopAccount",
          "writable": true,
          "docs": [
            "Registered backstop's margin account (takes the position)."
          ]
        },
        {
          "name": "liquidatee",
          "writable": true,
          "docs": [
            "Account being liquidated."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "market",
          "writable": true,
          "docs": [
            "Market."
          ]
        },
        {
          "name": "orderBook",
          "writable": true,
          "docs": [
            "Its order book (checked exhausted inside the band)."
          ]
        },
        {
          "name": "oracle",
          "docs": [
            "Its oracle."
          ]
        },
        {
          "name": "backstopRegistry",
          "writable": true,
          "docs": [
            "Backstop registry of the exchange."
          ]
        },
        {
          "name": "vault",
          "docs": [
            "Exchange vault (solvency check)."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "maxLots",
          "docs": [
            "Most lots to take over (0: the whole position)."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "resolveBankruptcy",
      "docs": [
        "Waterfall stage 3: the insurance fund pays a position-free account's deficit."
      ],
      "discriminator": [
        82,
        253,
        187,
        29,
        102,
        19,
        35,
        248
      ],
      "accounts": [
        {
          "name": "keeper",
          "signer": true,
          "docs": [
            "Keeper (any signer)."
          ]
        },
        {
          "name": "liquidatee",
          "writable": true,
          "docs": [
            "Bankrupt margin account."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "market",
          "writable": true,
          "docs": [
            "The market the deficit arose in (`deficit_market_index`)."
          ]
        },
        {
          "name": "vault",
          "writable": true,
          "docs": [
            "Exchange vault."
          ]
        },
        {
          "name": "insuranceVault",
          "writable": true,
          "docs": [
            "Insurance vault."
          ]
        },
        {
          "name": "tokenProgram",
          "docs": [
            "SPL Token program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": []
    },
    {
      "name": "autoDeleverage",
      "docs": [
        "Waterfall stage 4: closes a bankrupt position against ranked counterparties at the bankruptcy price."
      ],
      "discriminator": [
        210,
        69,
        163,
        148,
        44,
        245,
        226,
        170
      ],
      "accounts": [
        {
          "name": "keeper",
          "signer": true,
          "docs": [
            "Keeper (any signer)."
          ]
        },
        {
          "name": "liquidatee",
          "writable": true,
          "docs": [
            "Bankrupt margin account."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "market",
          "writable": true,
          "docs": [
            "Market."
          ]
        },
        {
          "name": "orderBook",
          "writable": true,
          "docs": [
            "Its order book (checked exhausted inside the band)."
          ]
        },
        {
          "name": "oracle",
          "docs": [
            "Its oracle."
          ]
        },
        {
          "name": "backstopRegistry",
          "docs": [
            "Backstop registry (is any backstop registered for the market?)."
          ]
        },
        {
          "name": "vault",
          "docs": [
            "Exchange vault (solvency check)."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "maxLots",
          "docs": [
            "Most lots to close (0: as many as the candidates absorb)."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "socializeLoss",
      "docs": [
        "Waterfall stage 5: spreads a deficit the fund cannot cover over the profiting side, or books bad debt."
      ],
      "discriminator": [
        245,
        75,
        91,
        0,
        236,
        97,
        19,
        3
      ],
      "accounts": [
        {
          "name": "keeper",
          "signer": true,
          "docs": [
            "Keeper (any signer)."
          ]
        },
        {
          "name": "liquidatee",
          "writable": true,
          "docs": [
            "Bankrupt margin account."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "market",
          "writable": true,
          "docs": [
            "The market the deficit arose in."
          ]
        },
        {
          "name": "oracle",
          "docs": [
            "Its oracle (the same staleness and confidence guards as every stage)."
          ]
        },
        {
          "name": "vault",
          "docs": [
            "Exchange vault (solvency check)."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": []
    },
    {
      "name": "registerBackstop",
      "docs": [
        "A margin account's owner opts in (or updates its markets) as a backstop liquidator."
      ],
      "discriminator": [
        92,
        71,
        161,
        36,
        15,
        222,
        19,
        249
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "docs": [
            "Margin account owner."
          ]
        },
        {
          "name": "marginAccount",
          "writable": true,
          "docs": [
            "Margin account that will take over positions."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "backstopRegistry",
          "writable": true,
          "docs": [
            "Backstop registry."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "marketMask",
          "docs": [
            "Bit `i` set: backstop market index `i` (non-zero)."
          ],
          "type": "u64"
        },
        {
          "name": "capacityNative",
          "docs": [
            "Free collateral committed for takeovers, native (≥ the exchange minimum; held now)."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "deregisterBackstop",
      "docs": [
        "A backstop leaves the registry."
      ],
      "discriminator": [
        245,
        202,
        194,
        185,
        151,
        87,
        92,
        181
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "docs": [
            "Margin account owner."
          ]
        },
        {
          "name": "marginAccount",
          "writable": true,
          "docs": [
            "Margin account that will take over positions."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "backstopRegistry",
          "writable": true,
          "docs": [
            "Backstop registry."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": []
    },
    {
      "name": "evictBackstop",
      "docs": [
        "Permissionless: removes a backstop that no longer holds its committed capacity (or went bankrupt)."
      ],
      "discriminator": [
        222,
        140,
        227,
        151,
        10,
        177,
        152,
        244
      ],
      "accounts": [
        {
          "name": "caller",
          "signer": true,
          "docs": [
            "Anyone (evict) or the exchange admin (remove)."
          ]
        },
        {
          "name": "marginAccount",
          "docs": [
            "The registered backstop's margin account."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "backstopRegistry",
          "writable": true,
          "docs": [
            "Backstop registry."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "marketIndex",
          "docs": [
            "A market of the entry the account cannot take a position in (no free slot), or",
            "`u16::MAX` to evict the whole entry for holding less than it committed / bankruptcy."
          ],
          "type": "u16"
        }
      ]
    },
    {
      "name": "removeBackstop",
      "docs": [
        "Admin: removes a backstop from the registry."
      ],
      "discriminator": [
        22,
        190,
        153,
        76,
        96,
        156,
        37,
        217
      ],
      "accounts": [
        {
          "name": "caller",
          "signer": true,
          "docs": [
            "Anyone (evict) or the exchange admin (remove)."
          ]
        },
        {
          "name": "marginAccount",
          "docs": [
            "The registered backstop's margin account."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "backstopRegistry",
          "writable": true,
          "docs": [
            "Backstop registry."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": []
    },
    {
      "name": "depositInsurance",
      "docs": [
        "Anyone adds collateral to the insurance fund."
      ],
      "discriminator": [
        34,
        221,
        238,
        103,
        190,
        136,
        23,
        194
      ],
      "accounts": [
        {
          "name": "funder",
          "signer": true,
          "docs": [
            "Funder, authority of the source token account."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "insuranceVault",
          "writable": true,
          "docs": [
            "Insurance vault."
          ]
        },
        {
          "name": "funderToken",
          "writable": true,
          "docs": [
            "Funder's collateral token account."
          ]
        },
        {
          "name": "tokenProgram",
          "docs": [
            "SPL Token program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "amount",
          "docs": [
            "Amount, native."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "sweepFees",
      "docs": [
        "Permissionless: moves the fee pool into the insurance fund."
      ],
      "discriminator": [
        175,
        225,
        98,
        71,
        118,
        66,
        34,
        148
      ],
      "accounts": [
        {
          "name": "caller",
          "signer": true,
          "docs": [
            "Anyone."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "vault",
          "writable": true,
          "docs": [
            "Exchange vault."
          ]
        },
        {
          "name": "insuranceVault",
          "writable": true,
          "docs": [
            "Insurance vault."
          ]
        },
        {
          "name": "tokenProgram",
          "docs": [
            "SPL Token program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": []
    },
    {
      "name": "requestInsuranceWithdrawal",
      "docs": [
        "Admin: requests an insurance withdrawal (executable after the delay)."
      ],
      "discriminator": [
        0,
        170,
        183,
        71,
        15,
        39,
        28,
        39
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "docs": [
            "Exchange admin."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": [
        {
          "name": "amount",
          "docs": [
            "Amount, native."
          ],
          "type": "u64"
        }
      ]
    },
    {
      "name": "sweepSurplus",
      "docs": [
        "Permissionless: moves unsolicited tokens in either vault (surplus over liabilities) into the insurance fund."
      ],
      "discriminator": [
        144,
        67,
        197,
        177,
        218,
        200,
        50,
        24
      ],
      "accounts": [
        {
          "name": "caller",
          "signer": true,
          "docs": [
            "Anyone."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "vault",
          "writable": true,
          "docs": [
            "Exchange vault."
          ]
        },
        {
          "name": "insuranceVault",
          "writable": true,
          "docs": [
            "Insurance vault."
          ]
        },
        {
          "name": "tokenProgram",
          "docs": [
            "SPL Token program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": []
    },
    {
      "name": "coverBadDebt",
      "docs": [
        "Permissionless: unreserved insurance pays uncovered bad debt back into the trading vault."
      ],
      "discriminator": [
        137,
        228,
        6,
        238,
        18,
        142,
        153,
        232
      ],
      "accounts": [
        {
          "name": "caller",
          "signer": true,
          "docs": [
            "Anyone."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "vault",
          "writable": true,
          "docs": [
            "Exchange vault."
          ]
        },
        {
          "name": "insuranceVault",
          "writable": true,
          "docs": [
            "Insurance vault."
          ]
        },
        {
          "name": "tokenProgram",
          "docs": [
            "SPL Token program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": []
    },
    {
      "name": "markUnderwater",
      "docs": [
        "Permissionless: records (or clears) the negative equity of an account no stage can progress yet."
      ],
      "discriminator": [
        192,
        26,
        255,
        35,
        96,
        191,
        80,
        253
      ],
      "accounts": [
        {
          "name": "keeper",
          "signer": true,
          "docs": [
            "Anyone (a keeper)."
          ]
        },
        {
          "name": "marginAccount",
          "writable": true,
          "docs": [
            "The account to mark."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange (totals)."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": []
    },
    {
      "name": "executeInsuranceWithdrawal",
      "docs": [
        "Admin: executes a requested insurance withdrawal after the delay."
      ],
      "discriminator": [
        7,
        105,
        181,
        255,
        102,
        6,
        244,
        242
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "docs": [
            "Exchange admin."
          ]
        },
        {
          "name": "exchange",
          "writable": true,
          "docs": [
            "Exchange."
          ]
        },
        {
          "name": "insuranceVault",
          "writable": true,
          "docs": [
            "Insurance vault."
          ]
        },
        {
          "name": "adminToken",
          "writable": true,
          "docs": [
            "Destination collateral token account."
          ]
        },
        {
          "name": "tokenProgram",
          "docs": [
            "SPL Token program."
          ]
        },
        {
          "name": "eventAuthority",
          "docs": [
            "Event authority PDA."
          ]
        },
        {
          "name": "program",
          "docs": [
            "This program."
          ]
        }
      ],
      "args": []
    }
  ],
  "accounts": [
    {
      "name": "exchange",
      "discriminator": [
        30,
        200,
        220,
        149,
        3,
        61,
        104,
        50
      ]
    },
    {
      "name": "market",
      "discriminator": [
        219,
        190,
        213,
        55,
        0,
        227,
        198,
        154
      ]
    },
    {
      "name": "orderBook",
      "discriminator": [
        55,
        230,
        125,
        218,
        149,
        39,
        65,
        248
      ]
    },
    {
      "name": "marginAccount",
      "discriminator": [
        133,
        220,
        173,
        213,
        179,
        211,
        43,
        238
      ]
    },
    {
      "name": "priceFeed",
      "discriminator": [
        189,
        103,
        252,
        23,
        152,
        35,
        243,
        156
      ]
    },
    {
      "name": "backstopRegistry",
      "discriminator": [
        237,
        154,
        75,
        61,
        185,
        212,
        134,
        44
      ]
    }
  ],
  "events": [
    {
      "name": "exchangeInitialized",
      "discriminator": [
        200,
        154,
        187,
        160,
        29,
        243,
        230,
        104
      ]
    },
    {
      "name": "marketCreated",
      "discriminator": [
        88,
        184,
        130,
        231,
        226,
        84,
        6,
        58
      ]
    },
    {
      "name": "priceFeedCreated",
      "discriminator": [
        26,
        51,
        30,
        83,
        63,
        213,
        84,
        107
      ]
    },
    {
      "name": "priceUpdated",
      "discriminator": [
        154,
        72,
        87,
        150,
        246,
        230,
        23,
        217
      ]
    },
    {
      "name": "marginAccountCreated",
      "discriminator": [
        157,
        214,
        66,
        63,
        149,
        164,
        160,
        119
      ]
    },
    {
      "name": "deposit",
      "discriminator": [
        62,
        205,
        242,
        175,
        244,
        169,
        136,
        52
      ]
    },
    {
      "name": "withdraw",
      "discriminator": [
        192,
        241,
        201,
        217,
        70,
        150,
        90,
        247
      ]
    },
    {
      "name": "orderPlaced",
      "discriminator": [
        96,
        130,
        204,
        234,
        169,
        219,
        216,
        227
      ]
    },
    {
      "name": "orderCancelled",
      "discriminator": [
        108,
        56,
        128,
        68,
        168,
        113,
        168,
        239
      ]
    },
    {
      "name": "fill",
      "discriminator": [
        78,
        225,
        199,
        154,
        86,
        219,
        224,
        169
      ]
    },
    {
      "name": "fundingUpdated",
      "discriminator": [
        206,
        76,
        89,
        81,
        126,
        37,
        255,
        224
      ]
    },
    {
      "name": "positionSettled",
      "discriminator": [
        75,
        100,
        92,
        189,
        245,
        116,
        252,
        221
      ]
    },
    {
      "name": "liquidation",
      "discriminator": [
        253,
        18,
        85,
        107,
        192,
        175,
        171,
        172
      ]
    },
    {
      "name": "bankruptcyResolved",
      "discriminator": [
        94,
        86,
        196,
        195,
        106,
        72,
        227,
        169
      ]
    },
    {
      "name": "autoDeleverage",
      "discriminator": [
        8,
        170,
        12,
        129,
        88,
        99,
        125,
        20
      ]
    },
    {
      "name": "socializedLoss",
      "discriminator": [
        111,
        28,
        225,
        211,
        56,
        159,
        158,
        73
      ]
    },
    {
      "name": "bankruptcyRecorded",
      "discriminator": [
        163,
        138,
        252,
        170,
        108,
        221,
        168,
        131
      ]
    },
    {
      "name": "badDebtRecorded",
      "discriminator": [
        115,
        137,
        178,
        211,
        66,
        186,
        41,
        11
      ]
    },
    {
      "name": "underwaterMarked",
      "discriminator": [
        168,
        49,
        60,
        139,
        197,
        149,
        87,
        234
      ]
    },
    {
      "name": "surplusSwept",
      "discriminator": [
        10,
        228,
        130,
        83,
        221,
        240,
        210,
        32
      ]
    },
    {
      "name": "insuranceFlow",
      "discriminator": [
        186,
        123,
        48,
        45,
        39,
        39,
        40,
        199
      ]
    },
    {
      "name": "insuranceWithdrawalRequested",
      "discriminator": [
        72,
        157,
        2,
        80,
        34,
        161,
        156,
        174
      ]
    },
    {
      "name": "backstopChanged",
      "discriminator": [
        45,
        64,
        187,
        226,
        197,
        204,
        7,
        200
      ]
    },
    {
      "name": "marketStatusChanged",
      "discriminator": [
        53,
        72,
        160,
        209,
        15,
        222,
        46,
        157
      ]
    },
    {
      "name": "configChanged",
      "discriminator": [
        147,
        25,
        86,
        98,
        98,
        77,
        78,
        192
      ]
    }
  ],
  "errors": [
    {
      "code": 6000,
      "name": "invalidInstructionData",
      "msg": "Instruction data has the wrong length for this instruction"
    },
    {
      "code": 6001,
      "name": "unknownInstruction",
      "msg": "Unknown instruction discriminator"
    },
    {
      "code": 6002,
      "name": "notEnoughAccounts",
      "msg": "Not enough accounts for this instruction"
    },
    {
      "code": 6003,
      "name": "missingSigner",
      "msg": "A required signer did not sign"
    },
    {
      "code": 6004,
      "name": "accountNotWritable",
      "msg": "An account that must be writable is read-only"
    },
    {
      "code": 6005,
      "name": "wrongAccountOwner",
      "msg": "Account is owned by the wrong program"
    },
    {
      "code": 6006,
      "name": "wrongAccountType",
      "msg": "Account discriminator does not match the expected account type"
    },
    {
      "code": 6007,
      "name": "wrongAccountSize",
      "msg": "Account data has the wrong size"
    },
    {
      "code": 6008,
      "name": "wrongPda",
      "msg": "Account is not the expected program-derived address"
    },
    {
      "code": 6009,
      "name": "alreadyInitialized",
      "msg": "Account is already initialized"
    },
    {
      "code": 6010,
      "name": "wrongProgram",
      "msg": "Wrong program account (system, token or this program)"
    },
    {
      "code": 6011,
      "name": "wrongExchange",
      "msg": "Account belongs to a different exchange"
    },
    {
      "code": 6012,
      "name": "notAdmin",
      "msg": "Signer is not the exchange admin"
    },
    {
      "code": 6013,
      "name": "notAccountOwner",
      "msg": "Signer is not the owner of the margin account"
    },
    {
      "code": 6014,
      "name": "wrongMint",
      "msg": "Token account or mint does not match the exchange's collateral mint"
    },
    {
      "code": 6015,
      "name": "wrongVault",
      "msg": "Vault account is not the exchange's vault"
    },
    {
      "code": 6016,
      "name": "wrongMarket",
      "msg": "Market, order book or oracle do not belong together"
    },
    {
      "code": 6017,
      "name": "wrongEventAuthority",
      "msg": "Wrong event authority"
    },
    {
      "code": 6018,
      "name": "invalidConfig",
      "msg": "Configuration value out of range"
    },
    {
      "code": 6019,
      "name": "duplicateAccount",
      "msg": "The same account was passed twice where distinct accounts are required"
    },
    {
      "code": 6020,
      "name": "liquidationCostNotBelowMaintenance",
      "msg": "liquidation_band_bps + liquidation_fee_bps must be below maintenance_margin_bps"
    },
    {
      "code": 6021,
      "name": "priceBandExceedsInitialMargin",
      "msg": "price_band_bps must not exceed initial_margin_bps"
    },
    {
      "code": 6022,
      "name": "liquidationBandExceedsPriceBand",
      "msg": "liquidation_band_bps must not exceed price_band_bps"
    },
    {
      "code": 6023,
      "name": "marginFractionsInvalid",
      "msg": "need 0 < maintenance_margin_bps < initial_margin_bps <= 10000"
    },
    {
      "code": 6024,
      "name": "fundingParamsOutOfRange",
      "msg": "max_funding_rate_bps or funding_period_slots out of range"
    },
    {
      "code": 6100,
      "name": "zeroAmount",
      "msg": "Amount must be greater than zero"
    },
    {
      "code": 6101,
      "name": "amountTooLarge",
      "msg": "Amount is larger than allowed"
    },
    {
      "code": 6102,
      "name": "mathOverflow",
      "msg": "Arithmetic overflow"
    },
    {
      "code": 6103,
      "name": "divisionByZero",
      "msg": "Division by zero"
    },
    {
      "code": 6104,
      "name": "invalidOrderSize",
      "msg": "Order size is below the market minimum"
    },
    {
      "code": 6105,
      "name": "invalidPrice",
      "msg": "Price is zero, too large, or not a multiple of the tick size"
    },
    {
      "code": 6106,
      "name": "insufficientTokenBalance",
      "msg": "Source token account balance is too small"
    },
    {
      "code": 6107,
      "name": "tokenAccountOwnerMismatch",
      "msg": "Source token account is not owned by the signer"
    },
    {
      "code": 6200,
      "name": "invalidOracle",
      "msg": "Oracle account is not a valid price feed"
    },
    {
      "code": 6201,
      "name": "oracleStale",
      "msg": "Oracle price is stale"
    },
    {
      "code": 6202,
      "name": "oracleConfidenceTooWide",
      "msg": "Oracle confidence interval is too wide"
    },
    {
      "code": 6203,
      "name": "priceBandExceeded",
      "msg": "Price is outside the allowed band around the oracle price"
    },
    {
      "code": 6204,
      "name": "missingMarketAccounts",
      "msg": "A market (and its oracle) that the account holds was not passed"
    },
    {
      "code": 6205,
      "name": "notOracleAuthority",
      "msg": "Signer is not the price feed authority"
    },
    {
      "code": 6206,
      "name": "oracleNotFullyVerified",
      "msg": "Pyth price update is not fully verified"
    },
    {
      "code": 6207,
      "name": "oracleFeedMismatch",
      "msg": "Pyth price update is for a different feed than the market's"
    },
    {
      "code": 6300,
      "name": "marginRequirementExceeded",
      "msg": "Equity would fall below the initial margin requirement"
    },
    {
      "code": 6301,
      "name": "positionSlotsFull",
      "msg": "All position slots of the margin account are in use"
    },
    {
      "code": 6302,
      "name": "orderBookFull",
      "msg": "The order book side is full"
    },
    {
      "code": 6303,
      "name": "postOnlyWouldCross",
      "msg": "Post-only order would cross the book"
    },
    {
      "code": 6304,
      "name": "reduceOnlyWouldIncrease",
      "msg": "Reduce-only order would increase the position"
    },
    {
      "code": 6305,
      "name": "orderNotFound",
      "msg": "Order not found"
    },
    {
      "code": 6306,
      "name": "tooManyOpenOrders",
      "msg": "Too many open orders on this account"
    },
    {
      "code": 6307,
      "name": "makerAccountMissing",
      "msg": "A maker margin account to be filled was not passed"
    },
    {
      "code": 6308,
      "name": "marketNotActive",
      "msg": "Market is not active"
    },
    {
      "code": 6309,
      "name": "exchangePaused",
      "msg": "Exchange is paused"
    },
    {
      "code": 6310,
      "name": "insufficientCollateral",
      "msg": "Withdrawal exceeds free collateral"
    },
    {
      "code": 6311,
      "name": "accountNotEmpty",
      "msg": "Margin account still holds positions, orders or balance"
    },
    {
      "code": 6312,
      "name": "invalidOrderType",
      "msg": "Unknown order type or side"
    },
    {
      "code": 6313,
      "name": "accountBeingLiquidated",
      "msg": "Account is being liquidated or is bankrupt"
    },
    {
      "code": 6314,
      "name": "tradeWouldCreateDeficit",
      "msg": "Order would leave the account with negative equity"
    },
    {
      "code": 6400,
      "name": "conservationViolated",
      "msg": "Solvency check failed: vault balance does not equal liabilities"
    },
    {
      "code": 6500,
      "name": "notLiquidatable",
      "msg": "Account is not liquidatable (equity is at or above maintenance)"
    },
    {
      "code": 6501,
      "name": "bookLiquidityRemains",
      "msg": "Order book still has liquidity inside the liquidation band"
    },
    {
      "code": 6502,
      "name": "notRegisteredBackstop",
      "msg": "Margin account is not a registered backstop for this market"
    },
    {
      "code": 6503,
      "name": "accountHasPositions",
      "msg": "Account still holds positions"
    },
    {
      "code": 6504,
      "name": "noDeficit",
      "msg": "Account has no unresolved deficit"
    },
    {
      "code": 6505,
      "name": "insuranceCanCover",
      "msg": "Insurance fund can still cover this deficit"
    },
    {
      "code": 6506,
      "name": "adlWrongSide",
      "msg": "ADL candidate is on the same side as the bankrupt position"
    },
    {
      "code": 6507,
      "name": "adlNotProfitable",
      "msg": "ADL candidate position is not profitable"
    },
    {
      "code": 6508,
      "name": "adlNotSorted",
      "msg": "ADL candidates are not in descending ranking order"
    },
    {
      "code": 6509,
      "name": "adlTooManyCandidates",
      "msg": "Too many ADL candidates in one instruction"
    },
    {
      "code": 6510,
      "name": "noPosition",
      "msg": "Account has no position in this market"
    },
    {
      "code": 6511,
      "name": "accountHasUnresolvedDeficit",
      "msg": "Account has an unresolved deficit: run resolve_bankruptcy first (deposit policy CreditFirst)"
    },
    {
      "code": 6512,
      "name": "backstopBelowInitialMargin",
      "msg": "Backstop would fall below initial margin"
    },
    {
      "code": 6513,
      "name": "liquidationPaced",
      "msg": "Liquidation chunk pacing: wait for the next slot window"
    },
    {
      "code": 6514,
      "name": "accountBankrupt",
      "msg": "Account is bankrupt: resolve the deficit first"
    },
    {
      "code": 6515,
      "name": "backstopRegistryFull",
      "msg": "Backstop registry is full"
    },
    {
      "code": 6516,
      "name": "insuranceWithdrawalNotReady",
      "msg": "Insurance withdrawal not requested or delay not elapsed"
    },
    {
      "code": 6517,
      "name": "insufficientInsurance",
      "msg": "Insurance fund balance is too small"
    },
    {
      "code": 6518,
      "name": "selfLiquidation",
      "msg": "An account cannot be its own liquidation counterparty"
    },
    {
      "code": 6519,
      "name": "nothingToLiquidate",
      "msg": "Nothing left to liquidate in this market"
    },
    {
      "code": 6520,
      "name": "invalidDepositPolicy",
      "msg": "Unknown deposit policy"
    },
    {
      "code": 6521,
      "name": "wrongWaterfallStage",
      "msg": "Wrong liquidation waterfall stage for this account"
    },
    {
      "code": 6522,
      "name": "bookLiquidityExhausted",
      "msg": "No book liquidity inside the liquidation band: use backstop_liquidate"
    },
    {
      "code": 6523,
      "name": "backstopStageFirst",
      "msg": "Account is not bankrupt and backstops are registered for this market: use backstop_liquidate first"
    },
    {
      "code": 6524,
      "name": "notUnderwater",
      "msg": "Account is not underwater (no position, or equity is not negative)"
    },
    {
      "code": 6525,
      "name": "noSurplus",
      "msg": "Neither vault holds surplus over its liabilities"
    },
    {
      "code": 6526,
      "name": "lossBeyondInsurance",
      "msg": "Negative equity exceeds the insurance available: use auto_deleverage"
    },
    {
      "code": 6527,
      "name": "venueHasBadDebt",
      "msg": "The exchange has uncovered bad debt: deposits are refused until it is covered"
    },
    {
      "code": 6528,
      "name": "nothingToCover",
      "msg": "No bad debt, or no unreserved insurance to cover it"
    },
    {
      "code": 6529,
      "name": "backstopCapacityTooSmall",
      "msg": "Backstop capacity is below the exchange minimum"
    },
    {
      "code": 6530,
      "name": "backstopCapacityNotHeld",
      "msg": "The account's free collateral is below the capacity it commits"
    },
    {
      "code": 6531,
      "name": "backstopHoldsCapacity",
      "msg": "The backstop still holds its committed capacity (and a position slot for the market): it cannot be evicted"
    },
    {
      "code": 6532,
      "name": "backstopLocked",
      "msg": "The backstop registration is locked: it cannot leave or lower its capacity yet"
    },
    {
      "code": 6533,
      "name": "backstopCapacityCommitted",
      "msg": "The withdrawal would take the account below its committed backstop capacity"
    }
  ],
  "types": [
    {
      "name": "marketParams",
      "docs": [
        "Risk and trading parameters of a market, set at creation (admin may update some)."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "baseLotSize",
            "docs": [
              "Base atoms per lot (informational: sizes on-chain are in lots)."
            ],
            "type": "u64"
          },
          {
            "name": "tickSize",
            "docs": [
              "Price granularity, quote native per lot; order prices are multiples of it."
            ],
            "type": "u64"
          },
          {
            "name": "minOrderLots",
            "docs": [
              "Smallest order, lots."
            ],
            "type": "u64"
          },
          {
            "name": "initialMarginBps",
            "docs": [
              "Initial margin fraction, bps (1 000 = 10×)."
            ],
            "type": "u32"
          },
          {
            "name": "maintenanceMarginBps",
            "docs": [
              "Maintenance margin fraction, bps (< initial)."
            ],
            "type": "u32"
          },
          {
            "name": "takerFeeBps",
            "docs": [
              "Taker fee, bps of notional."
            ],
            "type": "u32"
          },
          {
            "name": "makerFeeBps",
            "docs": [
              "Maker fee, bps of notional."
            ],
            "type": "u32"
          },
          {
            "name": "liquidationFeeBps",
            "docs": [
              "Liquidation fee, bps of the notional closed."
            ],
            "type": "u32"
          },
          {
            "name": "liquidationKeeperShareBps",
            "docs": [
              "Keeper's share of the liquidation fee, bps (the rest goes to the insurance fund)."
            ],
            "type": "u32"
          },
          {
            "name": "liquidationBandBps",
            "docs": [
              "Liquidation closes may trade no further than this from the oracle, bps."
            ],
            "type": "u32"
          },
          {
            "name": "liquidationBufferBps",
            "docs": [
              "Hysteresis: a liquidation runs until equity ≥ maintenance × (1 + buffer), bps."
            ],
            "type": "u32"
          },
          {
            "name": "liquidationChunkBps",
            "docs": [
              "Largest share of a position closed per liquidation step, bps."
            ],
            "type": "u32"
          },
          {
            "name": "backstopDiscountBps",
            "docs": [
              "Discount (against the liquidated account) at which a backstop takes over, bps."
            ],
            "type": "u32"
          },
          {
            "name": "minLiquidationLots",
            "docs": [
              "Smallest liquidation step, lots."
            ],
            "type": "u64"
          },
          {
            "name": "liquidationPaceSlots",
            "docs": [
              "Slots a liquidated account must wait between book-liquidation steps."
            ],
            "type": "u64"
          },
          {
            "name": "priceBandBps",
            "docs": [
              "Order prices must be within this band of the oracle, bps."
            ],
            "type": "u32"
          },
          {
            "name": "maxConfidenceBps",
            "docs": [
              "Oracle confidence must be ≤ this fraction of the price, bps."
            ],
            "type": "u32"
          },
          {
            "name": "maxStalenessSlots",
            "docs": [
              "Oracle publish slot must be at most this old, slots."
            ],
            "type": "u64"
          },
          {
            "name": "fundingPeriodSlots",
            "docs": [
              "Funding period, slots (the premium is paid once per period)."
            ],
            "type": "u64"
          },
          {
            "name": "maxFundingRateBps",
            "docs": [
              "Funding premium cap per period, bps of the oracle price."
            ],
            "type": "u32"
          },
          {
            "name": "maxAdlCounterparties",
            "docs": [
              "Most ADL counterparties per instruction."
            ],
            "type": "u32"
          },
          {
            "name": "insuranceCapNative",
            "docs": [
              "Most the insurance fund pays for this market's deficits in total, native."
            ],
            "type": "u64"
          },
          {
            "name": "fundingImpactNotionalNative",
            "docs": [
              "Funding premium is measured at this notional on each side of the book (the impact",
              "bid and ask, as dYdX and Hyperliquid): dust orders cannot move it, native."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "exchange",
      "docs": [
        "Root account of one exchange."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "docs": [
              "Admin: creates markets, sets policies, manages the insurance fund."
            ],
            "type": "pubkey"
          },
          {
            "name": "collateralMint",
            "docs": [
              "Collateral SPL mint (USDC-like, 6 decimals)."
            ],
            "type": "pubkey"
          },
          {
            "name": "vault",
            "docs": [
              "Token account (PDA `[\"vault\", exchange]`) holding all traders' collateral and the fee pool."
            ],
            "type": "pubkey"
          },
          {
            "name": "insuranceVault",
            "docs": [
              "Token account (PDA `[\"insurance\", exchange]`) holding the insurance fund."
            ],
            "type": "pubkey"
          },
          {
            "name": "exchangeId",
            "docs": [
              "Exchange id used in the PDA seeds."
            ],
            "type": "u16"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump of this account."
            ],
            "type": "u8"
          },
          {
            "name": "vaultBump",
            "docs": [
              "PDA bump of the vault."
            ],
            "type": "u8"
          },
          {
            "name": "insuranceVaultBump",
            "docs": [
              "PDA bump of the insurance vault."
            ],
            "type": "u8"
          },
          {
            "name": "depositPolicy",
            "docs": [
              "`DepositPolicy`: 0 = CreditFirst, 1 = RepayDebtFirst."
            ],
            "type": "u8"
          },
          {
            "name": "paused",
            "docs": [
              "Pause bits: 1 deposits, 2 withdrawals, 4 trading."
            ],
            "type": "u8"
          },
          {
            "name": "collateralDecimals",
            "docs": [
              "Collateral mint decimals."
            ],
            "type": "u8"
          },
          {
            "name": "marketCount",
            "docs": [
              "Number of markets created (next market index)."
            ],
            "type": "u16"
          },
          {
            "name": "pad0",
            "docs": [
              "Reserved."
            ],
            "type": {
              "array": [
                "u8",
                6
              ]
            }
          },
          {
            "name": "totalCashNative",
            "docs": [
              "Σ cash of all margin accounts, native (signed: longs carry negative cash)."
            ],
            "type": "i64"
          },
          {
            "name": "totalDeficitNative",
            "docs": [
              "Σ unresolved deficits of bankrupt accounts, native."
            ],
            "type": "u64"
          },
          {
            "name": "feePoolNative",
            "docs": [
              "Trading fees collected and not yet swept to the insurance fund, native."
            ],
            "type": "u64"
          },
          {
            "name": "pendingSettlementNative",
            "docs": [
              "Funding and social loss settled by some accounts and not yet by their counterparties,",
              "native (signed; the lazily-settled side of zero-sum flows)."
            ],
            "type": "i64"
          },
          {
            "name": "insuranceNative",
            "docs": [
              "Insurance fund balance, native (mirrors the insurance vault)."
            ],
            "type": "u64"
          },
          {
            "name": "badDebtNative",
            "docs": [
              "Cumulative deficit written off with no one left to absorb it, native."
            ],
            "type": "u64"
          },
          {
            "name": "socializedLossNative",
            "docs": [
              "Cumulative deficit spread over opposite-side positions, native."
            ],
            "type": "u64"
          },
          {
            "name": "insurancePaidNative",
            "docs": [
              "Cumulative insurance paid to cover deficits, native."
            ],
            "type": "u64"
          },
          {
            "name": "vaultSurplusNative",
            "docs": [
              "Unsolicited tokens in the trading vault (above every liability), native: surplus, swept",
              "into the insurance fund by `sweep_surplus`. The solvency rule holds it exactly."
            ],
            "type": "u64"
          },
          {
            "name": "insuranceSurplusNative",
            "docs": [
              "Unsolicited tokens in the insurance vault (above the fund), native."
            ],
            "type": "u64"
          },
          {
            "name": "surplusSweptNative",
            "docs": [
              "Cumulative surplus swept into the insurance fund, native."
            ],
            "type": "u64"
          },
          {
            "name": "insuranceReservedNative",
            "docs": [
              "Insurance reserved by ADL steps for accounts still being closed, native (≤ insurance):",
              "counted once, by the account that reserved it."
            ],
            "type": "u64"
          },
          {
            "name": "underwaterNative",
            "docs": [
              "Σ negative equity of accounts marked underwater (`mark_underwater`), native."
            ],
            "type": "u64"
          },
          {
            "name": "underwaterCount",
            "docs": [
              "Accounts currently marked underwater."
            ],
            "type": "u64"
          },
          {
            "name": "minBackstopCapacityNative",
            "docs": [
              "Least capacity a backstop must commit to register, native (so the registry cannot be",
              "filled for the price of rent)."
            ],
            "type": "u64"
          },
          {
            "name": "marketInsuranceReservedNative",
            "docs": [
              "Insurance reserved by ADL steps, per market index (Σ = `insurance_reserved_native`):",
              "a market's cap counts its reservations. Kept here so a reservation can be released by",
              "whichever instruction sees its account recover, and moved with the account's deficit."
            ],
            "type": {
              "array": [
                "u64",
                64
              ]
            }
          },
          {
            "name": "insuranceWithdrawDelaySlots",
            "docs": [
              "Delay between an insurance withdrawal request and its execution, slots."
            ],
            "type": "u64"
          },
          {
            "name": "insuranceWithdrawRequestNative",
            "docs": [
              "Pending insurance withdrawal amount, native (0 = none)."
            ],
            "type": "u64"
          },
          {
            "name": "insuranceWithdrawRequestSlot",
            "docs": [
              "Slot of the pending insurance withdrawal request."
            ],
            "type": "u64"
          },
          {
            "name": "eventSeq",
            "docs": [
              "Sequence number of the next event (global, contiguous)."
            ],
            "type": "u64"
          },
          {
            "name": "marginAccountCount",
            "docs": [
              "Margin accounts created."
            ],
            "type": "u64"
          },
          {
            "name": "reserved",
            "docs": [
              "Reserved for upgrades."
            ],
            "type": {
              "array": [
                "u64",
                8
              ]
            }
          }
        ]
      }
    },
    {
      "name": "index128",
      "docs": [
        "A signed 128-bit index stored as two 64-bit words (8-byte aligned on every target; a native",
        "`i128` field would be 16-aligned on some). The funding and social-loss indices use it so no",
        "reachable parameters can overflow them over a market's lifetime."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "lo",
            "docs": [
              "Low 64 bits."
            ],
            "type": "u64"
          },
          {
            "name": "hi",
            "docs": [
              "High 64 bits (the sign)."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "market",
      "docs": [
        "A perpetual market."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "exchange",
            "docs": [
              "Exchange this market belongs to."
            ],
            "type": "pubkey"
          },
          {
            "name": "oracle",
            "docs": [
              "Price feed account (a `PriceFeed` of this program)."
            ],
            "type": "pubkey"
          },
          {
            "name": "orderBook",
            "docs": [
              "Order book account (created by the admin with `create_market`)."
            ],
            "type": "pubkey"
          },
          {
            "name": "name",
            "docs": [
              "Human-readable symbol, zero-padded ASCII (\"SOL-PERP\")."
            ],
            "type": {
              "array": [
                "u8",
                16
              ]
            }
          },
          {
            "name": "marketIndex",
            "docs": [
              "Index of the market within the exchange."
            ],
            "type": "u16"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          },
          {
            "name": "padBook",
            "docs": [
              "Reserved."
            ],
            "type": "u8"
          },
          {
            "name": "status",
            "docs": [
              "0 active, 1 reduce-only, 2 halted."
            ],
            "type": "u8"
          },
          {
            "name": "oracleKind",
            "docs": [
              "Oracle source: 0 this program's `PriceFeed`, 1 Pyth `PriceUpdateV2`."
            ],
            "type": "u8"
          },
          {
            "name": "oracleBaseDecimals",
            "docs": [
              "Decimals of the base asset (converts an external price into native per lot)."
            ],
            "type": "u8"
          },
          {
            "name": "oracleQuoteDecimals",
            "docs": [
              "Decimals of the collateral (quote) mint."
            ],
            "type": "u8"
          },
          {
            "name": "params",
            "docs": [
              "Parameters."
            ],
            "type": {
              "defined": {
                "name": "marketParams"
              }
            }
          },
          {
            "name": "cumulativeFunding",
            "docs": [
              "Cumulative funding paid by a long per lot, 1e-6 native per lot (128-bit: never overflows)."
            ],
            "type": {
              "defined": {
                "name": "index128"
              }
            }
          },
          {
            "name": "socialLossLongIndex",
            "docs": [
              "Cumulative social loss charged per long lot, 1e-6 native per lot."
            ],
            "type": {
              "defined": {
                "name": "index128"
              }
            }
          },
          {
            "name": "socialLossShortIndex",
            "docs": [
              "Cumulative social loss charged per short lot, 1e-6 native per lot."
            ],
            "type": {
              "defined": {
                "name": "index128"
              }
            }
          },
          {
            "name": "lastFundingSlot",
            "docs": [
              "Slot of the last funding accrual."
            ],
            "type": "u64"
          },
          {
            "name": "lastPremiumBps",
            "docs": [
              "Premium of the last accrual, bps (signed, clamped): the time-weighted average of the",
              "impact premium samples since the accrual before."
            ],
            "type": "i64"
          },
          {
            "name": "premiumAccumulatorBpsSlots",
            "docs": [
              "Σ sampled impact premium × slots it stood, since the last accrual (bps·slots)."
            ],
            "type": "i64"
          },
          {
            "name": "premiumSampledSlots",
            "docs": [
              "Slots covered by that sum."
            ],
            "type": "u64"
          },
          {
            "name": "lastSampleSlot",
            "docs": [
              "Slot of the last sample (the first instruction touching the market in a slot samples)."
            ],
            "type": "u64"
          },
          {
            "name": "lastSamplePremiumBps",
            "docs": [
              "Impact premium of the last sample, bps."
            ],
            "type": "i64"
          },
          {
            "name": "openInterestLots",
            "docs": [
              "Open interest: Σ long positions = Σ short positions, lots."
            ],
            "type": "u64"
          },
          {
            "name": "insuranceDrawnNative",
            "docs": [
              "Insurance paid for this market's deficits so far, native (≤ cap)."
            ],
            "type": "u64"
          },
          {
            "name": "fillCount",
            "docs": [
              "Fills executed."
            ],
            "type": "u64"
          },
          {
            "name": "volumeNative",
            "docs": [
              "Traded volume, native."
            ],
            "type": "u64"
          },
          {
            "name": "liquidationCount",
            "docs": [
              "Liquidation steps executed (book + backstop)."
            ],
            "type": "u64"
          },
          {
            "name": "adlFillCount",
            "docs": [
              "ADL fills executed."
            ],
            "type": "u64"
          },
          {
            "name": "socializedLossNative",
            "docs": [
              "Social loss spread in this market, native."
            ],
            "type": "u64"
          },
          {
            "name": "pythFeedId",
            "docs": [
              "Pyth feed id the market's `PriceUpdateV2` must carry (zero for a program feed)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "reserved",
            "docs": [
              "Reserved."
            ],
            "type": {
              "array": [
                "u64",
                2
              ]
            }
          }
        ]
      }
    },
    {
      "name": "order",
      "docs": [
        "A resting order."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "owner",
            "docs": [
              "Margin account that owns the order."
            ],
            "type": "pubkey"
          },
          {
            "name": "orderId",
            "docs": [
              "Book-unique id, increasing: also the time priority."
            ],
            "type": "u64"
          },
          {
            "name": "clientOrderId",
            "docs": [
              "Id chosen by the client."
            ],
            "type": "u64"
          },
          {
            "name": "price",
            "docs": [
              "Limit price, quote native per lot."
            ],
            "type": "u64"
          },
          {
            "name": "baseLots",
            "docs": [
              "Remaining size, lots."
            ],
            "type": "u64"
          },
          {
            "name": "flags",
            "docs": [
              "Bits: 1 reduce-only."
            ],
            "type": "u8"
          },
          {
            "name": "pad0",
            "docs": [
              "Reserved."
            ],
            "type": {
              "array": [
                "u8",
                3
              ]
            }
          },
          {
            "name": "ownerEpoch",
            "docs": [
              "The owner's `bankruptcy_count` when the order was placed: an order whose owner has gone",
              "bankrupt since never fills (it is cancelled when reached)."
            ],
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "orderBook",
      "docs": [
        "Resting orders of one market."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "market",
            "docs": [
              "Market."
            ],
            "type": "pubkey"
          },
          {
            "name": "nextOrderId",
            "docs": [
              "Next order id."
            ],
            "type": "u64"
          },
          {
            "name": "bidCount",
            "docs": [
              "Live bids (first `bid_count` entries of `bids`)."
            ],
            "type": "u16"
          },
          {
            "name": "askCount",
            "docs": [
              "Live asks."
            ],
            "type": "u16"
          },
          {
            "name": "pad0",
            "docs": [
              "Reserved."
            ],
            "type": {
              "array": [
                "u8",
                4
              ]
            }
          },
          {
            "name": "bids",
            "docs": [
              "Bids, ascending by price, best last."
            ],
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "order"
                  }
                },
                512
              ]
            }
          },
          {
            "name": "asks",
            "docs": [
              "Asks, descending by price, best last."
            ],
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "order"
                  }
                },
                512
              ]
            }
          }
        ]
      }
    },
    {
      "name": "position",
      "docs": [
        "One perp position and this account's resting orders in its market."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "marketIndex",
            "docs": [
              "Market index, or 65 535 (`NO_MARKET`) for a free slot."
            ],
            "type": "u16"
          },
          {
            "name": "pad0",
            "docs": [
              "Reserved."
            ],
            "type": {
              "array": [
                "u8",
                2
              ]
            }
          },
          {
            "name": "openOrders",
            "docs": [
              "Resting orders of this account in the market."
            ],
            "type": "u32"
          },
          {
            "name": "baseLots",
            "docs": [
              "Position size, lots (long > 0)."
            ],
            "type": "i64"
          },
          {
            "name": "entryNotionalNative",
            "docs": [
              "Cost basis of the open lots, native (≥ 0; bookkeeping for PnL% and display)."
            ],
            "type": "u64"
          },
          {
            "name": "fundingSnapshot",
            "docs": [
              "Market `cumulative_funding` when funding was last settled."
            ],
            "type": {
              "defined": {
                "name": "index128"
              }
            }
          },
          {
            "name": "socialLossSnapshot",
            "docs": [
              "The side's social-loss index when last settled (long or short index by the sign of base)."
            ],
            "type": {
              "defined": {
                "name": "index128"
              }
            }
          },
          {
            "name": "bidsLots",
            "docs": [
              "Lots of resting bids."
            ],
            "type": "u64"
          },
          {
            "name": "asksLots",
            "docs": [
              "Lots of resting asks."
            ],
            "type": "u64"
          },
          {
            "name": "bidsQuoteNative",
            "docs": [
              "Σ price × lots of resting bids, native: what they would pay if all filled."
            ],
            "type": "u64"
          },
          {
            "name": "asksQuoteNative",
            "docs": [
              "Σ price × lots of resting asks, native: what they would receive if all filled."
            ],
            "type": "u64"
          },
          {
            "name": "realizedPnlNative",
            "docs": [
              "Realized PnL against the cost basis, native (bookkeeping)."
            ],
            "type": "i64"
          },
          {
            "name": "fundingPaidNative",
            "docs": [
              "Funding settled, native (paid > 0)."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "marginAccount",
      "docs": [
        "A trader's cross-margin account."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "exchange",
            "docs": [
              "Exchange."
            ],
            "type": "pubkey"
          },
          {
            "name": "owner",
            "docs": [
              "Owner wallet: the only signer for deposits, withdrawals and orders."
            ],
            "type": "pubkey"
          },
          {
            "name": "cashNative",
            "docs": [
              "Cash, native (signed: a long's purchase makes it negative)."
            ],
            "type": "i64"
          },
          {
            "name": "deficitNative",
            "docs": [
              "Unresolved deficit of a bankrupt account, native (cash is 0 while this is > 0)."
            ],
            "type": "u64"
          },
          {
            "name": "subAccountId",
            "docs": [
              "Sub-account id used in the seeds."
            ],
            "type": "u16"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          },
          {
            "name": "status",
            "docs": [
              "0 healthy, 1 being liquidated, 2 bankrupt."
            ],
            "type": "u8"
          },
          {
            "name": "deficitMarketIndex",
            "docs": [
              "Market index where the deficit arose (65 535 if none)."
            ],
            "type": "u16"
          },
          {
            "name": "deficitSide",
            "docs": [
              "Side the bankrupt account held in that market: 0 long, 1 short (the other side is",
              "charged if the loss is socialized)."
            ],
            "type": "u8"
          },
          {
            "name": "pad0",
            "docs": [
              "Reserved."
            ],
            "type": {
              "array": [
                "u8",
                1
              ]
            }
          },
          {
            "name": "totalDepositsNative",
            "docs": [
              "Total deposited, native."
            ],
            "type": "u64"
          },
          {
            "name": "totalWithdrawalsNative",
            "docs": [
              "Total withdrawn, native."
            ],
            "type": "u64"
          },
          {
            "name": "totalDebtRepaidNative",
            "docs": [
              "Deposits applied to a deficit under RepayDebtFirst, native."
            ],
            "type": "u64"
          },
          {
            "name": "lastLiquidationSlot",
            "docs": [
              "Slot of the last liquidation step (pacing)."
            ],
            "type": "u64"
          },
          {
            "name": "liquidationCount",
            "docs": [
              "Liquidation steps suffered."
            ],
            "type": "u32"
          },
          {
            "name": "bankruptcyCount",
            "docs": [
              "Times the account went bankrupt."
            ],
            "type": "u32"
          },
          {
            "name": "orderCount",
            "docs": [
              "Next client-visible order sequence of this account."
            ],
            "type": "u64"
          },
          {
            "name": "insuranceReservedNative",
            "docs": [
              "Insurance reserved for this account's ADL (counted by its bankruptcy price, paid by",
              "`resolve_bankruptcy`), native."
            ],
            "type": "u64"
          },
          {
            "name": "underwaterNative",
            "docs": [
              "Negative equity recorded by `mark_underwater` (0: not marked), native."
            ],
            "type": "u64"
          },
          {
            "name": "underwaterSlot",
            "docs": [
              "Slot of that mark."
            ],
            "type": "u64"
          },
          {
            "name": "insuranceReservedMarket",
            "docs": [
              "Market whose insurance `insurance_reserved_native` is reserved from (65 535 if none)."
            ],
            "type": "u16"
          },
          {
            "name": "pad1",
            "docs": [
              "Reserved."
            ],
            "type": {
              "array": [
                "u8",
                6
              ]
            }
          },
          {
            "name": "reserved",
            "docs": [
              "Reserved."
            ],
            "type": {
              "array": [
                "u64",
                3
              ]
            }
          },
          {
            "name": "positions",
            "docs": [
              "Position slots."
            ],
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "position"
                  }
                },
                8
              ]
            }
          }
        ]
      }
    },
    {
      "name": "priceFeed",
      "docs": [
        "A price published by an authority."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "exchange",
            "docs": [
              "Exchange the feed belongs to."
            ],
            "type": "pubkey"
          },
          {
            "name": "authority",
            "docs": [
              "Signer allowed to publish."
            ],
            "type": "pubkey"
          },
          {
            "name": "price",
            "docs": [
              "Price, quote native per base lot of the market it serves."
            ],
            "type": "u64"
          },
          {
            "name": "confidence",
            "docs": [
              "Confidence interval (±), same unit as price."
            ],
            "type": "u64"
          },
          {
            "name": "publishSlot",
            "docs": [
              "Slot the price was published at."
            ],
            "type": "u64"
          },
          {
            "name": "publishTime",
            "docs": [
              "Unix time of publication, seconds."
            ],
            "type": "i64"
          },
          {
            "name": "feedId",
            "docs": [
              "Feed id used in the seeds."
            ],
            "type": "u16"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          },
          {
            "name": "pad0",
            "docs": [
              "Reserved."
            ],
            "type": {
              "array": [
                "u8",
                5
              ]
            }
          },
          {
            "name": "updateCount",
            "docs": [
              "Updates published."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "backstopEntry",
      "docs": [
        "One registered backstop."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "marginAccount",
            "docs": [
              "Margin account that receives taken-over positions (its owner registered it)."
            ],
            "type": "pubkey"
          },
          {
            "name": "marketMask",
            "docs": [
              "Bit `i` set: backstops market index `i` (markets 0–63)."
            ],
            "type": "u64"
          },
          {
            "name": "registeredSlot",
            "docs": [
              "Slot of registration."
            ],
            "type": "u64"
          },
          {
            "name": "takeoverCount",
            "docs": [
              "Takeovers done."
            ],
            "type": "u64"
          },
          {
            "name": "takeoverNotionalNative",
            "docs": [
              "Notional taken over, native."
            ],
            "type": "u64"
          },
          {
            "name": "capacityNative",
            "docs": [
              "Committed capacity: free collateral (equity − initial margin − unrealized gains) the",
              "backstop keeps for positions it may take, native. Anyone evicts an entry whose account",
              "no longer has it."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "backstopRegistry",
      "docs": [
        "Opted-in backstop liquidators of an exchange."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "exchange",
            "docs": [
              "Exchange."
            ],
            "type": "pubkey"
          },
          {
            "name": "count",
            "docs": [
              "Live entries (first `count`)."
            ],
            "type": "u32"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          },
          {
            "name": "pad0",
            "docs": [
              "Reserved."
            ],
            "type": {
              "array": [
                "u8",
                3
              ]
            }
          },
          {
            "name": "entries",
            "docs": [
              "Entries."
            ],
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "backstopEntry"
                  }
                },
                16
              ]
            }
          }
        ]
      }
    },
    {
      "name": "exchangeInitialized",
      "docs": [
        "The exchange was created."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "exchange",
            "type": "pubkey"
          },
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "collateralMint",
            "type": "pubkey"
          },
          {
            "name": "vault",
            "type": "pubkey"
          },
          {
            "name": "insuranceVault",
            "type": "pubkey"
          },
          {
            "name": "depositPolicy",
            "docs": [
              "0 CreditFirst, 1 RepayDebtFirst."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "marketCreated",
      "docs": [
        "A market was created."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "marketIndex",
            "type": "u16"
          },
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "name": "orderBook",
            "type": "pubkey"
          },
          {
            "name": "initialMarginBps",
            "type": "u32"
          },
          {
            "name": "maintenanceMarginBps",
            "type": "u32"
          },
          {
            "name": "insuranceCapNative",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "priceFeedCreated",
      "docs": [
        "A price feed was created."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "priceFeed",
            "type": "pubkey"
          },
          {
            "name": "feedId",
            "type": "u16"
          },
          {
            "name": "authority",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "priceUpdated",
      "docs": [
        "A price was published."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "priceFeed",
            "type": "pubkey"
          },
          {
            "name": "price",
            "type": "u64"
          },
          {
            "name": "confidence",
            "type": "u64"
          },
          {
            "name": "publishSlot",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "marginAccountCreated",
      "docs": [
        "A margin account was opened."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "subAccountId",
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "deposit",
      "docs": [
        "Collateral deposited. `to_debt_native` went to an unresolved deficit (RepayDebtFirst only,",
        "never more than the user-signed maximum); `credited_native` went to cash."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amountNative",
            "type": "u64"
          },
          {
            "name": "toDebtNative",
            "type": "u64"
          },
          {
            "name": "creditedNative",
            "type": "u64"
          },
          {
            "name": "maxDebtRepaymentNative",
            "type": "u64"
          },
          {
            "name": "deficitAfterNative",
            "type": "u64"
          },
          {
            "name": "cashAfterNative",
            "type": "i64"
          },
          {
            "name": "depositPolicy",
            "docs": [
              "0 CreditFirst, 1 RepayDebtFirst."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "withdraw",
      "docs": [
        "Collateral withdrawn."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amountNative",
            "type": "u64"
          },
          {
            "name": "cashAfterNative",
            "type": "i64"
          },
          {
            "name": "badDebtShareNative",
            "docs": [
              "Extra cash claim given up while uncovered bad debt existed (its pro-rata share), native."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "orderPlaced",
      "docs": [
        "An order was accepted (possibly fully filled immediately)."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "orderId",
            "type": "u64"
          },
          {
            "name": "clientOrderId",
            "type": "u64"
          },
          {
            "name": "side",
            "docs": [
              "0 bid, 1 ask."
            ],
            "type": "u8"
          },
          {
            "name": "orderType",
            "docs": [
              "0 limit, 1 post-only, 2 immediate-or-cancel."
            ],
            "type": "u8"
          },
          {
            "name": "reduceOnly",
            "type": "u8"
          },
          {
            "name": "price",
            "type": "u64"
          },
          {
            "name": "requestedLots",
            "type": "u64"
          },
          {
            "name": "filledLots",
            "type": "u64"
          },
          {
            "name": "restingLots",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "orderCancelled",
      "docs": [
        "A resting order left the book without filling."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "orderId",
            "type": "u64"
          },
          {
            "name": "side",
            "type": "u8"
          },
          {
            "name": "reason",
            "docs": [
              "0 owner, 1 self-trade prevention, 2 liquidation, 3 reduce-only had nothing to reduce,",
              "4 the fill would have taken its owner below maintenance margin, 5 its owner went bankrupt",
              "after placing it."
            ],
            "type": "u8"
          },
          {
            "name": "price",
            "type": "u64"
          },
          {
            "name": "lots",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "fill",
      "docs": [
        "A trade between a taker and a resting maker order."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "taker",
            "type": "pubkey"
          },
          {
            "name": "maker",
            "type": "pubkey"
          },
          {
            "name": "makerOrderId",
            "type": "u64"
          },
          {
            "name": "takerSide",
            "docs": [
              "Taker side: 0 bid (taker bought), 1 ask."
            ],
            "type": "u8"
          },
          {
            "name": "kind",
            "docs": [
              "0 order, 1 liquidation on the book."
            ],
            "type": "u8"
          },
          {
            "name": "price",
            "type": "u64"
          },
          {
            "name": "lots",
            "type": "u64"
          },
          {
            "name": "quoteNative",
            "type": "u64"
          },
          {
            "name": "takerFeeNative",
            "type": "u64"
          },
          {
            "name": "makerFeeNative",
            "type": "u64"
          },
          {
            "name": "takerRealizedPnlNative",
            "type": "i64"
          },
          {
            "name": "makerRealizedPnlNative",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "fundingUpdated",
      "docs": [
        "Funding accrued into the market index."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "oraclePrice",
            "type": "u64"
          },
          {
            "name": "impactBidPrice",
            "docs": [
              "Impact bid and ask at the market's impact notional now (0: the side is too thin)."
            ],
            "type": "u64"
          },
          {
            "name": "impactAskPrice",
            "type": "u64"
          },
          {
            "name": "premiumBps",
            "docs": [
              "Time-weighted impact premium charged, bps (clamped)."
            ],
            "type": "i64"
          },
          {
            "name": "sampledSlots",
            "docs": [
              "Slots the premium samples covered."
            ],
            "type": "u64"
          },
          {
            "name": "elapsedSlots",
            "type": "u64"
          },
          {
            "name": "indexDelta",
            "type": "i64"
          },
          {
            "name": "cumulativeFunding",
            "docs": [
              "The market's 128-bit cumulative funding index after, 1e-6 native per lot."
            ],
            "type": {
              "defined": {
                "name": "index128"
              }
            }
          }
        ]
      }
    },
    {
      "name": "positionSettled",
      "docs": [
        "Funding and social loss settled into an account's cash (lazy settlement on touch)."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "marketIndex",
            "type": "u16"
          },
          {
            "name": "fundingNative",
            "docs": [
              "Funding paid (> 0) or received (< 0), native."
            ],
            "type": "i64"
          },
          {
            "name": "socialLossNative",
            "docs": [
              "Social loss paid, native."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "liquidation",
      "docs": [
        "Waterfall stage 1 (book) or 2 (backstop): part of a position closed."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "liquidator",
            "type": "pubkey"
          },
          {
            "name": "stage",
            "docs": [
              "1 book, 2 backstop."
            ],
            "type": "u8"
          },
          {
            "name": "baseBeforeLots",
            "docs": [
              "Position before, lots."
            ],
            "type": "i64"
          },
          {
            "name": "closedLots",
            "docs": [
              "Lots closed (absolute)."
            ],
            "type": "u64"
          },
          {
            "name": "quoteNative",
            "docs": [
              "Quote exchanged for them, native."
            ],
            "type": "u64"
          },
          {
            "name": "oraclePrice",
            "type": "u64"
          },
          {
            "name": "keeperFeeNative",
            "type": "u64"
          },
          {
            "name": "insuranceFeeNative",
            "type": "u64"
          },
          {
            "name": "equityBeforeNative",
            "type": "i64"
          },
          {
            "name": "maintBeforeNative",
            "type": "u64"
          },
          {
            "name": "equityAfterNative",
            "type": "i64"
          },
          {
            "name": "maintAfterNative",
            "type": "u64"
          },
          {
            "name": "ordersCancelled",
            "type": "u32"
          },
          {
            "name": "statusAfter",
            "docs": [
              "Account status after: 0 healthy, 1 being liquidated, 2 bankrupt."
            ],
            "type": "u8"
          },
          {
            "name": "deficitNative",
            "docs": [
              "Deficit crystallised by this step (account left with no positions and negative cash)."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "bankruptcyResolved",
      "docs": [
        "Waterfall stage 3: the insurance fund paid (part of) a bankrupt account's deficit."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "marketIndex",
            "type": "u16"
          },
          {
            "name": "keeper",
            "type": "pubkey"
          },
          {
            "name": "deficitBeforeNative",
            "type": "u64"
          },
          {
            "name": "insurancePaidNative",
            "type": "u64"
          },
          {
            "name": "deficitAfterNative",
            "type": "u64"
          },
          {
            "name": "insuranceBalanceAfterNative",
            "type": "u64"
          },
          {
            "name": "marketInsuranceDrawnNative",
            "type": "u64"
          },
          {
            "name": "reservedReleasedNative",
            "docs": [
              "ADL reservation of the account released by this payment (paid or returned), native."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "adlFill",
      "docs": [
        "One counterparty closed by ADL."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "account",
            "docs": [
              "Counterparty margin account."
            ],
            "type": "pubkey"
          },
          {
            "name": "lots",
            "docs": [
              "Lots closed (always positive; direction is opposite to the bankrupt side)."
            ],
            "type": "u64"
          },
          {
            "name": "score",
            "docs": [
              "Recomputed ranking score (SCORE_SCALE = 1.0)."
            ],
            "type": "u64"
          },
          {
            "name": "upnlNative",
            "docs": [
              "Counterparty's unrealized PnL before the close, native."
            ],
            "type": "i64"
          },
          {
            "name": "haircutNative",
            "docs": [
              "What it paid on top of the oracle price (its exact share of the shortfall), native."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "autoDeleverage",
      "docs": [
        "Waterfall stage 4: a bankrupt position closed against ranked counterparties at the",
        "bankruptcy price."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "keeper",
            "type": "pubkey"
          },
          {
            "name": "baseBeforeLots",
            "type": "i64"
          },
          {
            "name": "bankruptcyPrice",
            "type": "u64"
          },
          {
            "name": "oraclePrice",
            "type": "u64"
          },
          {
            "name": "insuranceAvailableNative",
            "docs": [
              "Insurance this step counted on: the account's reservation after the step (reserved once,",
              "never counted by another account), native."
            ],
            "type": "u64"
          },
          {
            "name": "equityBeforeNative",
            "type": "i64"
          },
          {
            "name": "equityAfterNative",
            "type": "i64"
          },
          {
            "name": "closedLots",
            "type": "u64"
          },
          {
            "name": "fillCount",
            "type": "u8"
          },
          {
            "name": "fills",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "adlFill"
                  }
                },
                8
              ]
            }
          }
        ]
      }
    },
    {
      "name": "socializedLoss",
      "docs": [
        "Waterfall stage 5: a deficit spread over the profiting side, or written off as bad debt."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "marketIndex",
            "type": "u16"
          },
          {
            "name": "amountNative",
            "type": "u64"
          },
          {
            "name": "chargedSide",
            "docs": [
              "Side charged: 0 longs, 1 shorts."
            ],
            "type": "u8"
          },
          {
            "name": "openInterestLots",
            "type": "u64"
          },
          {
            "name": "indexDelta",
            "docs": [
              "Increase of the charged side's 128-bit social-loss index and its value after."
            ],
            "type": {
              "defined": {
                "name": "index128"
              }
            }
          },
          {
            "name": "indexAfter",
            "type": {
              "defined": {
                "name": "index128"
              }
            }
          },
          {
            "name": "badDebtNative",
            "docs": [
              "Part written off as bad debt (no open interest to charge), native."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "bankruptcyRecorded",
      "docs": [
        "A margin account with no position and negative cash became BANKRUPT with exactly that",
        "deficit, in the instruction that caused it."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "marketIndex",
            "type": "u16"
          },
          {
            "name": "side",
            "docs": [
              "Side it held there: 0 long, 1 short."
            ],
            "type": "u8"
          },
          {
            "name": "cause",
            "docs": [
              "1 book liquidation, 2 backstop, 3 ADL (liquidated account), 4 ADL counterparty,",
              "5 taker, 6 maker, 7 settlement."
            ],
            "type": "u8"
          },
          {
            "name": "deficitNative",
            "type": "u64"
          },
          {
            "name": "totalDeficitNative",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "badDebtRecorded",
      "docs": [
        "A loss nobody could be charged was written off as exchange bad debt."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "marketIndex",
            "type": "u16"
          },
          {
            "name": "reason",
            "docs": [
              "1 a social-loss charge beyond the position's equity."
            ],
            "type": "u8"
          },
          {
            "name": "amountNative",
            "type": "u64"
          },
          {
            "name": "badDebtTotalNative",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "underwaterMarked",
      "docs": [
        "`mark_underwater`: an account with positions and negative equity that no stage could",
        "progress yet, recorded in the exchange totals (`marked_native` 0: the mark was cleared)."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "keeper",
            "type": "pubkey"
          },
          {
            "name": "equityNative",
            "type": "i64"
          },
          {
            "name": "maintReqNative",
            "type": "u64"
          },
          {
            "name": "markedNative",
            "type": "u64"
          },
          {
            "name": "totalUnderwaterNative",
            "type": "u64"
          },
          {
            "name": "underwaterCount",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "surplusSwept",
      "docs": [
        "Unsolicited tokens (surplus over every liability) moved into the insurance fund."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "caller",
            "type": "pubkey"
          },
          {
            "name": "vaultSurplusNative",
            "docs": [
              "From the trading vault (transferred to the insurance vault), native."
            ],
            "type": "u64"
          },
          {
            "name": "insuranceSurplusNative",
            "docs": [
              "Already in the insurance vault above the fund, native."
            ],
            "type": "u64"
          },
          {
            "name": "insuranceAfterNative",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "insuranceFlow",
      "docs": [
        "Insurance fund balance moved."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "kind",
            "docs": [
              "0 admin deposit, 1 fee sweep, 2 liquidation fee, 3 bankruptcy payment, 4 admin",
              "withdrawal, 5 surplus sweep, 6 bad debt covered."
            ],
            "type": "u8"
          },
          {
            "name": "amountNative",
            "type": "u64"
          },
          {
            "name": "balanceAfterNative",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "insuranceWithdrawalRequested",
      "docs": [
        "An insurance withdrawal was requested (executable after the delay)."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "amountNative",
            "type": "u64"
          },
          {
            "name": "executableSlot",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "backstopChanged",
      "docs": [
        "A backstop registered, updated or left."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "marginAccount",
            "type": "pubkey"
          },
          {
            "name": "marketMask",
            "type": "u64"
          },
          {
            "name": "active",
            "docs": [
              "1 registered/updated, 0 removed."
            ],
            "type": "u8"
          },
          {
            "name": "capacityNative",
            "docs": [
              "Committed capacity, native (0 when removed)."
            ],
            "type": "u64"
          },
          {
            "name": "reason",
            "docs": [
              "0 by its owner, 1 evicted (capacity no longer held), 2 by the admin, 3 displaced by a",
              "larger commitment while the registry was full."
            ],
            "type": "u8"
          },
          {
            "name": "by",
            "docs": [
              "Who caused the change (the owner, an evicting keeper, the admin, the newcomer)."
            ],
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "marketStatusChanged",
      "docs": [
        "A market's status changed (0 active, 1 reduce-only, 2 halted)."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "statusBefore",
            "type": "u8"
          },
          {
            "name": "statusAfter",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "configChanged",
      "docs": [
        "Admin settings changed."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c",
        "packed": true
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "seq",
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u64"
          },
          {
            "name": "unixTime",
            "type": "i64"
          },
          {
            "name": "depositPolicy",
            "type": "u8"
          },
          {
            "name": "paused",
            "type": "u8"
          }
        ]
      }
    }
  ]
};
