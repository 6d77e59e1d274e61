// Generated from programs/perp-margin/idl/perp_margin.json by scripts/idl-types.sh. Do not edit.
/* eslint-disable */
export type PerpMargin = {
  "address": "HFYMGdMwfogTWc9RPKWHpARuEr4d7e6krmHJhS7mjB71",
  "metadata": {"name": "perp_margin", "version": "0.1.0", "spec": "0.1.0", "description": "Perpetual-futures margin program with an on-chain liquidation waterfall (generated from the Rust source by `npm run idl`; do not edit)"},
  "instructions": [
    {
      "name": "initialize_exchange",
      "docs": ["Creates an exchange: its PDA, the collateral vault and insurance vault, and the backstop registry."],
      "discriminator": [224,105,116,166,228,207,96,19],
      "accounts": [
        {"name":"admin","writable":true,"signer":true,"docs":["Admin and rent payer."]},
        {"name":"exchange","writable":true,"docs":["Exchange PDA `[\"exchange\", exchange_id]` (created)."]},
        {"name":"collateral_mint","docs":["Collateral SPL mint."]},
        {"name":"vault","writable":true,"docs":["Vault PDA `[\"vault\", exchange]` (created as a token account)."]},
        {"name":"insurance_vault","writable":true,"docs":["Insurance vault PDA `[\"insurance\", exchange]` (created as a token account)."]},
        {"name":"backstop_registry","writable":true,"docs":["Backstop registry PDA `[\"backstops\", exchange]` (created)."]},
        {"name":"system_program","docs":["System program."]},
        {"name":"token_program","docs":["SPL Token program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"exchange_id","docs":["Id in the exchange PDA seeds."],"type":"u16"},
        {"name":"deposit_policy","docs":["0 CreditFirst (default), 1 RepayDebtFirst."],"type":"u8"},
        {"name":"insurance_withdraw_delay_slots","docs":["Delay between an insurance withdrawal request and its execution, slots."],"type":"u64"},
        {"name":"min_backstop_capacity_native","docs":["Least capacity a backstop must commit to register, native (> 0)."],"type":"u64"}
      ]
    },
    {
      "name": "set_exchange_config",
      "docs": ["Admin: sets the deposit policy and pause bits."],
      "discriminator": [205,148,149,83,201,176,162,173],
      "accounts": [
        {"name":"admin","signer":true,"docs":["Exchange admin."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"deposit_policy","docs":["0 CreditFirst, 1 RepayDebtFirst."],"type":"u8"},
        {"name":"paused","docs":["Pause bits: 1 deposits, 2 withdrawals, 4 trading."],"type":"u8"},
        {"name":"min_backstop_capacity_native","docs":["Least capacity a backstop must commit to register, native (> 0)."],"type":"u64"}
      ]
    },
    {
      "name": "set_market_status",
      "docs": ["Admin: sets a market to active, reduce-only or halted."],
      "discriminator": [101,175,83,107,200,141,155,182],
      "accounts": [
        {"name":"admin","signer":true,"docs":["Exchange admin."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"market","writable":true,"docs":["Market."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"status","docs":["0 active, 1 reduce-only, 2 halted (no new orders)."],"type":"u8"}
      ]
    },
    {
      "name": "create_price_feed",
      "docs": ["Admin: creates a program-owned price feed (localnet / tests oracle)."],
      "discriminator": [7,88,252,236,37,234,192,95],
      "accounts": [
        {"name":"admin","writable":true,"signer":true,"docs":["Exchange admin and rent payer."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"price_feed","writable":true,"docs":["Price feed PDA `[\"price_feed\", exchange, feed_id]` (created)."]},
        {"name":"system_program","docs":["System program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"feed_id","docs":["Id in the seeds."],"type":"u16"},
        {"name":"authority","docs":["Who may publish prices."],"type":"pubkey"},
        {"name":"price","docs":["Initial price, quote native per lot."],"type":"u64"},
        {"name":"confidence","docs":["Initial confidence, quote native per lot."],"type":"u64"}
      ]
    },
    {
      "name": "update_price",
      "docs": ["Feed authority: publishes a price and confidence at the current slot."],
      "discriminator": [61,34,117,155,75,34,123,208],
      "accounts": [
        {"name":"authority","signer":true,"docs":["Feed authority."]},
        {"name":"exchange","writable":true,"docs":["Exchange (event sequence)."]},
        {"name":"price_feed","writable":true,"docs":["Price feed."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"price","docs":["Price, quote native per lot."],"type":"u64"},
        {"name":"confidence","docs":["Confidence (±), quote native per lot."],"type":"u64"}
      ]
    },
    {
      "name": "create_market",
      "docs": ["Admin: creates a perp market and its order book."],
      "discriminator": [103,226,97,235,200,188,251,254],
      "accounts": [
        {"name":"admin","writable":true,"signer":true,"docs":["Exchange admin and rent payer."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"market","writable":true,"docs":["Market PDA `[\"market\", exchange, market_index]` with `market_index = exchange.market_count` (created)."]},
        {"name":"order_book","writable":true,"docs":["Order book: an account the admin created in this transaction (`OrderBook::SPACE` bytes,","owned by this program, zeroed); initialized here and recorded in `Market::order_book`."]},
        {"name":"oracle","docs":["Oracle: a `PriceFeed` of this exchange, or a Pyth `PriceUpdateV2` account."]},
        {"name":"system_program","docs":["System program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"name","docs":["Symbol, zero-padded ASCII."],"type":{"array":["u8",16]}},
        {"name":"params","docs":["Risk and trading parameters."],"type":{"defined":{"name":"MarketParams"}}},
        {"name":"oracle_kind","docs":["Oracle source: 0 this program's `PriceFeed`, 1 Pyth `PriceUpdateV2` (fully verified)."],"type":"u8"},
        {"name":"base_decimals","docs":["Decimals of the base asset (converting an external price into native per lot)."],"type":"u8"},
        {"name":"pyth_feed_id","docs":["Pyth feed id (kind 1; must match the update account passed as `oracle`)."],"type":{"array":["u8",32]}}
      ]
    },
    {
      "name": "create_margin_account",
      "docs": ["Opens a margin account for the signer."],
      "discriminator": [98,114,213,184,129,89,90,185],
      "accounts": [
        {"name":"owner","writable":true,"signer":true,"docs":["Owner and rent payer."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"margin_account","writable":true,"docs":["Margin account PDA `[\"margin\", exchange, owner, sub_account_id]` (created)."]},
        {"name":"system_program","docs":["System program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"sub_account_id","docs":["Sub-account id (an owner may hold several accounts)."],"type":"u16"}
      ]
    },
    {
      "name": "deposit",
      "docs": ["Deposits collateral, following the exchange's deposit policy for accounts with a deficit."],
      "discriminator": [242,35,198,137,82,225,242,182],
      "accounts": [
        {"name":"owner","signer":true,"docs":["Margin account owner, authority of the source token account."]},
        {"name":"margin_account","writable":true,"docs":["Margin account credited."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"vault","writable":true,"docs":["Exchange vault."]},
        {"name":"owner_token","writable":true,"docs":["Owner's collateral token account."]},
        {"name":"token_program","docs":["SPL Token program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"amount","docs":["Amount, native."],"type":"u64"},
        {"name":"max_debt_repayment","docs":["Most of this deposit the owner allows to repay an unresolved deficit (RepayDebtFirst","exchanges only; ignored under CreditFirst), native."],"type":"u64"}
      ]
    },
    {
      "name": "withdraw",
      "docs": ["Withdraws collateral, keeping equity ≥ initial margin."],
      "discriminator": [183,18,70,156,148,109,161,34],
      "accounts": [
        {"name":"owner","signer":true,"docs":["Margin account owner."]},
        {"name":"margin_account","writable":true,"docs":["Margin account debited."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"vault","writable":true,"docs":["Exchange vault."]},
        {"name":"backstop_registry","docs":["Backstop registry: a registered account keeps the free collateral it committed."]},
        {"name":"owner_token","writable":true,"docs":["Destination token account (collateral mint)."]},
        {"name":"token_program","docs":["SPL Token program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"amount","docs":["Amount, native."],"type":"u64"}
      ]
    },
    {
      "name": "place_order",
      "docs": ["Places an order (limit, post-only or IOC; optionally reduce-only), matching makers passed in."],
      "discriminator": [51,194,155,175,109,130,96,106],
      "accounts": [
        {"name":"owner","signer":true,"docs":["Margin account owner."]},
        {"name":"margin_account","writable":true,"docs":["Taker / order owner margin account."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"market","writable":true,"docs":["Market traded."]},
        {"name":"order_book","writable":true,"docs":["Its order book."]},
        {"name":"oracle","docs":["Its oracle."]},
        {"name":"vault","docs":["Exchange vault (solvency check)."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"side","docs":["0 bid (buy), 1 ask (sell)."],"type":"u8"},
        {"name":"order_type","docs":["0 limit, 1 post-only, 2 immediate-or-cancel."],"type":"u8"},
        {"name":"reduce_only","docs":["1: may only reduce the position."],"type":"u8"},
        {"name":"price","docs":["Limit price, quote native per lot (multiple of the tick size)."],"type":"u64"},
        {"name":"lots","docs":["Size, lots."],"type":"u64"},
        {"name":"client_order_id","docs":["Client's id, echoed in events."],"type":"u64"}
      ]
    },
    {
      "name": "cancel_order",
      "docs": ["Cancels one resting order of the signer's account."],
      "discriminator": [95,129,237,240,8,49,223,132],
      "accounts": [
        {"name":"owner","signer":true,"docs":["Margin account owner."]},
        {"name":"margin_account","writable":true,"docs":["Margin account owning the orders."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"market","docs":["Market."]},
        {"name":"order_book","writable":true,"docs":["Its order book."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"order_id","docs":["Book order id."],"type":"u64"},
        {"name":"price","docs":["Its limit price (locates the price level by binary search)."],"type":"u64"},
        {"name":"side","docs":["Its side: 0 bid, 1 ask."],"type":"u8"}
      ]
    },
    {
      "name": "cancel_all_orders",
      "docs": ["Cancels every resting order of the signer's account in a market."],
      "discriminator": [196,83,243,171,17,100,160,143],
      "accounts": [
        {"name":"owner","signer":true,"docs":["Margin account owner."]},
        {"name":"margin_account","writable":true,"docs":["Margin account owning the orders."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"market","docs":["Market."]},
        {"name":"order_book","writable":true,"docs":["Its order book."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [

      ]
    },
    {
      "name": "update_funding",
      "docs": ["Permissionless crank: accrues funding into the market index."],
      "discriminator": [224,66,9,70,75,81,94,88],
      "accounts": [
        {"name":"exchange","writable":true,"docs":["Exchange (event sequence)."]},
        {"name":"market","writable":true,"docs":["Market."]},
        {"name":"order_book","docs":["Its order book (mid price)."]},
        {"name":"oracle","docs":["Its oracle."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [

      ]
    },
    {
      "name": "liquidate",
      "docs": ["Waterfall stage 1: cancels the account's orders and closes part of its position on the book."],
      "discriminator": [223,179,226,125,48,46,39,74],
      "accounts": [
        {"name":"keeper","signer":true,"docs":["Keeper running the step."]},
        {"name":"keeper_account","writable":true,"docs":["Keeper's margin account, credited with the keeper's share of the fee."]},
        {"name":"liquidatee","writable":true,"docs":["Account being liquidated."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"market","writable":true,"docs":["Market."]},
        {"name":"order_book","writable":true,"docs":["Its order book."]},
        {"name":"oracle","docs":["Its oracle."]},
        {"name":"vault","writable":true,"docs":["Exchange vault."]},
        {"name":"insurance_vault","writable":true,"docs":["Insurance vault (receives the fund's share of the fee)."]},
        {"name":"token_program","docs":["SPL Token program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"max_lots","docs":["Most lots to close in this step (0: as many as the program allows)."],"type":"u64"}
      ]
    },
    {
      "name": "backstop_liquidate",
      "docs": ["Waterfall stage 2: a registered backstop takes over once the book inside the band is exhausted."],
      "discriminator": [195,243,218,7,237,90,231,68],
      "accounts": [
        {"name":"keeper","signer":true,"docs":["Keeper running the step."]},
        {"name":"backstop_account","writable":true,"docs":["Registered backstop's margin account (takes the position)."]},
        {"name":"liquidatee","writable":true,"docs":["Account being liquidated."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"market","writable":true,"docs":["Market."]},
        {"name":"order_book","writable":true,"docs":["Its order book (checked exhausted inside the band)."]},
        {"name":"oracle","docs":["Its oracle."]},
        {"name":"backstop_registry","writable":true,"docs":["Backstop registry of the exchange."]},
        {"name":"vault","docs":["Exchange vault (solvency check)."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"max_lots","docs":["Most lots to take over (0: the whole position)."],"type":"u64"}
      ]
    },
    {
      "name": "resolve_bankruptcy",
      "docs": ["Waterfall stage 3: the insurance fund pays a position-free account's deficit."],
      "discriminator": [82,253,187,29,102,19,35,248],
      "accounts": [
        {"name":"keeper","signer":true,"docs":["Keeper (any signer)."]},
        {"name":"liquidatee","writable":true,"docs":["Bankrupt margin account."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"market","writable":true,"docs":["The market the deficit arose in (`deficit_market_index`)."]},
        {"name":"vault","writable":true,"docs":["Exchange vault."]},
        {"name":"insurance_vault","writable":true,"docs":["Insurance vault."]},
        {"name":"token_program","docs":["SPL Token program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [

      ]
    },
    {
      "name": "auto_deleverage",
      "docs": ["Waterfall stage 4: closes a bankrupt position against ranked counterparties at the bankruptcy price."],
      "discriminator": [210,69,163,148,44,245,226,170],
      "accounts": [
        {"name":"keeper","signer":true,"docs":["Keeper (any signer)."]},
        {"name":"liquidatee","writable":true,"docs":["Bankrupt margin account."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"market","writable":true,"docs":["Market."]},
        {"name":"order_book","writable":true,"docs":["Its order book (checked exhausted inside the band)."]},
        {"name":"oracle","docs":["Its oracle."]},
        {"name":"backstop_registry","docs":["Backstop registry (is any backstop registered for the market?)."]},
        {"name":"vault","docs":["Exchange vault (solvency check)."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"max_lots","docs":["Most lots to close (0: as many as the candidates absorb)."],"type":"u64"}
      ]
    },
    {
      "name": "socialize_loss",
      "docs": ["Waterfall stage 5: spreads a deficit the fund cannot cover over the profiting side, or books bad debt."],
      "discriminator": [245,75,91,0,236,97,19,3],
      "accounts": [
        {"name":"keeper","signer":true,"docs":["Keeper (any signer)."]},
        {"name":"liquidatee","writable":true,"docs":["Bankrupt margin account."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"market","writable":true,"docs":["The market the deficit arose in."]},
        {"name":"oracle","docs":["Its oracle (the same staleness and confidence guards as every stage)."]},
        {"name":"vault","docs":["Exchange vault (solvency check)."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [

      ]
    },
    {
      "name": "register_backstop",
      "docs": ["A margin account's owner opts in (or updates its markets) as a backstop liquidator."],
      "discriminator": [92,71,161,36,15,222,19,249],
      "accounts": [
        {"name":"owner","signer":true,"docs":["Margin account owner."]},
        {"name":"margin_account","writable":true,"docs":["Margin account that will take over positions."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"backstop_registry","writable":true,"docs":["Backstop registry."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"market_mask","docs":["Bit `i` set: backstop market index `i` (non-zero)."],"type":"u64"},
        {"name":"capacity_native","docs":["Free collateral committed for takeovers, native (≥ the exchange minimum; held now)."],"type":"u64"}
      ]
    },
    {
      "name": "deregister_backstop",
      "docs": ["A backstop leaves the registry."],
      "discriminator": [245,202,194,185,151,87,92,181],
      "accounts": [
        {"name":"owner","signer":true,"docs":["Margin account owner."]},
        {"name":"margin_account","writable":true,"docs":["Margin account that will take over positions."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"backstop_registry","writable":true,"docs":["Backstop registry."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [

      ]
    },
    {
      "name": "evict_backstop",
      "docs": ["Permissionless: removes a backstop that no longer holds its committed capacity (or went bankrupt)."],
      "discriminator": [222,140,227,151,10,177,152,244],
      "accounts": [
        {"name":"caller","signer":true,"docs":["Anyone (evict) or the exchange admin (remove)."]},
        {"name":"margin_account","docs":["The registered backstop's margin account."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"backstop_registry","writable":true,"docs":["Backstop registry."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"market_index","docs":["A market of the entry the account cannot take a position in (no free slot), or","`u16::MAX` to evict the whole entry for holding less than it committed / bankruptcy."],"type":"u16"}
      ]
    },
    {
      "name": "remove_backstop",
      "docs": ["Admin: removes a backstop from the registry."],
      "discriminator": [22,190,153,76,96,156,37,217],
      "accounts": [
        {"name":"caller","signer":true,"docs":["Anyone (evict) or the exchange admin (remove)."]},
        {"name":"margin_account","docs":["The registered backstop's margin account."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"backstop_registry","writable":true,"docs":["Backstop registry."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [

      ]
    },
    {
      "name": "deposit_insurance",
      "docs": ["Anyone adds collateral to the insurance fund."],
      "discriminator": [34,221,238,103,190,136,23,194],
      "accounts": [
        {"name":"funder","signer":true,"docs":["Funder, authority of the source token account."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"insurance_vault","writable":true,"docs":["Insurance vault."]},
        {"name":"funder_token","writable":true,"docs":["Funder's collateral token account."]},
        {"name":"token_program","docs":["SPL Token program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"amount","docs":["Amount, native."],"type":"u64"}
      ]
    },
    {
      "name": "sweep_fees",
      "docs": ["Permissionless: moves the fee pool into the insurance fund."],
      "discriminator": [175,225,98,71,118,66,34,148],
      "accounts": [
        {"name":"caller","signer":true,"docs":["Anyone."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"vault","writable":true,"docs":["Exchange vault."]},
        {"name":"insurance_vault","writable":true,"docs":["Insurance vault."]},
        {"name":"token_program","docs":["SPL Token program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [

      ]
    },
    {
      "name": "request_insurance_withdrawal",
      "docs": ["Admin: requests an insurance withdrawal (executable after the delay)."],
      "discriminator": [0,170,183,71,15,39,28,39],
      "accounts": [
        {"name":"admin","signer":true,"docs":["Exchange admin."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [
        {"name":"amount","docs":["Amount, native."],"type":"u64"}
      ]
    },
    {
      "name": "sweep_surplus",
      "docs": ["Permissionless: moves unsolicited tokens in either vault (surplus over liabilities) into the insurance fund."],
      "discriminator": [144,67,197,177,218,200,50,24],
      "accounts": [
        {"name":"caller","signer":true,"docs":["Anyone."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"vault","writable":true,"docs":["Exchange vault."]},
        {"name":"insurance_vault","writable":true,"docs":["Insurance vault."]},
        {"name":"token_program","docs":["SPL Token program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [

      ]
    },
    {
      "name": "cover_bad_debt",
      "docs": ["Permissionless: unreserved insurance pays uncovered bad debt back into the trading vault."],
      "discriminator": [137,228,6,238,18,142,153,232],
      "accounts": [
        {"name":"caller","signer":true,"docs":["Anyone."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"vault","writable":true,"docs":["Exchange vault."]},
        {"name":"insurance_vault","writable":true,"docs":["Insurance vault."]},
        {"name":"token_program","docs":["SPL Token program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [

      ]
    },
    {
      "name": "mark_underwater",
      "docs": ["Permissionless: records (or clears) the negative equity of an account no stage can progress yet."],
      "discriminator": [192,26,255,35,96,191,80,253],
      "accounts": [
        {"name":"keeper","signer":true,"docs":["Anyone (a keeper)."]},
        {"name":"margin_account","writable":true,"docs":["The account to mark."]},
        {"name":"exchange","writable":true,"docs":["Exchange (totals)."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [

      ]
    },
    {
      "name": "execute_insurance_withdrawal",
      "docs": ["Admin: executes a requested insurance withdrawal after the delay."],
      "discriminator": [7,105,181,255,102,6,244,242],
      "accounts": [
        {"name":"admin","signer":true,"docs":["Exchange admin."]},
        {"name":"exchange","writable":true,"docs":["Exchange."]},
        {"name":"insurance_vault","writable":true,"docs":["Insurance vault."]},
        {"name":"admin_token","writable":true,"docs":["Destination collateral token account."]},
        {"name":"token_program","docs":["SPL Token program."]},
        {"name":"event_authority","docs":["Event authority PDA."]},
        {"name":"program","docs":["This program."]}
      ],
      "args": [

      ]
    }
  ],
  "accounts": [
    {"name": "Exchange", "discriminator": [30,200,220,149,3,61,104,50]},
    {"name": "Market", "discriminator": [219,190,213,55,0,227,198,154]},
    {"name": "OrderBook", "discriminator": [55,230,125,218,149,39,65,248]},
    {"name": "MarginAccount", "discriminator": [133,220,173,213,179,211,43,238]},
    {"name": "PriceFeed", "discriminator": [189,103,252,23,152,35,243,156]},
    {"name": "BackstopRegistry", "discriminator": [237,154,75,61,185,212,134,44]}
  ],
  "events": [
    {"name": "ExchangeInitialized", "discriminator": [200,154,187,160,29,243,230,104]},
    {"name": "MarketCreated", "discriminator": [88,184,130,231,226,84,6,58]},
    {"name": "PriceFeedCreated", "discriminator": [26,51,30,83,63,213,84,107]},
    {"name": "PriceUpdated", "discriminator": [154,72,87,150,246,230,23,217]},
    {"name": "MarginAccountCreated", "discriminator": [157,214,66,63,149,164,160,119]},
    {"name": "Deposit", "discriminator": [62,205,242,175,244,169,136,52]},
    {"name": "Withdraw", "discriminator": [192,241,201,217,70,150,90,247]},
    {"name": "OrderPlaced", "discriminator": [96,130,204,234,169,219,216,227]},
    {"name": "OrderCancelled", "discriminator": [108,56,128,68,168,113,168,239]},
    {"name": "Fill", "discriminator": [78,225,199,154,86,219,224,169]},
    {"name": "FundingUpdated", "discriminator": [206,76,89,81,126,37,255,224]},
    {"name": "PositionSettled", "discriminator": [75,100,92,189,245,116,252,221]},
    {"name": "Liquidation", "discriminator": [253,18,85,107,192,175,171,172]},
    {"name": "BankruptcyResolved", "discriminator": [94,86,196,195,106,72,227,169]},
    {"name": "AutoDeleverage", "discriminator": [8,170,12,129,88,99,125,20]},
    {"name": "SocializedLoss", "discriminator": [111,28,225,211,56,159,158,73]},
    {"name": "BankruptcyRecorded", "discriminator": [163,138,252,170,108,221,168,131]},
    {"name": "BadDebtRecorded", "discriminator": [115,137,178,211,66,186,41,11]},
    {"name": "UnderwaterMarked", "discriminator": [168,49,60,139,197,149,87,234]},
    {"name": "SurplusSwept", "discriminator": [10,228,130,83,221,240,210,32]},
    {"name": "InsuranceFlow", "discriminator": [186,123,48,45,39,39,40,199]},
    {"name": "InsuranceWithdrawalRequested", "discriminator": [72,157,2,80,34,161,156,174]},
    {"name": "BackstopChanged", "discriminator": [45,64,187,226,197,204,7,200]},
    {"name": "MarketStatusChanged", "discriminator": [53,72,160,209,15,222,46,157]},
    {"name": "ConfigChanged", "discriminator": [147,25,86,98,98,77,78,192]}
  ],
  "errors": [
    {"code": 6000, "name": "InvalidInstructionData", "msg": "Instruction data has the wrong length for this instruction"},
    {"code": 6001, "name": "UnknownInstruction", "msg": "Unknown instruction discriminator"},
    {"code": 6002, "name": "NotEnoughAccounts", "msg": "Not enough accounts for this instruction"},
    {"code": 6003, "name": "MissingSigner", "msg": "A required signer did not sign"},
    {"code": 6004, "name": "AccountNotWritable", "msg": "An account that must be writable is read-only"},
    {"code": 6005, "name": "WrongAccountOwner", "msg": "Account is owned by the wrong program"},
    {"code": 6006, "name": "WrongAccountType", "msg": "Account discriminator does not match the expected account type"},
    {"code": 6007, "name": "WrongAccountSize", "msg": "Account data has the wrong size"},
    {"code": 6008, "name": "WrongPda", "msg": "Account is not the expected program-derived address"},
    {"code": 6009, "name": "AlreadyInitialized", "msg": "Account is already initialized"},
    {"code": 6010, "name": "WrongProgram", "msg": "Wrong program account (system, token or this program)"},
    {"code": 6011, "name": "WrongExchange", "msg": "Account belongs to a different exchange"},
    {"code": 6012, "name": "NotAdmin", "msg": "Signer is not the exchange admin"},
    {"code": 6013, "name": "NotAccountOwner", "msg": "Signer is not the owner of the margin account"},
    {"code": 6014, "name": "WrongMint", "msg": "Token account or mint does not match the exchange's collateral mint"},
    {"code": 6015, "name": "WrongVault", "msg": "Vault account is not the exchange's vault"},
    {"code": 6016, "name": "WrongMarket", "msg": "Market, order book or oracle do not belong together"},
    {"code": 6017, "name": "WrongEventAuthority", "msg": "Wrong event authority"},
    {"code": 6018, "name": "InvalidConfig", "msg": "Configuration value out of range"},
    {"code": 6019, "name": "DuplicateAccount", "msg": "The same account was passed twice where distinct accounts are required"},
    {"code": 6020, "name": "LiquidationCostNotBelowMaintenance", "msg": "liquidation_band_bps + liquidation_fee_bps must be below maintenance_margin_bps"},
    {"code": 6021, "name": "PriceBandExceedsInitialMargin", "msg": "price_band_bps must not exceed initial_margin_bps"},
    {"code": 6022, "name": "LiquidationBandExceedsPriceBand", "msg": "liquidation_band_bps must not exceed price_band_bps"},
    {"code": 6023, "name": "MarginFractionsInvalid", "msg": "need 0 < maintenance_margin_bps < initial_margin_bps <= 10000"},
    {"code": 6024, "name": "FundingParamsOutOfRange", "msg": "max_funding_rate_bps or funding_period_slots out of range"},
    {"code": 6100, "name": "ZeroAmount", "msg": "Amount must be greater than zero"},
    {"code": 6101, "name": "AmountTooLarge", "msg": "Amount is larger than allowed"},
    {"code": 6102, "name": "MathOverflow", "msg": "Arithmetic overflow"},
    {"code": 6103, "name": "DivisionByZero", "msg": "Division by zero"},
    {"code": 6104, "name": "InvalidOrderSize", "msg": "Order size is below the market minimum"},
    {"code": 6105, "name": "InvalidPrice", "msg": "Price is zero, too large, or not a multiple of the tick size"},
    {"code": 6106, "name": "InsufficientTokenBalance", "msg": "Source token account balance is too small"},
    {"code": 6107, "name": "TokenAccountOwnerMismatch", "msg": "Source token account is not owned by the signer"},
    {"code": 6200, "name": "InvalidOracle", "msg": "Oracle account is not a valid price feed"},
    {"code": 6201, "name": "OracleStale", "msg": "Oracle price is stale"},
    {"code": 6202, "name": "OracleConfidenceTooWide", "msg": "Oracle confidence interval is too wide"},
    {"code": 6203, "name": "PriceBandExceeded", "msg": "Price is outside the allowed band around the oracle price"},
    {"code": 6204, "name": "MissingMarketAccounts", "msg": "A market (and its oracle) that the account holds was not passed"},
    {"code": 6205, "name": "NotOracleAuthority", "msg": "Signer is not the price feed authority"},
    {"code": 6206, "name": "OracleNotFullyVerified", "msg": "Pyth price update is not fully verified"},
    {"code": 6207, "name": "OracleFeedMismatch", "msg": "Pyth price update is for a different feed than the market's"},
    {"code": 6300, "name": "MarginRequirementExceeded", "msg": "Equity would fall below the initial margin requirement"},
    {"code": 6301, "name": "PositionSlotsFull", "msg": "All position slots of the margin account are in use"},
    {"code": 6302, "name": "OrderBookFull", "msg": "The order book side is full"},
    {"code": 6303, "name": "PostOnlyWouldCross", "msg": "Post-only order would cross the book"},
    {"code": 6304, "name": "ReduceOnlyWouldIncrease", "msg": "Reduce-only order would increase the position"},
    {"code": 6305, "name": "OrderNotFound", "msg": "Order not found"},
    {"code": 6306, "name": "TooManyOpenOrders", "msg": "Too many open orders on this account"},
    {"code": 6307, "name": "MakerAccountMissing", "msg": "A maker margin account to be filled was not passed"},
    {"code": 6308, "name": "MarketNotActive", "msg": "Market is not active"},
    {"code": 6309, "name": "ExchangePaused", "msg": "Exchange is paused"},
    {"code": 6310, "name": "InsufficientCollateral", "msg": "Withdrawal exceeds free collateral"},
    {"code": 6311, "name": "AccountNotEmpty", "msg": "Margin account still holds positions, orders or balance"},
    {"code": 6312, "name": "InvalidOrderType", "msg": "Unknown order type or side"},
    {"code": 6313, "name": "AccountBeingLiquidated", "msg": "Account is being liquidated or is bankrupt"},
    {"code": 6314, "name": "TradeWouldCreateDeficit", "msg": "Order would leave the account with negative equity"},
    {"code": 6400, "name": "ConservationViolated", "msg": "Solvency check failed: vault balance does not equal liabilities"},
    {"code": 6500, "name": "NotLiquidatable", "msg": "Account is not liquidatable (equity is at or above maintenance)"},
    {"code": 6501, "name": "BookLiquidityRemains", "msg": "Order book still has liquidity inside the liquidation band"},
    {"code": 6502, "name": "NotRegisteredBackstop", "msg": "Margin account is not a registered backstop for this market"},
    {"code": 6503, "name": "AccountHasPositions", "msg": "Account still holds positions"},
    {"code": 6504, "name": "NoDeficit", "msg": "Account has no unresolved deficit"},
    {"code": 6505, "name": "InsuranceCanCover", "msg": "Insurance fund can still cover this deficit"},
    {"code": 6506, "name": "AdlWrongSide", "msg": "ADL candidate is on the same side as the bankrupt position"},
    {"code": 6507, "name": "AdlNotProfitable", "msg": "ADL candidate position is not profitable"},
    {"code": 6508, "name": "AdlNotSorted", "msg": "ADL candidates are not in descending ranking order"},
    {"code": 6509, "name": "AdlTooManyCandidates", "msg": "Too many ADL candidates in one instruction"},
    {"code": 6510, "name": "NoPosition", "msg": "Account has no position in this market"},
    {"code": 6511, "name": "AccountHasUnresolvedDeficit", "msg": "Account has an unresolved deficit: run resolve_bankruptcy first (deposit policy CreditFirst)"},
    {"code": 6512, "name": "BackstopBelowInitialMargin", "msg": "Backstop would fall below initial margin"},
    {"code": 6513, "name": "LiquidationPaced", "msg": "Liquidation chunk pacing: wait for the next slot window"},
    {"code": 6514, "name": "AccountBankrupt", "msg": "Account is bankrupt: resolve the deficit first"},
    {"code": 6515, "name": "BackstopRegistryFull", "msg": "Backstop registry is full"},
    {"code": 6516, "name": "InsuranceWithdrawalNotReady", "msg": "Insurance withdrawal not requested or delay not elapsed"},
    {"code": 6517, "name": "InsufficientInsurance", "msg": "Insurance fund balance is too small"},
    {"code": 6518, "name": "SelfLiquidation", "msg": "An account cannot be its own liquidation counterparty"},
    {"code": 6519, "name": "NothingToLiquidate", "msg": "Nothing left to liquidate in this market"},
    {"code": 6520, "name": "InvalidDepositPolicy", "msg": "Unknown deposit policy"},
    {"code": 6521, "name": "WrongWaterfallStage", "msg": "Wrong liquidation waterfall stage for this account"},
    {"code": 6522, "name": "BookLiquidityExhausted", "msg": "No book liquidity inside the liquidation band: use backstop_liquidate"},
    {"code": 6523, "name": "BackstopStageFirst", "msg": "Account is not bankrupt and backstops are registered for this market: use backstop_liquidate first"},
    {"code": 6524, "name": "NotUnderwater", "msg": "Account is not underwater (no position, or equity is not negative)"},
    {"code": 6525, "name": "NoSurplus", "msg": "Neither vault holds surplus over its liabilities"},
    {"code": 6526, "name": "LossBeyondInsurance", "msg": "Negative equity exceeds the insurance available: use auto_deleverage"},
    {"code": 6527, "name": "VenueHasBadDebt", "msg": "The exchange has uncovered bad debt: deposits are refused until it is covered"},
    {"code": 6528, "name": "NothingToCover", "msg": "No bad debt, or no unreserved insurance to cover it"},
    {"code": 6529, "name": "BackstopCapacityTooSmall", "msg": "Backstop capacity is below the exchange minimum"},
    {"code": 6530, "name": "BackstopCapacityNotHeld", "msg": "The account's free collateral is below the capacity it commits"},
    {"code": 6531, "name": "BackstopHoldsCapacity", "msg": "The backstop still holds its committed capacity (and a position slot for the market): it cannot be evicted"},
    {"code": 6532, "name": "BackstopLocked", "msg": "The backstop registration is locked: it cannot leave or lower its capacity yet"},
    {"code": 6533, "name": "BackstopCapacityCommitted", "msg": "The withdrawal would take the account below its committed backstop capacity"}
  ],
  "types": [
    {
      "name": "MarketParams",
      "docs": ["Risk and trading parameters of a market, set at creation (admin may update some)."],
      "serialization": "bytemuck",
      "repr": {"kind": "c"},
      "type": {"kind": "struct", "fields": [
        {"name":"base_lot_size","docs":["Base atoms per lot (informational: sizes on-chain are in lots)."],"type":"u64"},
        {"name":"tick_size","docs":["Price granularity, quote native per lot; order prices are multiples of it."],"type":"u64"},
        {"name":"min_order_lots","docs":["Smallest order, lots."],"type":"u64"},
        {"name":"initial_margin_bps","docs":["Initial margin fraction, bps (1 000 = 10×)."],"type":"u32"},
        {"name":"maintenance_margin_bps","docs":["Maintenance margin fraction, bps (< initial)."],"type":"u32"},
        {"name":"taker_fee_bps","docs":["Taker fee, bps of notional."],"type":"u32"},
        {"name":"maker_fee_bps","docs":["Maker fee, bps of notional."],"type":"u32"},
        {"name":"liquidation_fee_bps","docs":["Liquidation fee, bps of the notional closed."],"type":"u32"},
        {"name":"liquidation_keeper_share_bps","docs":["Keeper's share of the liquidation fee, bps (the rest goes to the insurance fund)."],"type":"u32"},
        {"name":"liquidation_band_bps","docs":["Liquidation closes may trade no further than this from the oracle, bps."],"type":"u32"},
        {"name":"liquidation_buffer_bps","docs":["Hysteresis: a liquidation runs until equity ≥ maintenance × (1 + buffer), bps."],"type":"u32"},
        {"name":"liquidation_chunk_bps","docs":["Largest share of a position closed per liquidation step, bps."],"type":"u32"},
        {"name":"backstop_discount_bps","docs":["Discount (against the liquidated account) at which a backstop takes over, bps."],"type":"u32"},
        {"name":"min_liquidation_lots","docs":["Smallest liquidation step, lots."],"type":"u64"},
        {"name":"liquidation_pace_slots","docs":["Slots a liquidated account must wait between book-liquidation steps."],"type":"u64"},
        {"name":"price_band_bps","docs":["Order prices must be within this band of the oracle, bps."],"type":"u32"},
        {"name":"max_confidence_bps","docs":["Oracle confidence must be ≤ this fraction of the price, bps."],"type":"u32"},
        {"name":"max_staleness_slots","docs":["Oracle publish slot must be at most this old, slots."],"type":"u64"},
        {"name":"funding_period_slots","docs":["Funding period, slots (the premium is paid once per period)."],"type":"u64"},
        {"name":"max_funding_rate_bps","docs":["Funding premium cap per period, bps of the oracle price."],"type":"u32"},
        {"name":"max_adl_counterparties","docs":["Most ADL counterparties per instruction."],"type":"u32"},
        {"name":"insurance_cap_native","docs":["Most the insurance fund pays for this market's deficits in total, native."],"type":"u64"},
        {"name":"funding_impact_notional_native","docs":["Funding premium is measured at this notional on each side of the book (the impact","bid and ask, as dYdX and Hyperliquid): dust orders cannot move it, native."],"type":"u64"}
      ]}
    },
    {
      "name": "Exchange",
      "docs": ["Root account of one exchange."],
      "serialization": "bytemuck",
      "repr": {"kind": "c"},
      "type": {"kind": "struct", "fields": [
        {"name":"admin","docs":["Admin: creates markets, sets policies, manages the insurance fund."],"type":"pubkey"},
        {"name":"collateral_mint","docs":["Collateral SPL mint (USDC-like, 6 decimals)."],"type":"pubkey"},
        {"name":"vault","docs":["Token account (PDA `[\"vault\", exchange]`) holding all traders' collateral and the fee pool."],"type":"pubkey"},
        {"name":"insurance_vault","docs":["Token account (PDA `[\"insurance\", exchange]`) holding the insurance fund."],"type":"pubkey"},
        {"name":"exchange_id","docs":["Exchange id used in the PDA seeds."],"type":"u16"},
        {"name":"bump","docs":["PDA bump of this account."],"type":"u8"},
        {"name":"vault_bump","docs":["PDA bump of the vault."],"type":"u8"},
        {"name":"insurance_vault_bump","docs":["PDA bump of the insurance vault."],"type":"u8"},
        {"name":"deposit_policy","docs":["`DepositPolicy`: 0 = CreditFirst, 1 = RepayDebtFirst."],"type":"u8"},
        {"name":"paused","docs":["Pause bits: 1 deposits, 2 withdrawals, 4 trading."],"type":"u8"},
        {"name":"collateral_decimals","docs":["Collateral mint decimals."],"type":"u8"},
        {"name":"market_count","docs":["Number of markets created (next market index)."],"type":"u16"},
        {"name":"_pad0","docs":["Reserved."],"type":{"array":["u8",6]}},
        {"name":"total_cash_native","docs":["Σ cash of all margin accounts, native (signed: longs carry negative cash)."],"type":"i64"},
        {"name":"total_deficit_native","docs":["Σ unresolved deficits of bankrupt accounts, native."],"type":"u64"},
        {"name":"fee_pool_native","docs":["Trading fees collected and not yet swept to the insurance fund, native."],"type":"u64"},
        {"name":"pending_settlement_native","docs":["Funding and social loss settled by some accounts and not yet by their counterparties,","native (signed; the lazily-settled side of zero-sum flows)."],"type":"i64"},
        {"name":"insurance_native","docs":["Insurance fund balance, native (mirrors the insurance vault)."],"type":"u64"},
        {"name":"bad_debt_native","docs":["Cumulative deficit written off with no one left to absorb it, native."],"type":"u64"},
        {"name":"socialized_loss_native","docs":["Cumulative deficit spread over opposite-side positions, native."],"type":"u64"},
        {"name":"insurance_paid_native","docs":["Cumulative insurance paid to cover deficits, native."],"type":"u64"},
        {"name":"vault_surplus_native","docs":["Unsolicited tokens in the trading vault (above every liability), native: surplus, swept","into the insurance fund by `sweep_surplus`. The solvency rule holds it exactly."],"type":"u64"},
        {"name":"insurance_surplus_native","docs":["Unsolicited tokens in the insurance vault (above the fund), native."],"type":"u64"},
        {"name":"surplus_swept_native","docs":["Cumulative surplus swept into the insurance fund, native."],"type":"u64"},
        {"name":"insurance_reserved_native","docs":["Insurance reserved by ADL steps for accounts still being closed, native (≤ insurance):","counted once, by the account that reserved it."],"type":"u64"},
        {"name":"underwater_native","docs":["Σ negative equity of accounts marked underwater (`mark_underwater`), native."],"type":"u64"},
        {"name":"underwater_count","docs":["Accounts currently marked underwater."],"type":"u64"},
        {"name":"min_backstop_capacity_native","docs":["Least capacity a backstop must commit to register, native (so the registry cannot be","filled for the price of rent)."],"type":"u64"},
        {"name":"market_insurance_reserved_native","docs":["Insurance reserved by ADL steps, per market index (Σ = `insurance_reserved_native`):","a market's cap counts its reservations. Kept here so a reservation can be released by","whichever instruction sees its account recover, and moved with the account's deficit."],"type":{"array":["u64",64]}},
        {"name":"insurance_withdraw_delay_slots","docs":["Delay between an insurance withdrawal request and its execution, slots."],"type":"u64"},
        {"name":"insurance_withdraw_request_native","docs":["Pending insurance withdrawal amount, native (0 = none)."],"type":"u64"},
        {"name":"insurance_withdraw_request_slot","docs":["Slot of the pending insurance withdrawal request."],"type":"u64"},
        {"name":"event_seq","docs":["Sequence number of the next event (global, contiguous)."],"type":"u64"},
        {"name":"margin_account_count","docs":["Margin accounts created."],"type":"u64"},
        {"name":"_reserved","docs":["Reserved for upgrades."],"type":{"array":["u64",8]}}
      ]}
    },
    {
      "name": "Index128",
      "docs": ["A signed 128-bit index stored as two 64-bit words (8-byte aligned on every target; a native","`i128` field would be 16-aligned on some). The funding and social-loss indices use it so no","reachable parameters can overflow them over a market's lifetime."],
      "serialization": "bytemuck",
      "repr": {"kind": "c"},
      "type": {"kind": "struct", "fields": [
        {"name":"lo","docs":["Low 64 bits."],"type":"u64"},
        {"name":"hi","docs":["High 64 bits (the sign)."],"type":"i64"}
      ]}
    },
    {
      "name": "Market",
      "docs": ["A perpetual market."],
      "serialization": "bytemuck",
      "repr": {"kind": "c"},
      "type": {"kind": "struct", "fields": [
        {"name":"exchange","docs":["Exchange this market belongs to."],"type":"pubkey"},
        {"name":"oracle","docs":["Price feed account (a `PriceFeed` of this program)."],"type":"pubkey"},
        {"name":"order_book","docs":["Order book account (created by the admin with `create_market`)."],"type":"pubkey"},
        {"name":"name","docs":["Human-readable symbol, zero-padded ASCII (\"SOL-PERP\")."],"type":{"array":["u8",16]}},
        {"name":"market_index","docs":["Index of the market within the exchange."],"type":"u16"},
        {"name":"bump","docs":["PDA bump."],"type":"u8"},
        {"name":"_pad_book","docs":["Reserved."],"type":"u8"},
        {"name":"status","docs":["0 active, 1 reduce-only, 2 halted."],"type":"u8"},
        {"name":"oracle_kind","docs":["Oracle source: 0 this program's `PriceFeed`, 1 Pyth `PriceUpdateV2`."],"type":"u8"},
        {"name":"oracle_base_decimals","docs":["Decimals of the base asset (converts an external price into native per lot)."],"type":"u8"},
        {"name":"oracle_quote_decimals","docs":["Decimals of the collateral (quote) mint."],"type":"u8"},
        {"name":"params","docs":["Parameters."],"type":{"defined":{"name":"MarketParams"}}},
        {"name":"cumulative_funding","docs":["Cumulative funding paid by a long per lot, 1e-6 native per lot (128-bit: never overflows)."],"type":{"defined":{"name":"Index128"}}},
        {"name":"social_loss_long_index","docs":["Cumulative social loss charged per long lot, 1e-6 native per lot."],"type":{"defined":{"name":"Index128"}}},
        {"name":"social_loss_short_index","docs":["Cumulative social loss charged per short lot, 1e-6 native per lot."],"type":{"defined":{"name":"Index128"}}},
        {"name":"last_funding_slot","docs":["Slot of the last funding accrual."],"type":"u64"},
        {"name":"last_premium_bps","docs":["Premium of the last accrual, bps (signed, clamped): the time-weighted average of the","impact premium samples since the accrual before."],"type":"i64"},
        {"name":"premium_accumulator_bps_slots","docs":["Σ sampled impact premium × slots it stood, since the last accrual (bps·slots)."],"type":"i64"},
        {"name":"premium_sampled_slots","docs":["Slots covered by that sum."],"type":"u64"},
        {"name":"last_sample_slot","docs":["Slot of the last sample (the first instruction touching the market in a slot samples)."],"type":"u64"},
        {"name":"last_sample_premium_bps","docs":["Impact premium of the last sample, bps."],"type":"i64"},
        {"name":"open_interest_lots","docs":["Open interest: Σ long positions = Σ short positions, lots."],"type":"u64"},
        {"name":"insurance_drawn_native","docs":["Insurance paid for this market's deficits so far, native (≤ cap)."],"type":"u64"},
        {"name":"fill_count","docs":["Fills executed."],"type":"u64"},
        {"name":"volume_native","docs":["Traded volume, native."],"type":"u64"},
        {"name":"liquidation_count","docs":["Liquidation steps executed (book + backstop)."],"type":"u64"},
        {"name":"adl_fill_count","docs":["ADL fills executed."],"type":"u64"},
        {"name":"socialized_loss_native","docs":["Social loss spread in this market, native."],"type":"u64"},
        {"name":"pyth_feed_id","docs":["Pyth feed id the market's `PriceUpdateV2` must carry (zero for a program feed)."],"type":{"array":["u8",32]}},
        {"name":"_reserved","docs":["Reserved."],"type":{"array":["u64",2]}}
      ]}
    },
    {
      "name": "Order",
      "docs": ["A resting order."],
      "serialization": "bytemuck",
      "repr": {"kind": "c"},
      "type": {"kind": "struct", "fields": [
        {"name":"owner","docs":["Margin account that owns the order."],"type":"pubkey"},
        {"name":"order_id","docs":["Book-unique id, increasing: also the time priority."],"type":"u64"},
        {"name":"client_order_id","docs":["Id chosen by the client."],"type":"u64"},
        {"name":"price","docs":["Limit price, quote native per lot."],"type":"u64"},
        {"name":"base_lots","docs":["Remaining size, lots."],"type":"u64"},
        {"name":"flags","docs":["Bits: 1 reduce-only."],"type":"u8"},
        {"name":"_pad0","docs":["Reserved."],"type":{"array":["u8",3]}},
        {"name":"owner_epoch","docs":["The owner's `bankruptcy_count` when the order was placed: an order whose owner has gone","bankrupt since never fills (it is cancelled when reached)."],"type":"u32"}
      ]}
    },
    {
      "name": "OrderBook",
      "docs": ["Resting orders of one market."],
      "serialization": "bytemuck",
      "repr": {"kind": "c"},
      "type": {"kind": "struct", "fields": [
        {"name":"market","docs":["Market."],"type":"pubkey"},
        {"name":"next_order_id","docs":["Next order id."],"type":"u64"},
        {"name":"bid_count","docs":["Live bids (first `bid_count` entries of `bids`)."],"type":"u16"},
        {"name":"ask_count","docs":["Live asks."],"type":"u16"},
        {"name":"_pad0","docs":["Reserved."],"type":{"array":["u8",4]}},
        {"name":"bids","docs":["Bids, ascending by price, best last."],"type":{"array":[{"defined":{"name":"Order"}},512]}},
        {"name":"asks","docs":["Asks, descending by price, best last."],"type":{"array":[{"defined":{"name":"Order"}},512]}}
      ]}
    },
    {
      "name": "Position",
      "docs": ["One perp position and this account's resting orders in its market."],
      "serialization": "bytemuck",
      "repr": {"kind": "c"},
      "type": {"kind": "struct", "fields": [
        {"name":"market_index","docs":["Market index, or 65 535 (`NO_MARKET`) for a free slot."],"type":"u16"},
        {"name":"_pad0","docs":["Reserved."],"type":{"array":["u8",2]}},
        {"name":"open_orders","docs":["Resting orders of this account in the market."],"type":"u32"},
        {"name":"base_lots","docs":["Position size, lots (long > 0)."],"type":"i64"},
        {"name":"entry_notional_native","docs":["Cost basis of the open lots, native (≥ 0; bookkeeping for PnL% and display)."],"type":"u64"},
        {"name":"funding_snapshot","docs":["Market `cumulative_funding` when funding was last settled."],"type":{"defined":{"name":"Index128"}}},
        {"name":"social_loss_snapshot","docs":["The side's social-loss index when last settled (long or short index by the sign of base)."],"type":{"defined":{"name":"Index128"}}},
        {"name":"bids_lots","docs":["Lots of resting bids."],"type":"u64"},
        {"name":"asks_lots","docs":["Lots of resting asks."],"type":"u64"},
        {"name":"bids_quote_native","docs":["Σ price × lots of resting bids, native: what they would pay if all filled."],"type":"u64"},
        {"name":"asks_quote_native","docs":["Σ price × lots of resting asks, native: what they would receive if all filled."],"type":"u64"},
        {"name":"realized_pnl_native","docs":["Realized PnL against the cost basis, native (bookkeeping)."],"type":"i64"},
        {"name":"funding_paid_native","docs":["Funding settled, native (paid > 0)."],"type":"i64"}
      ]}
    },
    {
      "name": "MarginAccount",
      "docs": ["A trader's cross-margin account."],
      "serialization": "bytemuck",
      "repr": {"kind": "c"},
      "type": {"kind": "struct", "fields": [
        {"name":"exchange","docs":["Exchange."],"type":"pubkey"},
        {"name":"owner","docs":["Owner wallet: the only signer for deposits, withdrawals and orders."],"type":"pubkey"},
        {"name":"cash_native","docs":["Cash, native (signed: a long's purchase makes it negative)."],"type":"i64"},
        {"name":"deficit_native","docs":["Unresolved deficit of a bankrupt account, native (cash is 0 while this is > 0)."],"type":"u64"},
        {"name":"sub_account_id","docs":["Sub-account id used in the seeds."],"type":"u16"},
        {"name":"bump","docs":["PDA bump."],"type":"u8"},
        {"name":"status","docs":["0 healthy, 1 being liquidated, 2 bankrupt."],"type":"u8"},
        {"name":"deficit_market_index","docs":["Market index where the deficit arose (65 535 if none)."],"type":"u16"},
        {"name":"deficit_side","docs":["Side the bankrupt account held in that market: 0 long, 1 short (the other side is","charged if the loss is socialized)."],"type":"u8"},
        {"name":"_pad0","docs":["Reserved."],"type":{"array":["u8",1]}},
        {"name":"total_deposits_native","docs":["Total deposited, native."],"type":"u64"},
        {"name":"total_withdrawals_native","docs":["Total withdrawn, native."],"type":"u64"},
        {"name":"total_debt_repaid_native","docs":["Deposits applied to a deficit under RepayDebtFirst, native."],"type":"u64"},
        {"name":"last_liquidation_slot","docs":["Slot of the last liquidation step (pacing)."],"type":"u64"},
        {"name":"liquidation_count","docs":["Liquidation steps suffered."],"type":"u32"},
        {"name":"bankruptcy_count","docs":["Times the account went bankrupt."],"type":"u32"},
        {"name":"order_count","docs":["Next client-visible order sequence of this account."],"type":"u64"},
        {"name":"insurance_reserved_native","docs":["Insurance reserved for this account's ADL (counted by its bankruptcy price, paid by","`resolve_bankruptcy`), native."],"type":"u64"},
        {"name":"underwater_native","docs":["Negative equity recorded by `mark_underwater` (0: not marked), native."],"type":"u64"},
        {"name":"underwater_slot","docs":["Slot of that mark."],"type":"u64"},
        {"name":"insurance_reserved_market","docs":["Market whose insurance `insurance_reserved_native` is reserved from (65 535 if none)."],"type":"u16"},
        {"name":"_pad1","docs":["Reserved."],"type":{"array":["u8",6]}},
        {"name":"_reserved","docs":["Reserved."],"type":{"array":["u64",3]}},
        {"name":"positions","docs":["Position slots."],"type":{"array":[{"defined":{"name":"Position"}},8]}}
      ]}
    },
    {
      "name": "PriceFeed",
      "docs": ["A price published by an authority."],
      "serialization": "bytemuck",
      "repr": {"kind": "c"},
      "type": {"kind": "struct", "fields": [
        {"name":"exchange","docs":["Exchange the feed belongs to."],"type":"pubkey"},
        {"name":"authority","docs":["Signer allowed to publish."],"type":"pubkey"},
        {"name":"price","docs":["Price, quote native per base lot of the market it serves."],"type":"u64"},
        {"name":"confidence","docs":["Confidence interval (±), same unit as price."],"type":"u64"},
        {"name":"publish_slot","docs":["Slot the price was published at."],"type":"u64"},
        {"name":"publish_time","docs":["Unix time of publication, seconds."],"type":"i64"},
        {"name":"feed_id","docs":["Feed id used in the seeds."],"type":"u16"},
        {"name":"bump","docs":["PDA bump."],"type":"u8"},
        {"name":"_pad0","docs":["Reserved."],"type":{"array":["u8",5]}},
        {"name":"update_count","docs":["Updates published."],"type":"u64"}
      ]}
    },
    {
      "name": "BackstopEntry",
      "docs": ["One registered backstop."],
      "serialization": "bytemuck",
      "repr": {"kind": "c"},
      "type": {"kind": "struct", "fields": [
        {"name":"margin_account","docs":["Margin account that receives taken-over positions (its owner registered it)."],"type":"pubkey"},
        {"name":"market_mask","docs":["Bit `i` set: backstops market index `i` (markets 0–63)."],"type":"u64"},
        {"name":"registered_slot","docs":["Slot of registration."],"type":"u64"},
        {"name":"takeover_count","docs":["Takeovers done."],"type":"u64"},
        {"name":"takeover_notional_native","docs":["Notional taken over, native."],"type":"u64"},
        {"name":"capacity_native","docs":["Committed capacity: free collateral (equity − initial margin − unrealized gains) the","backstop keeps for positions it may take, native. Anyone evicts an entry whose account","no longer has it."],"type":"u64"}
      ]}
    },
    {
      "name": "BackstopRegistry",
      "docs": ["Opted-in backstop liquidators of an exchange."],
      "serialization": "bytemuck",
      "repr": {"kind": "c"},
      "type": {"kind": "struct", "fields": [
        {"name":"exchange","docs":["Exchange."],"type":"pubkey"},
        {"name":"count","docs":["Live entries (first `count`)."],"type":"u32"},
        {"name":"bump","docs":["PDA bump."],"type":"u8"},
        {"name":"_pad0","docs":["Reserved."],"type":{"array":["u8",3]}},
        {"name":"entries","docs":["Entries."],"type":{"array":[{"defined":{"name":"BackstopEntry"}},16]}}
      ]}
    },
    {
      "name": "ExchangeInitialized",
      "docs": ["The exchange was created."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"exchange","type":"pubkey"},
        {"name":"admin","type":"pubkey"},
        {"name":"collateral_mint","type":"pubkey"},
        {"name":"vault","type":"pubkey"},
        {"name":"insurance_vault","type":"pubkey"},
        {"name":"deposit_policy","docs":["0 CreditFirst, 1 RepayDebtFirst."],"type":"u8"}
      ]}
    },
    {
      "name": "MarketCreated",
      "docs": ["A market was created."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"market","type":"pubkey"},
        {"name":"market_index","type":"u16"},
        {"name":"oracle","type":"pubkey"},
        {"name":"order_book","type":"pubkey"},
        {"name":"initial_margin_bps","type":"u32"},
        {"name":"maintenance_margin_bps","type":"u32"},
        {"name":"insurance_cap_native","type":"u64"}
      ]}
    },
    {
      "name": "PriceFeedCreated",
      "docs": ["A price feed was created."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"price_feed","type":"pubkey"},
        {"name":"feed_id","type":"u16"},
        {"name":"authority","type":"pubkey"}
      ]}
    },
    {
      "name": "PriceUpdated",
      "docs": ["A price was published."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"price_feed","type":"pubkey"},
        {"name":"price","type":"u64"},
        {"name":"confidence","type":"u64"},
        {"name":"publish_slot","type":"u64"}
      ]}
    },
    {
      "name": "MarginAccountCreated",
      "docs": ["A margin account was opened."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"owner","type":"pubkey"},
        {"name":"sub_account_id","type":"u16"}
      ]}
    },
    {
      "name": "Deposit",
      "docs": ["Collateral deposited. `to_debt_native` went to an unresolved deficit (RepayDebtFirst only,","never more than the user-signed maximum); `credited_native` went to cash."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"owner","type":"pubkey"},
        {"name":"amount_native","type":"u64"},
        {"name":"to_debt_native","type":"u64"},
        {"name":"credited_native","type":"u64"},
        {"name":"max_debt_repayment_native","type":"u64"},
        {"name":"deficit_after_native","type":"u64"},
        {"name":"cash_after_native","type":"i64"},
        {"name":"deposit_policy","docs":["0 CreditFirst, 1 RepayDebtFirst."],"type":"u8"}
      ]}
    },
    {
      "name": "Withdraw",
      "docs": ["Collateral withdrawn."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"owner","type":"pubkey"},
        {"name":"amount_native","type":"u64"},
        {"name":"cash_after_native","type":"i64"},
        {"name":"bad_debt_share_native","docs":["Extra cash claim given up while uncovered bad debt existed (its pro-rata share), native."],"type":"u64"}
      ]}
    },
    {
      "name": "OrderPlaced",
      "docs": ["An order was accepted (possibly fully filled immediately)."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"market","type":"pubkey"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"order_id","type":"u64"},
        {"name":"client_order_id","type":"u64"},
        {"name":"side","docs":["0 bid, 1 ask."],"type":"u8"},
        {"name":"order_type","docs":["0 limit, 1 post-only, 2 immediate-or-cancel."],"type":"u8"},
        {"name":"reduce_only","type":"u8"},
        {"name":"price","type":"u64"},
        {"name":"requested_lots","type":"u64"},
        {"name":"filled_lots","type":"u64"},
        {"name":"resting_lots","type":"u64"}
      ]}
    },
    {
      "name": "OrderCancelled",
      "docs": ["A resting order left the book without filling."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"market","type":"pubkey"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"order_id","type":"u64"},
        {"name":"side","type":"u8"},
        {"name":"reason","docs":["0 owner, 1 self-trade prevention, 2 liquidation, 3 reduce-only had nothing to reduce,","4 the fill would have taken its owner below maintenance margin, 5 its owner went bankrupt","after placing it."],"type":"u8"},
        {"name":"price","type":"u64"},
        {"name":"lots","type":"u64"}
      ]}
    },
    {
      "name": "Fill",
      "docs": ["A trade between a taker and a resting maker order."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"market","type":"pubkey"},
        {"name":"taker","type":"pubkey"},
        {"name":"maker","type":"pubkey"},
        {"name":"maker_order_id","type":"u64"},
        {"name":"taker_side","docs":["Taker side: 0 bid (taker bought), 1 ask."],"type":"u8"},
        {"name":"kind","docs":["0 order, 1 liquidation on the book."],"type":"u8"},
        {"name":"price","type":"u64"},
        {"name":"lots","type":"u64"},
        {"name":"quote_native","type":"u64"},
        {"name":"taker_fee_native","type":"u64"},
        {"name":"maker_fee_native","type":"u64"},
        {"name":"taker_realized_pnl_native","type":"i64"},
        {"name":"maker_realized_pnl_native","type":"i64"}
      ]}
    },
    {
      "name": "FundingUpdated",
      "docs": ["Funding accrued into the market index."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"market","type":"pubkey"},
        {"name":"oracle_price","type":"u64"},
        {"name":"impact_bid_price","docs":["Impact bid and ask at the market's impact notional now (0: the side is too thin)."],"type":"u64"},
        {"name":"impact_ask_price","type":"u64"},
        {"name":"premium_bps","docs":["Time-weighted impact premium charged, bps (clamped)."],"type":"i64"},
        {"name":"sampled_slots","docs":["Slots the premium samples covered."],"type":"u64"},
        {"name":"elapsed_slots","type":"u64"},
        {"name":"index_delta","type":"i64"},
        {"name":"cumulative_funding","docs":["The market's 128-bit cumulative funding index after, 1e-6 native per lot."],"type":{"defined":{"name":"Index128"}}}
      ]}
    },
    {
      "name": "PositionSettled",
      "docs": ["Funding and social loss settled into an account's cash (lazy settlement on touch)."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"market_index","type":"u16"},
        {"name":"funding_native","docs":["Funding paid (> 0) or received (< 0), native."],"type":"i64"},
        {"name":"social_loss_native","docs":["Social loss paid, native."],"type":"u64"}
      ]}
    },
    {
      "name": "Liquidation",
      "docs": ["Waterfall stage 1 (book) or 2 (backstop): part of a position closed."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"market","type":"pubkey"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"liquidator","type":"pubkey"},
        {"name":"stage","docs":["1 book, 2 backstop."],"type":"u8"},
        {"name":"base_before_lots","docs":["Position before, lots."],"type":"i64"},
        {"name":"closed_lots","docs":["Lots closed (absolute)."],"type":"u64"},
        {"name":"quote_native","docs":["Quote exchanged for them, native."],"type":"u64"},
        {"name":"oracle_price","type":"u64"},
        {"name":"keeper_fee_native","type":"u64"},
        {"name":"insurance_fee_native","type":"u64"},
        {"name":"equity_before_native","type":"i64"},
        {"name":"maint_before_native","type":"u64"},
        {"name":"equity_after_native","type":"i64"},
        {"name":"maint_after_native","type":"u64"},
        {"name":"orders_cancelled","type":"u32"},
        {"name":"status_after","docs":["Account status after: 0 healthy, 1 being liquidated, 2 bankrupt."],"type":"u8"},
        {"name":"deficit_native","docs":["Deficit crystallised by this step (account left with no positions and negative cash)."],"type":"u64"}
      ]}
    },
    {
      "name": "BankruptcyResolved",
      "docs": ["Waterfall stage 3: the insurance fund paid (part of) a bankrupt account's deficit."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"market_index","type":"u16"},
        {"name":"keeper","type":"pubkey"},
        {"name":"deficit_before_native","type":"u64"},
        {"name":"insurance_paid_native","type":"u64"},
        {"name":"deficit_after_native","type":"u64"},
        {"name":"insurance_balance_after_native","type":"u64"},
        {"name":"market_insurance_drawn_native","type":"u64"},
        {"name":"reserved_released_native","docs":["ADL reservation of the account released by this payment (paid or returned), native."],"type":"u64"}
      ]}
    },
    {
      "name": "AdlFill",
      "docs": ["One counterparty closed by ADL."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"account","docs":["Counterparty margin account."],"type":"pubkey"},
        {"name":"lots","docs":["Lots closed (always positive; direction is opposite to the bankrupt side)."],"type":"u64"},
        {"name":"score","docs":["Recomputed ranking score (SCORE_SCALE = 1.0)."],"type":"u64"},
        {"name":"upnl_native","docs":["Counterparty's unrealized PnL before the close, native."],"type":"i64"},
        {"name":"haircut_native","docs":["What it paid on top of the oracle price (its exact share of the shortfall), native."],"type":"u64"}
      ]}
    },
    {
      "name": "AutoDeleverage",
      "docs": ["Waterfall stage 4: a bankrupt position closed against ranked counterparties at the","bankruptcy price."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"market","type":"pubkey"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"keeper","type":"pubkey"},
        {"name":"base_before_lots","type":"i64"},
        {"name":"bankruptcy_price","type":"u64"},
        {"name":"oracle_price","type":"u64"},
        {"name":"insurance_available_native","docs":["Insurance this step counted on: the account's reservation after the step (reserved once,","never counted by another account), native."],"type":"u64"},
        {"name":"equity_before_native","type":"i64"},
        {"name":"equity_after_native","type":"i64"},
        {"name":"closed_lots","type":"u64"},
        {"name":"fill_count","type":"u8"},
        {"name":"fills","type":{"array":[{"defined":{"name":"AdlFill"}},8]}}
      ]}
    },
    {
      "name": "SocializedLoss",
      "docs": ["Waterfall stage 5: a deficit spread over the profiting side, or written off as bad debt."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"market_index","type":"u16"},
        {"name":"amount_native","type":"u64"},
        {"name":"charged_side","docs":["Side charged: 0 longs, 1 shorts."],"type":"u8"},
        {"name":"open_interest_lots","type":"u64"},
        {"name":"index_delta","docs":["Increase of the charged side's 128-bit social-loss index and its value after."],"type":{"defined":{"name":"Index128"}}},
        {"name":"index_after","type":{"defined":{"name":"Index128"}}},
        {"name":"bad_debt_native","docs":["Part written off as bad debt (no open interest to charge), native."],"type":"u64"}
      ]}
    },
    {
      "name": "BankruptcyRecorded",
      "docs": ["A margin account with no position and negative cash became BANKRUPT with exactly that","deficit, in the instruction that caused it."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"market_index","type":"u16"},
        {"name":"side","docs":["Side it held there: 0 long, 1 short."],"type":"u8"},
        {"name":"cause","docs":["1 book liquidation, 2 backstop, 3 ADL (liquidated account), 4 ADL counterparty,","5 taker, 6 maker, 7 settlement."],"type":"u8"},
        {"name":"deficit_native","type":"u64"},
        {"name":"total_deficit_native","type":"u64"}
      ]}
    },
    {
      "name": "BadDebtRecorded",
      "docs": ["A loss nobody could be charged was written off as exchange bad debt."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"market_index","type":"u16"},
        {"name":"reason","docs":["1 a social-loss charge beyond the position's equity."],"type":"u8"},
        {"name":"amount_native","type":"u64"},
        {"name":"bad_debt_total_native","type":"u64"}
      ]}
    },
    {
      "name": "UnderwaterMarked",
      "docs": ["`mark_underwater`: an account with positions and negative equity that no stage could","progress yet, recorded in the exchange totals (`marked_native` 0: the mark was cleared)."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"keeper","type":"pubkey"},
        {"name":"equity_native","type":"i64"},
        {"name":"maint_req_native","type":"u64"},
        {"name":"marked_native","type":"u64"},
        {"name":"total_underwater_native","type":"u64"},
        {"name":"underwater_count","type":"u64"}
      ]}
    },
    {
      "name": "SurplusSwept",
      "docs": ["Unsolicited tokens (surplus over every liability) moved into the insurance fund."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"caller","type":"pubkey"},
        {"name":"vault_surplus_native","docs":["From the trading vault (transferred to the insurance vault), native."],"type":"u64"},
        {"name":"insurance_surplus_native","docs":["Already in the insurance vault above the fund, native."],"type":"u64"},
        {"name":"insurance_after_native","type":"u64"}
      ]}
    },
    {
      "name": "InsuranceFlow",
      "docs": ["Insurance fund balance moved."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"kind","docs":["0 admin deposit, 1 fee sweep, 2 liquidation fee, 3 bankruptcy payment, 4 admin","withdrawal, 5 surplus sweep, 6 bad debt covered."],"type":"u8"},
        {"name":"amount_native","type":"u64"},
        {"name":"balance_after_native","type":"u64"}
      ]}
    },
    {
      "name": "InsuranceWithdrawalRequested",
      "docs": ["An insurance withdrawal was requested (executable after the delay)."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"amount_native","type":"u64"},
        {"name":"executable_slot","type":"u64"}
      ]}
    },
    {
      "name": "BackstopChanged",
      "docs": ["A backstop registered, updated or left."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"margin_account","type":"pubkey"},
        {"name":"market_mask","type":"u64"},
        {"name":"active","docs":["1 registered/updated, 0 removed."],"type":"u8"},
        {"name":"capacity_native","docs":["Committed capacity, native (0 when removed)."],"type":"u64"},
        {"name":"reason","docs":["0 by its owner, 1 evicted (capacity no longer held), 2 by the admin, 3 displaced by a","larger commitment while the registry was full."],"type":"u8"},
        {"name":"by","docs":["Who caused the change (the owner, an evicting keeper, the admin, the newcomer)."],"type":"pubkey"}
      ]}
    },
    {
      "name": "MarketStatusChanged",
      "docs": ["A market's status changed (0 active, 1 reduce-only, 2 halted)."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"market","type":"pubkey"},
        {"name":"status_before","type":"u8"},
        {"name":"status_after","type":"u8"}
      ]}
    },
    {
      "name": "ConfigChanged",
      "docs": ["Admin settings changed."],
      "serialization": "bytemuck",
      "repr": {"kind": "c", "packed": true},
      "type": {"kind": "struct", "fields": [
        {"name":"seq","type":"u64"},
        {"name":"slot","type":"u64"},
        {"name":"unix_time","type":"i64"},
        {"name":"deposit_policy","type":"u8"},
        {"name":"paused","type":"u8"}
      ]}
    }
  ]
};
