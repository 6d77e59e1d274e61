//! Events: the indexer's API. Every state change emits one, with the exchange-wide contiguous
//! sequence number `seq`, the slot and unix time, and all amounts with their units in the names.
//!
//! Emitted like Anchor's `emit_cpi!`: a self-invocation whose data is
//! `EVENT_IX_TAG ‖ sha256("event:<Name>")[..8] ‖ fields`, signed by the event-authority PDA. Inner
//! instructions are kept in full in transaction metadata, so log truncation cannot lose an event,
//! and Anchor's event coder decodes them. A gap in `seq` tells the indexer it missed something.

use crate::discriminator::{sighash, EVENT_IX_TAG};
use crate::error::{PerpError, PerpResult};
use crate::math::safe::SafeMath;
use crate::state::{Index128, Pod};
use pinocchio::cpi::{invoke_signed_with_bounds, Seed, Signer};
use pinocchio::instruction::{InstructionAccount, InstructionView};
use pinocchio::{AccountView, Address};

/// Event authority PDA: `find_program_address(["__event_authority"], program)`.
pub const EVENT_AUTHORITY: Address = Address::from_str_const("8xUYKQtcBQ5v5h9sMAbUGF2KzNPzqjEFLZacnVNewM84");
/// Its bump.
pub const EVENT_AUTHORITY_BUMP: u8 = 254;
/// Seed of the event authority.
pub const EVENT_AUTHORITY_SEED: &[u8] = b"__event_authority";

/// An event type.
pub trait Event: Pod {
    const DISCRIMINATOR: [u8; 8];
}

