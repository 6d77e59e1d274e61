//! Events: the indexer's API. Every state change emits one, with the exchange-wide contiguous
//! sequence number `seq`, the slot and unix time, and all amounts with their units in the names.
//!
//! Emitted like Anchor's `emit_cpi!`, but **batched**: a self-invocation whose data is
//! `EVENT_IX_TAG ‖ (sha256("event:<Name>")[..8] ‖ fields)*`, signed by the event-authority PDA.
//! An instruction's events accumulate in a 10 KiB buffer (the runtime's CPI data limit) and go out
//! in one CPI when the instruction ends — or earlier, when the next event would not fit — so a
//! liquidation filling 100 makers costs 2 CPIs (≈ 50 `Fill`s each), not 100: the 64-entry
//! instruction-trace limit and ~1 000 CU per CPI no longer bound how many makers an instruction
//! can fill. Every event has a fixed size (no vectors), so a decoder walks the batch by
//! discriminator; Anchor's own event coder reads the first event of each batch. Inner
//! instructions are kept in full in transaction metadata, so log truncation cannot lose an event.
//! A gap in `seq` tells the indexer it missed something.

use crate::discriminator::{sighash, EVENT_IX_TAG};
use crate::error::{PerpError, PerpResult};
use crate::math::safe::SafeMath;
use crate::state::{Index128, Pod};
use core::mem::MaybeUninit;
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
        #[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
        pub fn register_all(reg: &mut crate::idl::Registry) -> std::vec::Vec<&'static str> {
            $( <$name as crate::idl::IdlStruct>::register(reg); )*
            std::vec![$(stringify!($name)),*]
        }
    };
}

/// Largest event payload (the ADL event).
pub const MAX_EVENT_LEN: usize = 768;

/// Bytes of one event CPI's data: the runtime's limit on CPI instruction data.
pub const BATCH_CAPACITY: usize = 10 * 1024;

/// The pending batch of the running instruction.
struct Batch {
    /// Bytes used in `data` (0: nothing pending; else ≥ 8, the tag written).
    len: usize,
    /// The event authority account of the instruction: written with the first event of a batch,
    /// read only while `len != 0`.
    authority: MaybeUninit<AccountView>,
    data: [u8; BATCH_CAPACITY],
}

/// The batch lives at the start of the program heap: this program allocates nothing else
/// (`no_allocator!`), and a 10 KiB buffer does not fit the 4 KiB stack frames.
#[cfg(any(target_arch = "bpf", target_os = "solana"))]
#[inline(always)]
fn batch() -> &'static mut Batch {
    const HEAP_START: usize = 0x3_0000_0000;
    const _: () = assert!(core::mem::size_of::<Batch>() <= 32 * 1024);
    // SAFETY: the runtime maps ≥ 32 KiB of 8-aligned heap at HEAP_START for each program
    // invocation; every bit pattern is a valid `Batch` (`len` is reset by `begin` before any use,
    // `authority` is uninit until written, `data` is bytes); nothing else in this program uses the
    // heap; execution is single-threaded and each borrow ends before the next `batch()` call.
    unsafe { &mut *(HEAP_START as *mut Batch) }
}

#[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
std::thread_local! {
    static HOST_BATCH: core::cell::RefCell<std::boxed::Box<Batch>> =
        core::cell::RefCell::new(std::boxed::Box::new(Batch {
            len: 0,
            authority: MaybeUninit::uninit(),
            data: [0; BATCH_CAPACITY],
        }));
}

/// Appends `event` to the instruction's batch (sending the batch first if it is full).
#[inline(never)]
pub fn emit<E: Event>(event_authority: &AccountView, event: &E) -> PerpResult {
    let len = core::mem::size_of::<E>();
    require!(len <= MAX_EVENT_LEN, PerpError::InvalidInstructionData);
    // SAFETY: `E: Pod` — packed, no padding — so its bytes are initialized; `len` is its size.
    let bytes = unsafe { core::slice::from_raw_parts(event as *const E as *const u8, len) };
    with_batch(|b| {
        if b.len != 0 && b.len.safe_add(8)?.safe_add(len)? > BATCH_CAPACITY {
            send(b)?;
        }
        if b.len == 0 {
            b.data[..8].copy_from_slice(&EVENT_IX_TAG);
            b.len = 8;
            b.authority = MaybeUninit::new(*event_authority);
        }
        let at = b.len;
        let body = at.safe_add(8)?;
        let end = body.safe_add(len)?;
        b.data[at..body].copy_from_slice(&E::DISCRIMINATOR);
        b.data[body..end].copy_from_slice(bytes);
        b.len = end;
        Ok(())
    })
}

/// Starts an instruction with an empty batch (the entrypoint calls this before the handler: the
/// batch never depends on what memory held before).
#[inline(always)]
pub fn begin() {
    // `with_batch` cannot fail here; the closure returns Ok.
    let _ = with_batch(|b| {
        b.len = 0;
        Ok(())
    });
}

/// Sends the instruction's pending events (the entrypoint calls this after a handler succeeds).
#[inline(never)]
pub fn flush() -> PerpResult {
    with_batch(send)
}

#[cfg(any(target_arch = "bpf", target_os = "solana"))]
#[inline(always)]
fn with_batch<R>(f: impl FnOnce(&mut Batch) -> PerpResult<R>) -> PerpResult<R> {
    f(batch())
}

#[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
fn with_batch<R>(f: impl FnOnce(&mut Batch) -> PerpResult<R>) -> PerpResult<R> {
    HOST_BATCH.with(|b| f(&mut b.borrow_mut()))
}

/// One self-CPI carrying the batch, signed by the event authority; empties the batch.
fn send(b: &mut Batch) -> PerpResult {
    if b.len == 0 {
        return Ok(());
    }
    let n = core::mem::replace(&mut b.len, 0);
    // SAFETY: `len != 0` only after `emit` wrote the authority for this batch.
    let authority = unsafe { b.authority.assume_init() };
    invoke_event(&authority, &b.data[..n])
}

#[cfg(any(target_arch = "bpf", target_os = "solana"))]
fn invoke_event(authority: &AccountView, data: &[u8]) -> PerpResult {
    use pinocchio::cpi::{invoke_signed_with_bounds, Seed, Signer};
    use pinocchio::instruction::{InstructionAccount, InstructionView};
    let metas = [InstructionAccount::readonly_signer(authority.address())];
    let ix = InstructionView { program_id: &crate::ID, data, accounts: &metas };
    let bump = [EVENT_AUTHORITY_BUMP];
    let seeds = [Seed::from(EVENT_AUTHORITY_SEED), Seed::from(&bump)];
    let signer = Signer::from(&seeds);
    invoke_signed_with_bounds::<1, AccountView>(&ix, core::slice::from_ref(authority), &[signer])
        .map_err(|_| PerpError::WrongEventAuthority)
}

/// Host builds (tests of pure code) keep the last batch sent for inspection.
#[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
fn invoke_event(_authority: &AccountView, data: &[u8]) -> PerpResult {
    HOST_SENT.with(|s| s.borrow_mut().push(data.to_vec()));
    Ok(())
}

#[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
std::thread_local! {
    /// Batches "sent" on the host, in order.
    pub static HOST_SENT: core::cell::RefCell<std::vec::Vec<std::vec::Vec<u8>>> =
        const { core::cell::RefCell::new(std::vec::Vec::new()) };
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