macro_rules! events {
    ($($(#[doc = $doc:literal])* $name:ident { $($body:tt)* })*) => {
        $(
            packed_layout! { $(#[doc = $doc])* pub struct $name { $($body)* } }
            impl Event for $name {
                const DISCRIMINATOR: [u8; 8] = sighash("event:", stringify!($name));
            }
        )*
        /// Names of all events, for the IDL.
        #[cfg(not(target_arch = "bpf"))]
        pub fn register_all(reg: &mut crate::idl::Registry) -> std::vec::Vec<&'static str> {
            $( <$name as crate::idl::IdlStruct>::register(reg); )*
            std::vec![$(stringify!($name)),*]
        }
    };
}

/// Largest event payload (the ADL event).
pub const MAX_EVENT_LEN: usize = 768;

/// Emits `event` through a self-CPI signed by the event authority.
#[inline(never)]
pub fn emit<E: Event>(event_authority: &AccountView, event: &E) -> PerpResult {
    let len = core::mem::size_of::<E>();
    let mut buf = [0u8; 16 + MAX_EVENT_LEN];
    require!(len <= MAX_EVENT_LEN, PerpError::InvalidInstructionData);
    buf[..8].copy_from_slice(&EVENT_IX_TAG);
    buf[8..16].copy_from_slice(&E::DISCRIMINATOR);
    // SAFETY: `E: Pod` — packed, no padding — so its bytes are initialized; `len` is its size.
    let bytes = unsafe { core::slice::from_raw_parts(event as *const E as *const u8, len) };
    let end = len.safe_add(16)?;
    buf[16..end].copy_from_slice(bytes);
    let metas = [InstructionAccount::readonly_signer(event_authority.address())];
    let ix = InstructionView { program_id: &crate::ID, data: &buf[..end], accounts: &metas };
    let bump = [EVENT_AUTHORITY_BUMP];
    let seeds = [Seed::from(EVENT_AUTHORITY_SEED), Seed::from(&bump)];
    let signer = Signer::from(&seeds);
    invoke_signed_with_bounds::<1, AccountView>(&ix, core::slice::from_ref(event_authority), &[signer])
        .map_err(|_| PerpError::WrongEventAuthority)
}

/// Checks the event authority account passed to an event-emitting instruction.
#[inline(always)]
pub fn check_event_authority(event_authority: &AccountView, program: &AccountView) -> PerpResult {
    require!(event_authority.address() == &EVENT_AUTHORITY, PerpError::WrongEventAuthority);
    require!(program.address() == &crate::ID, PerpError::WrongProgram);
    Ok(())
}

/// Common header values.
#[derive(Clone, Copy)]
pub struct Stamp {
    pub seq: u64,
    pub slot: u64,
    pub unix_time: i64,
}

/// ADL counterparty record inside [`AutoDeleverage`].
pub const MAX_ADL_FILLS: usize = 8;

packed_layout! {
    /// One counterparty closed by ADL.
    pub struct AdlFill {
        /// Counterparty margin account.
        pub account: Address,
        /// Lots closed (always positive; direction is opposite to the bankrupt side).
        pub lots: u64,
        /// Recomputed ranking score (SCORE_SCALE = 1.0).
        pub score: u64,
        /// Counterparty's unrealized PnL before the close, native.
        pub upnl_native: i64,
        /// What it paid on top of the oracle price (its exact share of the shortfall), native.
        pub haircut_native: u64,
    }
}

events! {
    /// The exchange was created.
    ExchangeInitialized {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub exchange: Address, pub admin: Address, pub collateral_mint: Address,
        pub vault: Address, pub insurance_vault: Address,
        /// 0 CreditFirst, 1 RepayDebtFirst.
        pub deposit_policy: u8,
    }
    /// A market was created.
    MarketCreated {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub market: Address, pub market_index: u16, pub oracle: Address, pub order_book: Address,
        pub initial_margin_bps: u32, pub maintenance_margin_bps: u32, pub insurance_cap_native: u64,
    }
    /// A price feed was created.
    PriceFeedCreated {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub price_feed: Address, pub feed_id: u16, pub authority: Address,
    }
    /// A price was published.
    PriceUpdated {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub price_feed: Address, pub price: u64, pub confidence: u64, pub publish_slot: u64,
    }
    /// A margin account was opened.
    MarginAccountCreated {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub margin_account: Address, pub owner: Address, pub sub_account_id: u16,
    }
    /// Collateral deposited. `to_debt_native` went to an unresolved deficit (RepayDebtFirst only,
    /// never more than the user-signed maximum); `credited_native` went to cash.
    Deposit {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub margin_account: Address, pub owner: Address,
        pub amount_native: u64, pub to_debt_native: u64, pub credited_native: u64,
        pub max_debt_repayment_native: u64, pub deficit_after_native: u64, pub cash_after_native: i64,
        /// 0 CreditFirst, 1 RepayDebtFirst.
        pub deposit_policy: u8,
    }
    /// Collateral withdrawn.
    Withdraw {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub margin_account: Address, pub owner: Address, pub amount_native: u64, pub cash_after_native: i64,
        /// Extra cash claim given up while uncovered bad debt existed (its pro-rata share), native.
        pub bad_debt_share_native: u64,
    }
    /// An order was accepted (possibly fully filled immediately).
    OrderPlaced {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub market: Address, pub margin_account: Address, pub order_id: u64, pub client_order_id: u64,
        /// 0 bid, 1 ask.
        pub side: u8,
        /// 0 limit, 1 post-only, 2 immediate-or-cancel.
        pub order_type: u8,
        pub reduce_only: u8,
        pub price: u64, pub requested_lots: u64, pub filled_lots: u64, pub resting_lots: u64,
    }
    /// A resting order left the book without filling.
    OrderCancelled {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub market: Address, pub margin_account: Address, pub order_id: u64,
        pub side: u8,
        /// 0 owner, 1 self-trade prevention, 2 liquidation, 3 reduce-only had nothing to reduce,
        /// 4 the fill would have taken its owner below maintenance margin, 5 its owner went bankrupt
        /// after placing it.
        pub reason: u8,
        pub price: u64, pub lots: u64,
    }
    /// A trade between a taker and a resting maker order.
    Fill {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub market: Address, pub taker: Address, pub maker: Address, pub maker_order_id: u64,
        /// Taker side: 0 bid (taker bought), 1 ask.
        pub taker_side: u8,
        /// 0 order, 1 liquidation on the book.
        pub kind: u8,
        pub price: u64, pub lots: u64, pub quote_native: u64,
        pub taker_fee_native: u64, pub maker_fee_native: u64,
        pub taker_realized_pnl_native: i64, pub maker_realized_pnl_native: i64,
    }
    /// Funding accrued into the market index.
    FundingUpdated {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub market: Address, pub oracle_price: u64,
        /// Impact bid and ask at the market's impact notional now (0: the side is too thin).
        pub impact_bid_price: u64, pub impact_ask_price: u64,
        /// Time-weighted impact premium charged, bps (clamped).
        pub premium_bps: i64,
        /// Slots the premium samples covered.
        pub sampled_slots: u64,
        pub elapsed_slots: u64, pub index_delta: i64,
        /// The market's 128-bit cumulative funding index after, 1e-6 native per lot.
        pub cumulative_funding: Index128,
    }
    /// Funding and social loss settled into an account's cash (lazy settlement on touch).
    PositionSettled {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub margin_account: Address, pub market_index: u16,
        /// Funding paid (> 0) or received (< 0), native.
        pub funding_native: i64,
        /// Social loss paid, native.
        pub social_loss_native: u64,
    }
    /// Waterfall stage 1 (book) or 2 (backstop): part of a position closed.
    Liquidation {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub market: Address, pub margin_account: Address, pub liquidator: Address,
        /// 1 book, 2 backstop.
        pub stage: u8,
        /// Position before, lots.
        pub base_before_lots: i64,
        /// Lots closed (absolute).
        pub closed_lots: u64,
        /// Quote exchanged for them, native.
        pub quote_native: u64,
        pub oracle_price: u64,
        pub keeper_fee_native: u64, pub insurance_fee_native: u64,
        pub equity_before_native: i64, pub maint_before_native: u64,
        pub equity_after_native: i64, pub maint_after_native: u64,
        pub orders_cancelled: u32,
        /// Account status after: 0 healthy, 1 being liquidated, 2 bankrupt.
        pub status_after: u8,
        /// Deficit crystallised by this step (account left with no positions and negative cash).
        pub deficit_native: u64,
    }
    /// Waterfall stage 3: the insurance fund paid (part of) a bankrupt account's deficit.
    BankruptcyResolved {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub margin_account: Address, pub market_index: u16, pub keeper: Address,
        pub deficit_before_native: u64, pub insurance_paid_native: u64, pub deficit_after_native: u64,
        pub insurance_balance_after_native: u64, pub market_insurance_drawn_native: u64,
        /// ADL reservation of the account released by this payment (paid or returned), native.
        pub reserved_released_native: u64,
    }
    /// Waterfall stage 4: a bankrupt position closed against ranked counterparties at the
    /// bankruptcy price.
    AutoDeleverage {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub market: Address, pub margin_account: Address, pub keeper: Address,
        pub base_before_lots: i64,
        pub bankruptcy_price: u64, pub oracle_price: u64,
        /// Insurance this step counted on: the account's reservation after the step (reserved once,
        /// never counted by another account), native.
        pub insurance_available_native: u64,
        pub equity_before_native: i64, pub equity_after_native: i64,
        pub closed_lots: u64, pub fill_count: u8,
        pub fills: [AdlFill; 8],
    }
    /// Waterfall stage 5: a deficit spread over the profiting side, or written off as bad debt.
    SocializedLoss {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub margin_account: Address, pub market_index: u16,
        pub amount_native: u64,
        /// Side charged: 0 longs, 1 shorts.
        pub charged_side: u8,
        pub open_interest_lots: u64,
        /// Increase of the charged side's 128-bit social-loss index and its value after.
        pub index_delta: Index128, pub index_after: Index128,
        /// Part written off as bad debt (no open interest to charge), native.
        pub bad_debt_native: u64,
    }
    /// A margin account with no position and negative cash became BANKRUPT with exactly that
    /// deficit, in the instruction that caused it.
    BankruptcyRecorded {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub margin_account: Address, pub market_index: u16,
        /// Side it held there: 0 long, 1 short.
        pub side: u8,
        /// 1 book liquidation, 2 backstop, 3 ADL (liquidated account), 4 ADL counterparty,
        /// 5 taker, 6 maker, 7 settlement.
        pub cause: u8,
        pub deficit_native: u64,
        pub total_deficit_native: u64,
    }
    /// A loss nobody could be charged was written off as exchange bad debt.
    BadDebtRecorded {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub margin_account: Address, pub market_index: u16,
        /// 1 a social-loss charge beyond the position's equity.
        pub reason: u8,
        pub amount_native: u64,
        pub bad_debt_total_native: u64,
    }
    /// `mark_underwater`: an account with positions and negative equity that no stage could
    /// progress yet, recorded in the exchange totals (`marked_native` 0: the mark was cleared).
    UnderwaterMarked {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub margin_account: Address, pub keeper: Address,
        pub equity_native: i64, pub maint_req_native: u64,
        pub marked_native: u64,
        pub total_underwater_native: u64, pub underwater_count: u64,
    }
    /// Unsolicited tokens (surplus over every liability) moved into the insurance fund.
    SurplusSwept {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub caller: Address,
        /// From the trading vault (transferred to the insurance vault), native.
        pub vault_surplus_native: u64,
        /// Already in the insurance vault above the fund, native.
        pub insurance_surplus_native: u64,
        pub insurance_after_native: u64,
    }
    /// Insurance fund balance moved.
    InsuranceFlow {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        /// 0 admin deposit, 1 fee sweep, 2 liquidation fee, 3 bankruptcy payment, 4 admin
        /// withdrawal, 5 surplus sweep, 6 bad debt covered.
        pub kind: u8,
        pub amount_native: u64, pub balance_after_native: u64,
    }
    /// An insurance withdrawal was requested (executable after the delay).
    InsuranceWithdrawalRequested {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub amount_native: u64, pub executable_slot: u64,
    }
    /// A backstop registered, updated or left.
    BackstopChanged {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub margin_account: Address, pub market_mask: u64,
        /// 1 registered/updated, 0 removed.
        pub active: u8,
        /// Committed capacity, native (0 when removed).
        pub capacity_native: u64,
        /// 0 by its owner, 1 evicted (capacity no longer held), 2 by the admin, 3 displaced by a
        /// larger commitment while the registry was full.
        pub reason: u8,
        /// Who caused the change (the owner, an evicting keeper, the admin, the newcomer).
        pub by: Address,
    }
    /// A market's status changed (0 active, 1 reduce-only, 2 halted).
    MarketStatusChanged {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub market: Address, pub status_before: u8, pub status_after: u8,
    }
    /// Admin settings changed.
    ConfigChanged {
        pub seq: u64, pub slot: u64, pub unix_time: i64,
        pub deposit_policy: u8, pub paused: u8,
    }
}
